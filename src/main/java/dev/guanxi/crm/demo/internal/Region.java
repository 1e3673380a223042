package dev.guanxi.crm.demo.internal;

import java.util.List;

/**
 * A real province / city / district with its administrative division code (the first six digits of a resident
 * ID number), the city's romanization for English company names, and a weight for how often it is drawn.
 */
record Region(String province, String city, String district, String areaCode, String cityPinyin, int weight) {

    /** Weighted towards the large coastal economies, as a CRM of a Chinese company would see it. */
    static final List<Region> ALL = List.of(
            new Region("北京市", "北京市", "朝阳区", "110105", "Beijing", 6),
            new Region("北京市", "北京市", "海淀区", "110108", "Beijing", 5),
            new Region("北京市", "北京市", "东城区", "110101", "Beijing", 2),
            new Region("上海市", "上海市", "浦东新区", "310115", "Shanghai", 7),
            new Region("上海市", "上海市", "徐汇区", "310104", "Shanghai", 3),
            new Region("上海市", "上海市", "静安区", "310106", "Shanghai", 3),
            new Region("天津市", "天津市", "和平区", "120101", "Tianjin", 2),
            new Region("重庆市", "重庆市", "渝中区", "500103", "Chongqing", 2),
            new Region("重庆市", "重庆市", "渝北区", "500112", "Chongqing", 2),
            new Region("浙江省", "杭州市", "西湖区", "330106", "Hangzhou", 5),
            new Region("浙江省", "杭州市", "滨江区", "330108", "Hangzhou", 4),
            new Region("浙江省", "宁波市", "鄞州区", "330212", "Ningbo", 3),
            new Region("浙江省", "温州市", "鹿城区", "330302", "Wenzhou", 2),
            new Region("广东省", "深圳市", "南山区", "440305", "Shenzhen", 6),
            new Region("广东省", "深圳市", "福田区", "440304", "Shenzhen", 4),
            new Region("广东省", "广州市", "天河区", "440106", "Guangzhou", 6),
            new Region("广东省", "佛山市", "南海区", "440605", "Foshan", 3),
            new Region("江苏省", "南京市", "鼓楼区", "320106", "Nanjing", 4),
            new Region("江苏省", "苏州市", "姑苏区", "320508", "Suzhou", 4),
            new Region("江苏省", "无锡市", "梁溪区", "320213", "Wuxi", 2),
            new Region("四川省", "成都市", "武侯区", "510107", "Chengdu", 4),
            new Region("四川省", "成都市", "锦江区", "510104", "Chengdu", 2),
            new Region("湖北省", "武汉市", "洪山区", "420111", "Wuhan", 3),
            new Region("湖北省", "武汉市", "武昌区", "420106", "Wuhan", 2),
            new Region("湖南省", "长沙市", "岳麓区", "430104", "Changsha", 3),
            new Region("山东省", "济南市", "历下区", "370102", "Jinan", 2),
            new Region("山东省", "青岛市", "市南区", "370202", "Qingdao", 3),
            new Region("福建省", "厦门市", "思明区", "350203", "Xiamen", 3),
            new Region("福建省", "福州市", "鼓楼区", "350102", "Fuzhou", 2),
            new Region("河南省", "郑州市", "金水区", "410105", "Zhengzhou", 3),
            new Region("陕西省", "西安市", "雁塔区", "610113", "Xi'an", 3),
            new Region("安徽省", "合肥市", "蜀山区", "340104", "Hefei", 2),
            new Region("辽宁省", "沈阳市", "和平区", "210102", "Shenyang", 2),
            new Region("辽宁省", "大连市", "中山区", "210202", "Dalian", 2),
            new Region("河北省", "石家庄市", "长安区", "130102", "Shijiazhuang", 2),
            new Region("云南省", "昆明市", "五华区", "530102", "Kunming", 2),
            new Region("江西省", "南昌市", "东湖区", "360102", "Nanchang", 1),
            new Region("黑龙江省", "哈尔滨市", "南岗区", "230103", "Harbin", 1),
            new Region("吉林省", "长春市", "朝阳区", "220104", "Changchun", 1),
            new Region("广西壮族自治区", "南宁市", "青秀区", "450103", "Nanning", 1),
            new Region("海南省", "海口市", "美兰区", "460108", "Haikou", 1),
            new Region("贵州省", "贵阳市", "南明区", "520102", "Guiyang", 1),
            new Region("山西省", "太原市", "小店区", "140105", "Taiyuan", 1));

    /** The city without its 市 suffix, as it starts a company name (杭州云帆科技有限公司). */
    String cityShort() {
        return city.endsWith("市") ? city.substring(0, city.length() - 1) : city;
    }
}
