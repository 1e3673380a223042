package dev.guanxi.crm.demo.internal;

import dev.guanxi.crm.customer.CreditTerms;
import dev.guanxi.crm.customer.CustomerKind;
import dev.guanxi.crm.customer.CustomerType;
import dev.guanxi.crm.customer.Gender;
import dev.guanxi.crm.customer.LifecycleStage;
import dev.guanxi.crm.customer.LoyaltyStatus;
import dev.guanxi.crm.customer.RelationshipLevel;
import dev.guanxi.crm.customer.Settlement;
import dev.guanxi.crm.customer.ValueTier;
import dev.guanxi.crm.demo.internal.DemoCustomer.Contact;
import dev.guanxi.crm.demo.internal.DemoFaker.Company;
import dev.guanxi.crm.demo.internal.DemoFaker.PersonName;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates customers one after another from a seed: the same seed, owners, count and clock give the same rows.
 * Creation times rise with the row number and spread evenly over the last three years, as if the customers had
 * been entered over that time.
 */
final class DemoCustomers {

    static final int HISTORY_YEARS = 3;
    static final String[] SOURCES = {"WEBSITE", "REFERRAL", "EXHIBITION", "COLD_CALL", "ADVERTISING", "PARTNER",
            "WECHAT"};
    private static final int[] SOURCE_WEIGHTS = {25, 18, 12, 10, 12, 8, 15};
    private static final String[] TAGS = {"重点跟进", "价格敏感", "新品试用", "转介绍", "大单潜力", "需回访", "线上活跃",
            "节日礼品", "决策链长", "样品已寄"};
    private static final String[] INTERNAL_UNITS = {"总部行政部", "华东仓储中心", "研发中心", "客户服务中心",
            "总部市场部", "财务共享中心", "人力资源部", "华南分公司"};
    private static final String[] YOUNG_OCCUPATIONS = {"学生", "程序员", "设计师", "销售", "客服专员", "护士", "教师"};
    private static final String[] WORKING_OCCUPATIONS = {"工程师", "教师", "医生", "会计", "销售经理", "公务员", "律师",
            "设计师", "程序员", "护士", "自由职业", "企业主", "个体户", "产品经理", "项目经理", "人力资源", "司机"};
    private static final String[] SENIOR_OCCUPATIONS = {"退休人员", "退休人员", "退休人员", "企业主", "个体户", "教师",
            "医生"};
    private static final String[][] TITLES = {{"总经理", "决策人"}, {"副总经理", "决策人"}, {"董事长", "决策人"},
            {"采购经理", "采购对接"}, {"采购专员", "采购对接"}, {"财务总监", "财务对接"}, {"财务经理", "财务对接"},
            {"CTO", "技术评估"}, {"技术总监", "技术评估"}, {"IT经理", "技术评估"}, {"销售总监", "日常联系"},
            {"市场经理", "日常联系"}, {"行政主管", "日常联系"}, {"运营总监", "日常联系"}, {"项目经理", "日常联系"}};
    private static final String[] ORG_MAILBOXES = {"info", "sales", "contact", "service", "office"};
    private static final Industry[] INDUSTRIES = Industry.values();

    private final DemoFaker faker;
    private final Random random;
    private final long[] ownerIds;
    private final long[] ownerTeams;
    private final long total;
    private final Instant start;
    private final long spanSeconds;
    private final Instant now;
    private final LocalDate today;
    private long index;

    /**
     * @param owners the users customers are assigned to; an owner with weight 3 gets three times the customers
     * @param total  how many customers will be drawn, to spread the creation times
     */
    DemoCustomers(long seed, List<DemoStaff.Owner> owners, long total, Instant now) {
        if (owners.isEmpty()) {
            throw new IllegalArgumentException("demo customers need at least one owner");
        }
        this.random = new Random(seed);
        this.faker = new DemoFaker(random);
        int slots = owners.stream().mapToInt(DemoStaff.Owner::weight).sum();
        this.ownerIds = new long[slots];
        this.ownerTeams = new long[slots];
        int slot = 0;
        for (DemoStaff.Owner owner : owners) {
            for (int i = 0; i < owner.weight(); i++, slot++) {
                ownerIds[slot] = owner.userId();
                ownerTeams[slot] = owner.teamId();
            }
        }
        this.total = Math.max(1, total);
        this.now = now.truncatedTo(ChronoUnit.SECONDS);
        this.today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        this.start = this.now.minus(Duration.ofDays(365L * HISTORY_YEARS));
        this.spanSeconds = Duration.between(start, this.now).getSeconds();
    }

    DemoCustomer next(long id) {
        double position = (index++ + random.nextDouble()) / total;
        Instant createdAt = start.plusSeconds((long) (position * spanSeconds));
        Instant updatedAt = faker.chance(0.5) ? createdAt
                : createdAt.plusSeconds((long) (random.nextDouble() * Duration.between(createdAt, now).getSeconds()));
        int owner = random.nextInt(ownerIds.length);
        // 60 % consumers, 30 % businesses, 9.5 % channel partners, 0.5 % internal customers.
        CustomerType type = CustomerType.values()[faker.weighted(1200, 600, 190, 10)];
        return type == CustomerType.CONSUMER
                ? person(id, ownerIds[owner], ownerTeams[owner], createdAt, updatedAt)
                : organization(id, type, ownerIds[owner], ownerTeams[owner], createdAt, updatedAt);
    }

    private DemoCustomer person(long id, long ownerId, long teamId, Instant createdAt, Instant updatedAt) {
        Gender gender = faker.gender();
        PersonName name = faker.chance(0.06) ? faker.englishName(gender) : faker.chineseName(gender);
        LocalDate birthDate = today.minusYears(20).minusDays(random.nextInt(50 * 365));
        int age = birthDate.until(today).getYears();
        String occupation = faker.pick(age < 25 ? YOUNG_OCCUPATIONS : age < 58 ? WORKING_OCCUPATIONS
                : SENIOR_OCCUPATIONS);
        boolean employed = !occupation.equals("学生") && !occupation.equals("退休人员");
        String industry = employed && faker.chance(0.5) ? faker.pick(INDUSTRIES).label() : null;
        Region region = faker.region();
        LifecycleStage stage = lifecycle();
        ValueTier tier = tier(stage, 2, 8, 35, 55);
        Settlement settlement = faker.chance(0.85) ? Settlement.CASH : Settlement.PREPAID;
        String source = SOURCES[faker.weighted(SOURCE_WEIGHTS)];
        LoyaltyStatus loyalty = loyalty(stage);
        return new DemoCustomer(id, CustomerKind.PERSON, name.name(), CustomerType.CONSUMER, tier, loyalty,
                settlement, null, null, stage, RelationshipLevel.values()[faker.weighted(45, 30, 15, 8, 2)],
                industry, occupation, birthDate, gender, region,
                faker.chance(0.6) ? faker.address(region, false) : null, source, tags(tier, loyalty, source),
                faker.chance(0.97) ? faker.mobile() : null,
                faker.chance(0.7) ? faker.personalEmail(name) : null,
                faker.chance(0.35) ? faker.idNumber(region, birthDate, gender) : null,
                ownerId, teamId, createdAt, updatedAt, List.of());
    }

    private DemoCustomer organization(long id, CustomerType type, long ownerId, long teamId, Instant createdAt,
                                      Instant updatedAt) {
        Region region = faker.region();
        if (type == CustomerType.INTERNAL) {
            String domain = DemoStaff.EMAIL_DOMAIN;
            return new DemoCustomer(id, CustomerKind.ORGANIZATION, faker.pick(INTERNAL_UNITS), type, null, null,
                    Settlement.CASH, null, null, null, RelationshipLevel.PARTNER, null, null, null, null, region,
                    faker.address(region, true), null, List.of(), faker.mobile(), null, null, ownerId, teamId,
                    createdAt, updatedAt, contacts(domain, false));
        }
        boolean channel = type == CustomerType.CHANNEL;
        Industry industry = channel ? faker.pick(Industry.CHANNEL) : faker.pick(INDUSTRIES);
        boolean english = faker.chance(0.15);
        Company company = faker.company(region, industry, english);
        LifecycleStage stage = lifecycle();
        ValueTier tier = tier(stage, 6, 20, 40, 34);
        Settlement settlement = Settlement.values()[channel ? faker.weighted(20, 30, 50) : faker.weighted(35, 20, 45)];
        CreditTerms terms = null;
        Long creditLimit = null;
        if (settlement == Settlement.CREDIT) {
            terms = faker.chance(0.7) ? CreditTerms.MONTHLY : CreditTerms.QUARTERLY;
            creditLimit = creditLimit(tier);
        }
        String source = channel && faker.chance(0.5) ? "PARTNER" : SOURCES[faker.weighted(SOURCE_WEIGHTS)];
        LoyaltyStatus loyalty = loyalty(stage);
        RelationshipLevel level = RelationshipLevel.values()[channel ? faker.weighted(5, 10, 20, 25, 40)
                : faker.weighted(30, 25, 22, 15, 8)];
        return new DemoCustomer(id, CustomerKind.ORGANIZATION, company.name(), type, tier, loyalty, settlement, terms,
                creditLimit, stage, level, industry.label(), null, null, null, region,
                faker.chance(0.9) ? faker.address(region, true) : null, source, tags(tier, loyalty, source),
                faker.chance(0.95) ? faker.mobile() : null,
                faker.chance(0.75) ? faker.pick(ORG_MAILBOXES) + "@"
                        + company.domain() : null,
                null, ownerId, teamId, createdAt, updatedAt, contacts(company.domain(), english));
    }

    private LifecycleStage lifecycle() {
        return LifecycleStage.values()[faker.weighted(20, 25, 33, 14, 8)];
    }

    /** Prospects have bought nothing yet, so the ABC analysis has not ranked them. */
    private ValueTier tier(LifecycleStage stage, int... weights) {
        return stage == LifecycleStage.PROSPECT ? null : ValueTier.values()[faker.weighted(weights)];
    }

    private LoyaltyStatus loyalty(LifecycleStage stage) {
        return switch (stage) {
            case PROSPECT -> LoyaltyStatus.POTENTIAL;
            case GROWTH -> faker.chance(0.6) ? LoyaltyStatus.NEW : LoyaltyStatus.REPEAT;
            case MATURITY -> faker.chance(0.5) ? LoyaltyStatus.REPEAT : LoyaltyStatus.LOYAL;
            case DECLINE -> faker.chance(0.7) ? LoyaltyStatus.REPEAT : LoyaltyStatus.LOYAL;
            case TERMINATED -> faker.chance(0.6) ? LoyaltyStatus.NEW : LoyaltyStatus.REPEAT;
        };
    }

    /** In whole yuan, rounded to thousands, larger for more valuable customers. */
    private long creditLimit(ValueTier tier) {
        int thousands = switch (tier == null ? ValueTier.SMALL : tier) {
            case VIP -> faker.between(1_000, 5_000);
            case MAJOR -> faker.between(200, 1_000);
            case MEDIUM -> faker.between(50, 200);
            case SMALL -> faker.between(10, 50);
        };
        return thousands * 1_000L;
    }

    /** Zero to three tags; VIP members, exhibition leads and repeat buyers are usually tagged as such. */
    private List<String> tags(ValueTier tier, LoyaltyStatus loyalty, String source) {
        List<String> tags = new ArrayList<>(3);
        if (tier == ValueTier.VIP && faker.chance(0.8)) {
            tags.add("VIP会员");
        }
        if ("EXHIBITION".equals(source) && faker.chance(0.6)) {
            tags.add("展会");
        }
        if ((loyalty == LoyaltyStatus.REPEAT || loyalty == LoyaltyStatus.LOYAL) && faker.chance(0.4)) {
            tags.add("老客户");
        }
        int more = faker.weighted(45, 35, 15, 5);
        for (int i = 0; i < more && tags.size() < 3; i++) {
            String tag = faker.pick(TAGS);
            if (!tags.contains(tag)) {
                tags.add(tag);
            }
        }
        return tags;
    }

    private List<Contact> contacts(String domain, boolean english) {
        int count = 1 + faker.weighted(45, 35, 20);
        List<Contact> contacts = new ArrayList<>(count);
        List<String[]> titles = new ArrayList<>(List.of(TITLES));
        for (int i = 0; i < count; i++) {
            Gender gender = faker.chance(0.5) ? Gender.MALE : Gender.FEMALE;
            PersonName name = english && faker.chance(0.5) ? faker.englishName(gender) : faker.chineseName(gender);
            String[] title = titles.remove(random.nextInt(titles.size()));
            contacts.add(new Contact(name.name(), title[0], title[1], faker.chance(0.9) ? faker.mobile() : null,
                    faker.chance(0.8) ? name.emailLocal() + "@" + domain : null, i == 0));
        }
        return contacts;
    }
}
