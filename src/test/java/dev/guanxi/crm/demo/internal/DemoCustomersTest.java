package dev.guanxi.crm.demo.internal;

import dev.guanxi.crm.customer.CustomerKind;
import dev.guanxi.crm.customer.CustomerType;
import dev.guanxi.crm.customer.Gender;
import dev.guanxi.crm.customer.LifecycleStage;
import dev.guanxi.crm.customer.LoyaltyStatus;
import dev.guanxi.crm.customer.Settlement;
import dev.guanxi.crm.customer.ValueTier;
import dev.guanxi.crm.demo.internal.DemoFaker.PersonName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class DemoCustomersTest {

    private static final Pattern MOBILE = Pattern.compile("1[3-9][0-9]{9}");
    private static final Pattern EMAIL = Pattern.compile("[a-z0-9._-]+@[a-z0-9.-]+\\.[a-z]{2,}");
    private static final Instant NOW = Instant.parse("2026-06-15T08:00:00Z");
    private static final List<DemoStaff.Owner> OWNERS = List.of(new DemoStaff.Owner(11, 1, 1),
            new DemoStaff.Owner(12, 1, 3), new DemoStaff.Owner(21, 2, 3));

    @Test
    void mobileNumbersMatchTheChineseMobilePatternAndDoNotRepeat() {
        DemoFaker faker = new DemoFaker(new Random(1));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200_000; i++) {
            String mobile = faker.mobile();
            assertThat(mobile).matches(MOBILE);
            assertThat(seen.add(mobile)).as("unique: %s", mobile).isTrue();
        }
    }

    @Test
    void regionsAreConsistentProvinceCityDistrictTriples() {
        assertThat(Region.ALL.stream().map(Region::province).distinct().count()).isGreaterThanOrEqualTo(12);
        Map<String, String> provinceOfCode = new java.util.HashMap<>();
        Map<String, String> cityOfCode = new java.util.HashMap<>();
        Set<String> triples = new HashSet<>();
        for (Region r : Region.ALL) {
            assertThat(r.areaCode()).matches("[1-6][0-9]{5}");
            // The division code nests: two digits name the province, four the city.
            assertThat(provinceOfCode.putIfAbsent(r.areaCode().substring(0, 2), r.province()))
                    .as(r.toString()).isIn(null, r.province());
            assertThat(cityOfCode.putIfAbsent(r.areaCode().substring(0, 4), r.city()))
                    .as(r.toString()).isIn(null, r.city());
            assertThat(r.province()).matches(".+(省|市|自治区)");
            assertThat(r.city()).endsWith("市");
            assertThat(r.district()).matches(".+(区|县)");
            assertThat(triples.add(r.province() + r.city() + r.district())).isTrue();
            if (r.province().endsWith("市")) {
                assertThat(r.city()).as("municipality").isEqualTo(r.province());
            }
        }
        assertThat(provinceOfCode.values().stream().distinct().count())
                .isEqualTo(Region.ALL.stream().map(Region::province).distinct().count());
    }

    @Test
    void idNumbersCarryRegionBirthDateSexAndAValidCheckDigit() {
        DemoFaker faker = new DemoFaker(new Random(7));
        LocalDate birth = LocalDate.of(1988, 6, 24);
        for (int i = 0; i < 1_000; i++) {
            Region region = faker.region();
            Gender gender = i % 2 == 0 ? Gender.MALE : Gender.FEMALE;
            String id = faker.idNumber(region, birth, gender);
            assertThat(id).hasSize(18).startsWith(region.areaCode() + "19880624").matches("[0-9]{17}[0-9X]");
            assertThat((id.charAt(16) - '0') % 2).isEqualTo(gender == Gender.MALE ? 1 : 0);
            assertThat(checksumHolds(id)).as(id).isTrue();
        }
        // A published example number (GB 11643-1999): 11010519491231002X.
        assertThat(DemoFaker.idCheckDigit("11010519491231002")).isEqualTo('X');
    }

    @Test
    void namesAreChineseOrEnglishWithAnAsciiMailbox() {
        DemoFaker faker = new DemoFaker(new Random(3));
        for (int i = 0; i < 1_000; i++) {
            PersonName chinese = faker.chineseName(i % 2 == 0 ? Gender.MALE : Gender.FEMALE);
            assertThat(chinese.name()).matches("\\p{IsHan}{2,4}");
            assertThat(chinese.emailLocal()).matches("[a-z]+\\.[a-z]+");
            PersonName english = faker.englishName(Gender.FEMALE);
            assertThat(english.name()).matches("[A-Z][a-z]+ [A-Z][a-z]+");
            assertThat(faker.personalEmail(chinese)).matches(EMAIL);
        }
    }

    @Test
    void theSameSeedGivesTheSameCustomers() {
        DemoCustomers first = new DemoCustomers(42, OWNERS, 500, NOW);
        DemoCustomers second = new DemoCustomers(42, OWNERS, 500, NOW);
        DemoCustomers otherSeed = new DemoCustomers(43, OWNERS, 500, NOW);
        List<DemoCustomer> a = new ArrayList<>();
        List<DemoCustomer> c = new ArrayList<>();
        for (int i = 1; i <= 500; i++) {
            DemoCustomer one = first.next(i);
            assertThat(second.next(i)).isEqualTo(one);
            a.add(one);
            c.add(otherSeed.next(i));
        }
        assertThat(c).isNotEqualTo(a);
    }

    @Test
    void customersAreConsistentAndSpreadLikeARealCustomerBase() {
        int count = 20_000;
        DemoCustomers customers = new DemoCustomers(42, OWNERS, count, NOW);
        LocalDate today = LocalDate.ofInstant(NOW, ZoneOffset.UTC);
        Instant threeYearsAgo = NOW.minus(3 * 365, ChronoUnit.DAYS);
        Map<CustomerType, Integer> types = new EnumMap<>(CustomerType.class);
        Map<ValueTier, Integer> tiers = new EnumMap<>(ValueTier.class);
        Set<String> sources = new HashSet<>();
        Set<String> provinces = new HashSet<>();
        Map<Long, Integer> owners = new java.util.HashMap<>();
        int emails = 0;
        int credit = 0;
        Instant previous = Instant.MIN;
        for (int i = 1; i <= count; i++) {
            DemoCustomer c = customers.next(i);
            assertThat(c.id()).isEqualTo(i);
            types.merge(c.type(), 1, Integer::sum);
            if (c.valueTier() != null) {
                tiers.merge(c.valueTier(), 1, Integer::sum);
            }
            owners.merge(c.ownerId(), 1, Integer::sum);
            assertThat(c.teamId()).isEqualTo(c.ownerId() < 20 ? 1 : 2);
            assertThat(c.name()).isNotBlank().hasSizeLessThanOrEqualTo(200);
            assertThat(c.kind()).isEqualTo(c.type() == CustomerType.CONSUMER ? CustomerKind.PERSON
                    : CustomerKind.ORGANIZATION);
            assertThat(c.settlement() == Settlement.CREDIT).isEqualTo(c.creditLimit() != null)
                    .isEqualTo(c.creditTerms() != null);
            if (c.settlement() == Settlement.CREDIT) {
                credit++;
                assertThat(c.creditLimit()).isBetween(10_000L, 5_000_000L);
            }
            if (c.lifecycleStage() == LifecycleStage.PROSPECT) {
                assertThat(c.loyaltyStatus()).isEqualTo(LoyaltyStatus.POTENTIAL);
            }
            assertThat(c.tags()).hasSizeLessThanOrEqualTo(3).doesNotHaveDuplicates();
            if (c.phone() != null) {
                assertThat(c.phone()).matches(MOBILE);
            }
            if (c.email() != null) {
                emails++;
                assertThat(c.email()).matches(EMAIL);
            }
            assertThat(c.createdAt()).isAfterOrEqualTo(threeYearsAgo).isBeforeOrEqualTo(NOW)
                    .isAfterOrEqualTo(previous);
            assertThat(c.updatedAt()).isAfterOrEqualTo(c.createdAt()).isBeforeOrEqualTo(NOW);
            previous = c.createdAt();
            if (c.source() != null) {
                sources.add(c.source());
            }
            provinces.add(c.region().province());
            if (c.kind() == CustomerKind.PERSON) {
                assertPerson(c, today);
            } else {
                assertOrganization(c);
            }
        }
        assertThat(types.get(CustomerType.CONSUMER)).isBetween(count / 2, count * 7 / 10);
        assertThat(types.get(CustomerType.INTERNAL)).isPositive().isLessThan(count / 50);
        assertThat(tiers.get(ValueTier.VIP)).isPositive().isLessThan(tiers.get(ValueTier.MAJOR))
                .isLessThan(tiers.get(ValueTier.SMALL) / 5);
        assertThat(sources).containsExactlyInAnyOrder(DemoCustomers.SOURCES);
        assertThat(provinces).hasSizeGreaterThanOrEqualTo(12);
        assertThat(emails).isBetween(count * 6 / 10, count * 8 / 10);
        assertThat(credit).isPositive();
        // Reps have weight 3, the manager 1.
        assertThat(owners.get(12L)).isGreaterThan(owners.get(11L) * 2);
    }

    private static void assertPerson(DemoCustomer c, LocalDate today) {
        assertThat(c.contacts()).isEmpty();
        assertThat(c.gender()).isNotNull();
        assertThat(c.occupation()).isNotBlank();
        int age = c.birthDate().until(today).getYears();
        assertThat(age).isBetween(20, 70);
        if (c.idNumber() != null) {
            assertThat(c.idNumber()).startsWith(c.region().areaCode())
                    .contains(c.birthDate().format(DateTimeFormatter.BASIC_ISO_DATE));
            assertThat(checksumHolds(c.idNumber())).isTrue();
        }
    }

    private static void assertOrganization(DemoCustomer c) {
        assertThat(c.birthDate()).isNull();
        assertThat(c.gender()).isNull();
        assertThat(c.idNumber()).isNull();
        assertThat(c.contacts()).hasSizeBetween(1, 3);
        assertThat(c.contacts().stream().filter(DemoCustomer.Contact::primary)).hasSize(1);
        assertThat(c.contacts().stream().map(DemoCustomer.Contact::title).collect(Collectors.toSet()))
                .hasSameSizeAs(c.contacts());
        c.contacts().forEach(contact -> {
            assertThat(contact.name()).isNotBlank();
            if (contact.phone() != null) {
                assertThat(contact.phone()).matches(MOBILE);
            }
            if (contact.email() != null) {
                assertThat(contact.email()).matches(EMAIL);
            }
        });
        if (c.type() != CustomerType.INTERNAL) {
            assertThat(c.industry()).isNotBlank();
            assertThat(c.name()).matches(".*(公司| Co\\., Ltd\\.)");
        }
    }

    /** ISO 7064 MOD 11-2 as the standard states it: the weighted sum including the check value is 1 mod 11. */
    private static boolean checksumHolds(String id) {
        int sum = 0;
        for (int i = 0; i < 18; i++) {
            int weight = (1 << (17 - i)) % 11;
            int value = i == 17 && id.charAt(i) == 'X' ? 10 : id.charAt(i) - '0';
            sum += weight * value;
        }
        return sum % 11 == 1;
    }
}
