package dev.guanxi.crm.demo.internal;

import dev.guanxi.crm.customer.Gender;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Random;

/**
 * Realistic Chinese (and some English) names, mobile numbers, e-mail addresses, resident ID numbers, companies and
 * addresses, all drawn from one seeded {@link Random} so the same seed gives the same data.
 */
final class DemoFaker {

    /** A name and the romanized local part of an e-mail address for it. */
    record PersonName(String name, String emailLocal) {
    }

    /** A company name and the internet domain its staff write from. */
    record Company(String name, String domain) {
    }

    /** Surnames roughly by frequency: the first ones are drawn most often. */
    private static final String[][] SURNAMES = entries("""
            王 wang,李 li,张 zhang,刘 liu,陈 chen,杨 yang,赵 zhao,黄 huang,周 zhou,吴 wu,徐 xu,孙 sun,胡 hu,朱 zhu,
            高 gao,林 lin,何 he,郭 guo,马 ma,罗 luo,梁 liang,宋 song,郑 zheng,谢 xie,韩 han,唐 tang,冯 feng,于 yu,
            董 dong,萧 xiao,程 cheng,曹 cao,袁 yuan,邓 deng,许 xu,傅 fu,沈 shen,曾 zeng,彭 peng,吕 lv,苏 su,卢 lu,
            蒋 jiang,蔡 cai,贾 jia,丁 ding,魏 wei,薛 xue,叶 ye,阎 yan,余 yu,潘 pan,杜 du,戴 dai,夏 xia,钟 zhong,
            汪 wang,田 tian,任 ren,姜 jiang,范 fan,方 fang,石 shi,姚 yao,谭 tan,廖 liao,邹 zou,熊 xiong,金 jin,
            陆 lu,郝 hao,孔 kong,白 bai,崔 cui,康 kang,毛 mao,邱 qiu,秦 qin,江 jiang,史 shi,顾 gu,侯 hou,邵 shao,
            孟 meng,龙 long,万 wan,段 duan,雷 lei,钱 qian,汤 tang,尹 yin,黎 li,易 yi,常 chang,武 wu,乔 qiao,贺 he,
            赖 lai,龚 gong,文 wen,欧阳 ouyang,司马 sima""");
    private static final String[][] MALE_GIVEN = entries("""
            伟 wei,强 qiang,磊 lei,军 jun,勇 yong,杰 jie,涛 tao,斌 bin,超 chao,明 ming,刚 gang,平 ping,辉 hui,
            鹏 peng,华 hua,飞 fei,鑫 xin,波 bo,宇 yu,浩 hao,凯 kai,健 jian,俊 jun,帆 fan,建国 jianguo,建华 jianhua,
            志强 zhiqiang,俊杰 junjie,浩然 haoran,子豪 zihao,宇轩 yuxuan,文博 wenbo,海涛 haitao,国庆 guoqing,
            志明 zhiming,永刚 yonggang,晓东 xiaodong,建军 jianjun,天宇 tianyu,博文 bowen,一鸣 yiming,家豪 jiahao,
            明轩 mingxuan""");
    private static final String[][] FEMALE_GIVEN = entries("""
            芳 fang,娜 na,敏 min,静 jing,丽 li,艳 yan,娟 juan,霞 xia,燕 yan,玲 ling,婷 ting,雪 xue,琳 lin,颖 ying,
            洁 jie,慧 hui,秀英 xiuying,桂英 guiying,秀兰 xiulan,玉兰 yulan,欣怡 xinyi,梓涵 zihan,雨桐 yutong,
            诗涵 shihan,佳怡 jiayi,晓燕 xiaoyan,丽娟 lijuan,美玲 meiling,雅婷 yating,思琪 siqi,梦瑶 mengyao,
            晓丽 xiaoli,海燕 haiyan,淑华 shuhua,紫萱 zixuan,可馨 kexin""");
    private static final String[] ENGLISH_MALE = words(
            "James Michael David Daniel Thomas William Oliver Henry Lucas Peter Mark Kevin Jason Eric Tony");
    private static final String[] ENGLISH_FEMALE = words(
            "Emma Olivia Sophia Grace Emily Chloe Lily Amy Jessica Sarah Anna Linda Helen Vivian Cindy");
    private static final String[] ENGLISH_SURNAMES = words("""
            Thompson Smith Johnson Brown Taylor Wilson Anderson Clark Walker Lee Wang Chen Zhang Liu Martin Schmidt
            Dubois Rossi Tanaka Kim Park Nguyen Evans Hughes""");
    /** Brand words of company names: Chinese, romanized (for the domain), English. */
    private static final String[][] BRANDS = entries("""
            云帆 yunfan Cloudsail,华信 huaxin Sinotrust,恒通 hengtong Evercross,金桥 jinqiao Goldbridge,
            瑞丰 ruifeng Richharvest,博远 boyuan Farsight,天成 tiancheng Heavenmade,宏达 hongda Grandreach,
            中联 zhonglian Unilink,盛世 shengshi Prosperity,新锐 xinrui Newedge,众诚 zhongcheng Trustwell,
            鼎盛 dingsheng Summit,汇智 huizhi Wisdom,卓越 zhuoyue Excellence,嘉禾 jiahe Goodgrain,海纳 haina Oceanic,
            启明 qiming Morningstar,银河 yinhe Galaxy,长风 changfeng Longwind,锦程 jincheng Brightway,
            优品 youpin Finegoods,拓维 tuowei Pathfinder,远景 yuanjing Horizon,明德 mingde Virtue,蓝海 lanhai Bluewave,
            万象 wanxiang Panorama,东方 dongfang Orient,联创 lianchuang Cocreate,星辰 xingchen Starlight""");
    private static final String[] COMPANY_FORMS = {"有限公司", "有限公司", "有限公司", "股份有限公司", "有限责任公司",
            "集团有限公司"};
    private static final String[] ROADS = words("""
            人民路 中山路 解放路 建设路 和平路 文化路 新华路 长江路 科技路 学院路 创业路 滨江大道 世纪大道 东风路 青年路
            光明路 复兴路 园区路""");
    private static final String[] BUILDINGS = words("国际大厦 科技园 商务中心 金融中心 创业大厦 广场 写字楼 产业园");
    private static final String[] MAIL_PROVIDERS = words("163.com 126.com sina.com outlook.com gmail.com foxmail.com "
            + "hotmail.com sohu.com");
    /** Mobile prefixes in use (13x–19x); the eight digits after them come from a bijection of a counter. */
    private static final String[] MOBILE_PREFIXES = words("""
            130 131 132 133 134 135 136 137 138 139 150 151 152 153 155 156 157 158 159 166 170 171 172 173 175 176
            177 178 180 181 182 183 184 185 186 187 188 189 191 193 195 196 197 198 199""");
    private static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String ID_CHECK = "10X98765432";
    private static final DateTimeFormatter BASIC_DATE = DateTimeFormatter.BASIC_ISO_DATE;

    private final Random random;
    private final int[] regionCumulative;
    private long phoneCounter;

    DemoFaker(Random random) {
        this.random = random;
        this.regionCumulative = new int[Region.ALL.size()];
        int sum = 0;
        for (int i = 0; i < regionCumulative.length; i++) {
            sum += Region.ALL.get(i).weight();
            regionCumulative[i] = sum;
        }
    }

    /** True with the given probability. */
    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    /** Index into {@code weights} drawn in proportion to the weights. */
    int weighted(int... weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int r = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        throw new IllegalStateException("weights must be positive");
    }

    /** Integer in [from, to]. */
    int between(int from, int to) {
        return from + random.nextInt(to - from + 1);
    }

    Gender gender() {
        int r = random.nextInt(1000);
        return r < 498 ? Gender.MALE : r < 998 ? Gender.FEMALE : Gender.OTHER;
    }

    PersonName chineseName(Gender gender) {
        // Squaring a uniform draw favours the front of the list: 王, 李 and 张 are far more common than 司马.
        double u = random.nextDouble();
        String[] surname = SURNAMES[(int) (u * u * SURNAMES.length)];
        boolean male = gender == Gender.MALE || (gender == Gender.OTHER && random.nextBoolean());
        String[] given = pick(male ? MALE_GIVEN : FEMALE_GIVEN);
        return new PersonName(surname[0] + given[0], given[1] + "." + surname[1]);
    }

    PersonName englishName(Gender gender) {
        boolean male = gender == Gender.MALE || (gender == Gender.OTHER && random.nextBoolean());
        String first = pick(male ? ENGLISH_MALE : ENGLISH_FEMALE);
        String last = pick(ENGLISH_SURNAMES);
        return new PersonName(first + " " + last, (first + "." + last).toLowerCase());
    }

    Region region() {
        int r = random.nextInt(regionCumulative[regionCumulative.length - 1]);
        for (int i = 0; i < regionCumulative.length; i++) {
            if (r < regionCumulative[i]) {
                return Region.ALL.get(i);
            }
        }
        throw new IllegalStateException();
    }

    /**
     * A mobile number 1[3-9]x + 8 digits. The eight digits are a bijection of a running counter (multiplying by a
     * number coprime to 10^8), so the first hundred million numbers of one faker never repeat yet look random.
     */
    String mobile() {
        long suffix = Math.floorMod(phoneCounter++ * 73_939_133L + 20_240_517L, 100_000_000L);
        String digits = Long.toString(suffix);
        return pick(MOBILE_PREFIXES) + "00000000".substring(digits.length()) + digits;
    }

    String personalEmail(PersonName name) {
        if (chance(0.3)) {
            return between(10_000, 2_999_999) * 100L + random.nextInt(100) + "@qq.com";
        }
        String local = chance(0.5) ? name.emailLocal() : name.emailLocal().replace(".", "") + between(1, 9999);
        return local + "@" + pick(MAIL_PROVIDERS);
    }

    /** An 18-character resident ID number: area code, birth date, sequence (odd for men), ISO 7064 check digit. */
    String idNumber(Region region, LocalDate birthDate, Gender gender) {
        int sequence = random.nextInt(500) * 2 + (gender == Gender.MALE ? 1 : 0);
        String first17 = region.areaCode() + birthDate.format(BASIC_DATE) + String.format("%03d", sequence);
        return first17 + idCheckDigit(first17);
    }

    static char idCheckDigit(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * ID_WEIGHTS[i];
        }
        return ID_CHECK.charAt(sum % 11);
    }

    /** 杭州云帆科技有限公司, or in English Hangzhou Cloudsail Technology Co., Ltd. */
    Company company(Region region, Industry industry, boolean english) {
        String[] brand = pick(BRANDS);
        String domain = brand[1] + industry.domainWord() + (chance(0.6) ? ".com" : ".com.cn");
        if (english) {
            return new Company(region.cityPinyin() + " " + brand[2] + " " + pick(industry.englishWords())
                    + " Co., Ltd.", domain);
        }
        return new Company(region.cityShort() + brand[0] + pick(industry.chineseWords()) + pick(COMPANY_FORMS), domain);
    }

    String address(Region region, boolean office) {
        String street = region.district() + pick(ROADS) + between(1, 999) + "号";
        return office ? street + pick(BUILDINGS) + between(2, 32) + "层" : street + between(1, 30) + "栋"
                + between(1, 28) + String.format("%02d", between(1, 8)) + "室";
    }

    private static String[] words(String text) {
        return text.strip().split("\\s+");
    }

    /** "王 wang,李 li" → {{"王", "wang"}, {"李", "li"}}. */
    private static String[][] entries(String text) {
        String[] entries = text.replace("\n", "").split(",");
        String[][] result = new String[entries.length][];
        for (int i = 0; i < entries.length; i++) {
            result[i] = entries[i].strip().split(" ");
        }
        return result;
    }
}
