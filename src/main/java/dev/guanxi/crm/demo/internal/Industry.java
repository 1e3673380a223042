package dev.guanxi.crm.demo.internal;

/** Industries of demo companies: the stored label, words that end a company name, and a domain word. */
enum Industry {
    MANUFACTURING("制造业", "mfg", new String[]{"机械制造", "电子", "精密机械", "新材料"},
            new String[]{"Machinery", "Electronics", "Manufacturing"}),
    RETAIL("零售", "retail", new String[]{"商贸", "百货", "连锁超市"}, new String[]{"Trading", "Retail"}),
    WHOLESALE("批发", "trade", new String[]{"贸易", "进出口贸易", "商贸"}, new String[]{"Trading", "Import & Export"}),
    FINANCE("金融", "capital", new String[]{"投资管理", "融资租赁", "资产管理"},
            new String[]{"Investment", "Financial Services"}),
    INTERNET("互联网", "tech", new String[]{"网络科技", "信息技术", "科技", "软件"},
            new String[]{"Technology", "Network Technology", "Software"}),
    EDUCATION("教育", "edu", new String[]{"教育科技", "教育咨询"}, new String[]{"Education Technology"}),
    HEALTHCARE("医疗", "med", new String[]{"医疗器械", "医药", "健康管理"},
            new String[]{"Medical Devices", "Pharmaceutical"}),
    LOGISTICS("物流", "logistics", new String[]{"物流", "供应链管理", "国际货运代理"},
            new String[]{"Logistics", "Supply Chain"}),
    CATERING("餐饮", "food", new String[]{"餐饮管理", "食品"}, new String[]{"Catering", "Foods"}),
    REAL_ESTATE("房地产", "realty", new String[]{"置业", "房地产开发"}, new String[]{"Real Estate"}),
    ENERGY("能源", "energy", new String[]{"新能源", "能源科技"}, new String[]{"New Energy"}),
    AGRICULTURE("农业", "agri", new String[]{"农业发展", "生态农业"}, new String[]{"Agriculture"}),
    CONSTRUCTION("建筑", "build", new String[]{"建设工程", "建筑装饰工程"}, new String[]{"Construction"}),
    AUTOMOTIVE("汽车", "auto", new String[]{"汽车销售服务", "汽车零部件"}, new String[]{"Auto Parts", "Motors"}),
    MEDIA("文化传媒", "media", new String[]{"文化传媒", "广告"}, new String[]{"Media", "Advertising"});

    /** Industries a channel partner (agent, distributor, franchisee) is in. */
    static final Industry[] CHANNEL = {RETAIL, WHOLESALE, WHOLESALE, LOGISTICS, AUTOMOTIVE, CATERING};

    private final String label;
    private final String domainWord;
    private final String[] chineseWords;
    private final String[] englishWords;

    Industry(String label, String domainWord, String[] chineseWords, String[] englishWords) {
        this.label = label;
        this.domainWord = domainWord;
        this.chineseWords = chineseWords;
        this.englishWords = englishWords;
    }

    String label() {
        return label;
    }

    String domainWord() {
        return domainWord;
    }

    String[] chineseWords() {
        return chineseWords;
    }

    String[] englishWords() {
        return englishWords;
    }
}
