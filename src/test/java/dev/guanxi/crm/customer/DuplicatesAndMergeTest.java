package dev.guanxi.crm.customer;

import dev.guanxi.crm.customer.internal.DuplicateScans;
import dev.guanxi.crm.customer.internal.Matching;
import dev.guanxi.crm.identity.Role;
import dev.guanxi.crm.identity.internal.TestAccounts;
import dev.guanxi.crm.identity.internal.TestAccounts.Account;
import dev.guanxi.crm.support.Api;
import dev.guanxi.crm.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Duplicate detection on create and by scan, the review queue, and merge with aliases and undo (issue #7, 5 and 6). */
@IntegrationTest
class DuplicatesAndMergeTest {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DuplicateScans scans;

    Account rep;
    Account outsider;
    String unique;

    @BeforeEach
    void setUp() {
        TestAccounts accounts = new TestAccounts(context);
        long team = accounts.team("dup-" + System.nanoTime());
        rep = accounts.user(Role.SALES_REP, team);
        outsider = accounts.user(Role.SALES_REP, accounts.team("dup-other-" + System.nanoTime()));
        unique = Long.toString(System.nanoTime() % 100_000_000);
    }

    Api as(Account a) {
        return new Api(port, a.token());
    }

    long customer(Account owner, Map<String, Object> fields) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("customerType", "CONSUMER"));
        body.putAll(fields);
        Api.Response r = as(owner).post("/api/v1/customers", Api.json(body));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    long person(String name, Object... more) {
        Map<String, Object> fields = new LinkedHashMap<>(Map.of("kind", "PERSON", "name", name));
        for (int i = 0; i < more.length; i += 2) {
            fields.put((String) more[i], more[i + 1]);
        }
        return customer(rep, fields);
    }

    /** The rules that paired the two customers, empty when they are no candidate pair. */
    Set<String> rules(long x, long y) {
        return new CandidatePairs(jdbc).rules(x, y);
    }

    @Test
    void aPhoneSharedByMoreThanTheGroupLimitIsNoiseButAGroupAtTheLimitPairs() {
        String shared = "177" + String.format("%08d", Long.parseLong(unique) % 100_000_000);
        insertPersonsWithPhone(20, "共用号码", shared);
        long twentyFirst = person("第二十一" + unique, "phone", shared);
        assertThat(jdbc.sql("SELECT count(*) FROM duplicate_candidates WHERE ? IN (customer_a, customer_b)")
                .param(twentyFirst).query(Long.class).single())
                .as("21 customers share the phone, more than guanxi.duplicates.max-group (20): noise").isZero();

        String small = "176" + String.format("%08d", Long.parseLong(unique) % 100_000_000);
        insertPersonsWithPhone(19, "小组号码", small);
        long twentieth = person("第二十" + unique, "phone", small);
        assertThat(jdbc.sql("SELECT count(*) FROM duplicate_candidates WHERE ? IN (customer_a, customer_b) "
                        + "AND 'PHONE' = ANY (rules)").param(twentieth).query(Long.class).single())
                .as("20 customers share the phone: a pair with each of the other 19").isEqualTo(19);
    }

    /** Customers inserted straight into the table, as another instance or an old import left them. */
    void insertPersonsWithPhone(int count, String name, String phone) {
        for (int i = 0; i < count; i++) {
            jdbc.sql("""
                            INSERT INTO customers (kind, name, customer_type, phone, owner_id, team_id)
                            VALUES ('PERSON', ?, 'CONSUMER', ?, ?, ?)""")
                    .params(name + i + unique, phone, rep.id(), rep.teamId()).update();
        }
    }

    @Test
    void aNameSimilarToMoreThanTheGroupLimitIsNoiseNotTwentyPairs() {
        String city = "Noise" + unique;
        String base = "Catherine Miller" + letters(unique);
        for (int i = 0; i < 25; i++) {
            jdbc.sql("""
                            INSERT INTO customers (kind, name, customer_type, city, owner_id, team_id)
                            VALUES ('PERSON', ?, 'CONSUMER', ?, ?, ?)""")
                    .params(base + (char) ('a' + i), city, rep.id(), rep.teamId()).update();
        }
        long similarToAll = person(base + "zz", "city", city);
        assertThat(jdbc.sql("SELECT count(*) FROM duplicate_candidates WHERE ? IN (customer_a, customer_b)")
                .param(similarToAll).query(Long.class).single())
                .as("similar to 25 customers of its city (more than guanxi.duplicates.max-group): skipped as noise")
                .isZero();
    }

    @Test
    void theSqlNormalizationsAgreeWithTheJavaOnes() {
        for (String phone : List.of("+86 138-1234-5678", "0086 13812345678", "(138) 1234 5678", "8613812345678",
                "021-6543 2100", "123")) {
            assertThat(jdbc.sql("SELECT guanxi_phone_norm(?)").param(phone).query(String.class).optional().orElse(null))
                    .as(phone).isEqualTo(Matching.phone(phone));
        }
        for (String org : List.of("杭州某某科技有限公司", "杭州某某科技", "Bright Electronics Co., Ltd.", "ACME Inc.",
                "上海（浦东）贸易集团股份有限公司", "Müller GmbH")) {
            assertThat(jdbc.sql("SELECT guanxi_org_norm(?)").param(org).query(String.class).optional().orElse(null))
                    .as(org).isEqualTo(Matching.organization(org));
        }
        assertThat(jdbc.sql("SELECT guanxi_name_key('WEI, zhang')").query(String.class).single())
                .isEqualTo(jdbc.sql("SELECT guanxi_name_key('Zhang Wei')").query(String.class).single());
    }

    @Test
    void creatingCustomersFindsTrickyPairs() {
        String digits = "139" + String.format("%08d", Long.parseLong(unique) % 100_000_000);
        long p1 = person("甲" + unique, "phone", "+86 " + digits.substring(0, 3) + "-" + digits.substring(3, 7) + "-" + digits.substring(7));
        long p2 = person("乙" + unique, "phone", digits.substring(0, 3) + " " + digits.substring(3, 7) + " " + digits.substring(7));
        long p3 = person("丙" + unique, "phone", "0086" + digits);
        assertThat(rules(p1, p2)).containsExactly("PHONE");
        assertThat(rules(p1, p3)).containsExactly("PHONE");
        assertThat(rules(p2, p3)).containsExactly("PHONE");

        long o1 = customer(rep, Map.of("kind", "ORGANIZATION", "name", "杭州某某" + unique + "科技有限公司", "customerType", "BUSINESS"));
        long o2 = customer(rep, Map.of("kind", "ORGANIZATION", "name", "杭州某某" + unique + "科技", "customerType", "BUSINESS"));
        assertThat(rules(o1, o2)).containsExactly("ORGANIZATION_NAME");

        String city = "City" + unique;
        String latin = "Zhangwei" + letters(unique);
        long l1 = person(latin + " Li", "city", city);
        long l2 = person("LI, " + latin.toLowerCase(), "city", city);
        assertThat(rules(l1, l2)).contains("LATIN_NAME_AND_CITY");

        long b1 = person("王小明" + unique, "birthDate", "1990-05-01");
        long b2 = person("王小明" + unique, "birthDate", "1990-05-01", "email", "w" + unique + "@example.com");
        long b3 = person("王小明" + unique, "birthDate", "1991-05-01");
        assertThat(rules(b1, b2)).containsExactly("NAME_AND_BIRTH_DATE");
        assertThat(rules(b1, b3)).isEmpty();

        long s1 = person("Katherine Johnson" + letters(unique), "city", city);
        long s2 = person("Catherine Johnson" + letters(unique), "city", city);
        assertThat(rules(s1, s2)).containsExactly("SIMILAR_NAME");

        // the queue shows the pairs the user can see, masked for roles without personal data
        Api.Response queue = as(rep).get("/api/v1/duplicates?customerId=" + p1);
        assertThat(queue.status()).as(queue.body()).isEqualTo(200);
        assertThat(queue.json().get("items").size()).isEqualTo(2);
        assertThat(as(outsider).get("/api/v1/duplicates?customerId=" + p1).json().get("items").size()).isZero();
        assertThat(as(rep).get("/api/v1/duplicates?status=maybe").status()).isEqualTo(400);
    }

    @Test
    void theScanFindsPairsStoredWithoutACheckAndKeepsDismissedPairsDismissed() {
        String email = "scan" + unique + "@Example.com";
        long x = insertDirectly("Scan A " + unique, email);
        long y = insertDirectly("Scan B " + unique, " " + email.toLowerCase() + " ");
        assertThat(rules(x, y)).isEmpty();

        runScan();
        assertThat(rules(x, y)).containsExactly("EMAIL");
        long candidate = jdbc.sql("SELECT id FROM duplicate_candidates WHERE customer_a = ? AND customer_b = ?")
                .params(Math.min(x, y), Math.max(x, y)).query(Long.class).single();
        Api.Response dismissed = as(rep).post("/api/v1/duplicates/" + candidate + "/dismiss", "");
        assertThat(dismissed.status()).as(dismissed.body()).isEqualTo(204);
        assertThat(as(rep).post("/api/v1/duplicates/" + candidate + "/dismiss", "").status()).isEqualTo(409);

        runScan();
        assertThat(jdbc.sql("SELECT status FROM duplicate_candidates WHERE id = ?").param(candidate)
                .query(String.class).single()).isEqualTo("DISMISSED");
    }

    @Test
    void aMergeMovesEveryRelatedRecordKeepsTheOldIdAndCanBeUndone() {
        long survivor = customer(rep, Map.of("kind", "ORGANIZATION", "name", "Merge Keep " + unique,
                "customerType", "BUSINESS", "industry", "Tea"));
        long merged = customer(rep, Map.of("kind", "ORGANIZATION", "name", "Merge Gone " + unique,
                "customerType", "BUSINESS", "city", "杭州", "phone", "0571 8888 " + unique.substring(0, 4)));
        Api.Response contact = as(rep).post("/api/v1/customers/" + merged + "/contacts",
                Api.json(Map.of("name", "联系人 " + unique)));
        assertThat(contact.status()).as(contact.body()).isEqualTo(201);
        Api.Response opportunity = as(rep).post("/api/v1/opportunities", Api.json(Map.of("customerId", merged,
                "name", "deal " + unique, "amount", "1000")));
        assertThat(opportunity.status()).as(opportunity.body()).isEqualTo(201);
        Api.Response activity = as(rep).post("/api/v1/activities", Api.json(Map.of("type", "CALL",
                "customerId", merged, "subject", "call " + unique)));
        assertThat(activity.status()).as(activity.body()).isEqualTo(201);

        long points = jdbc.sql("""
                        INSERT INTO points_ledger (customer_id, kind, points, source, source_ref, occurred_on, reason)
                        VALUES (?, 'ADJUST', 50, 'test', ?, current_date, 'merge test') RETURNING id""")
                .params(merged, "merge-" + unique).query(Long.class).single();
        jdbc.sql("INSERT INTO marketing_consents (customer_id, channel, opted_out, source) VALUES (?, 'EMAIL', true, 'STAFF')")
                .param(merged).update();

        // bad requests first: nothing changes
        assertThat(as(rep).post("/api/v1/customers/merges", Api.json(Map.of("survivorId", survivor, "mergedId", survivor)))
                .status()).isEqualTo(400);
        assertThat(as(rep).post("/api/v1/customers/merges", Api.json(Map.of("mergedId", merged))).status()).isEqualTo(400);
        Api.Response unknownField = as(rep).post("/api/v1/customers/merges", Api.json(Map.of("survivorId", survivor,
                "mergedId", merged, "fields", Map.of("shoeSize", "MERGED"))));
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.body()).contains("shoeSize");
        assertThat(as(outsider).post("/api/v1/customers/merges", Api.json(Map.of("survivorId", survivor,
                "mergedId", merged))).status()).isEqualTo(404);
        assertThat(live(merged)).isTrue();

        Api.Response done = as(rep).post("/api/v1/customers/merges", Api.json(Map.of("survivorId", survivor,
                "mergedId", merged, "fields", Map.of("name", "SURVIVOR", "phone", "MERGED"))));
        assertThat(done.status()).as(done.body()).isEqualTo(201);
        long mergeId = done.json().get("mergeId").asLong();

        JsonNode kept = as(rep).get("/api/v1/customers/" + survivor).json().get("data");
        assertThat(kept.get("name").asString()).isEqualTo("Merge Keep " + unique);
        assertThat(kept.get("phone").asString()).startsWith("0571");
        assertThat(kept.get("city").asString()).as("empty fields take the merged value").isEqualTo("杭州");
        assertThat(kept.get("industry").asString()).isEqualTo("Tea");
        assertThat(owner("contacts", contact)).isEqualTo(survivor);
        assertThat(owner("opportunities", opportunity)).isEqualTo(survivor);
        assertThat(owner("activities", activity)).isEqualTo(survivor);
        assertThat(ownerOf("points_ledger", points)).as("loyalty points follow").isEqualTo(survivor);
        assertThat(optedOut(survivor)).as("the merged customer's opt-out holds for the survivor").isTrue();
        assertThat(live(merged)).isFalse();
        // the old id still resolves, in the API and on the pages
        Api.Response old = as(rep).get("/api/v1/customers/" + merged);
        assertThat(old.status()).isEqualTo(200);
        assertThat(old.json().get("id").asLong()).isEqualTo(survivor);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE entity_type = 'customer' AND entity_id = ? AND action = 'MERGE'")
                .param(String.valueOf(merged)).query(Long.class).single()).isEqualTo(1);

        Api.Response undone = as(rep).post("/api/v1/customers/merges/" + mergeId + "/undo", "");
        assertThat(undone.status()).as(undone.body()).isEqualTo(204);
        assertThat(live(merged)).isTrue();
        assertThat(as(rep).get("/api/v1/customers/" + merged).json().get("id").asLong()).isEqualTo(merged);
        JsonNode restored = as(rep).get("/api/v1/customers/" + survivor).json().get("data");
        assertThat(restored.has("city")).as("survivor values before the merge").isFalse();
        assertThat(restored.has("phone")).isFalse();
        assertThat(owner("contacts", contact)).isEqualTo(merged);
        assertThat(owner("opportunities", opportunity)).isEqualTo(merged);
        assertThat(owner("activities", activity)).isEqualTo(merged);
        assertThat(ownerOf("points_ledger", points)).isEqualTo(merged);
        assertThat(optedOut(survivor)).isFalse();
        assertThat(optedOut(merged)).isTrue();
        assertThat(as(rep).post("/api/v1/customers/merges/" + mergeId + "/undo", "").status()).isEqualTo(409);
    }

    @Test
    void undoIsRefusedOnceTheSurvivorWasEditedAndChainedAliasesFollow() {
        long a = person("链 A " + unique);
        long b = person("链 B " + unique);
        long c = person("链 C " + unique);
        long first = as(rep).post("/api/v1/customers/merges", Api.json(Map.of("survivorId", b, "mergedId", a)))
                .json().get("mergeId").asLong();
        assertThat(as(rep).post("/api/v1/customers/merges", Api.json(Map.of("survivorId", c, "mergedId", b)))
                .status()).isEqualTo(201);
        assertThat(as(rep).get("/api/v1/customers/" + a).json().get("id").asLong())
                .as("an id merged twice leads to the last survivor").isEqualTo(c);
        Api.Response refused = as(rep).post("/api/v1/customers/merges/" + first + "/undo", "");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body()).contains("changed after the merge");
    }

    private boolean optedOut(long customerId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM marketing_consents WHERE customer_id = ? AND channel = 'EMAIL' AND opted_out)")
                .param(customerId).query(Boolean.class).single();
    }

    private boolean live(long id) {
        return jdbc.sql("SELECT deleted_at IS NULL FROM customers WHERE id = ?").param(id).query(Boolean.class).single();
    }

    private long owner(String table, Api.Response created) {
        return ownerOf(table, created.json().get("id").asLong());
    }

    private long ownerOf(String table, long id) {
        return jdbc.sql("SELECT customer_id FROM " + table + " WHERE id = ?").param(id).query(Long.class).single();
    }

    private long insertDirectly(String name, String email) {
        return jdbc.sql("""
                        INSERT INTO customers (kind, name, customer_type, email, owner_id, team_id)
                        VALUES ('PERSON', ?, 'CONSUMER', ?, ?, ?) RETURNING id""")
                .params(name, email, rep.id(), rep.teamId()).query(Long.class).single();
    }

    private void runScan() {
        long id = scans.start(null).id();
        await().atMost(Duration.ofSeconds(60)).until(() -> !scans.find(id).orElseThrow().running());
        assertThat(scans.find(id).orElseThrow().error()).isNull();
    }

    private static String letters(String digits) {
        StringBuilder s = new StringBuilder();
        digits.chars().forEach(ch -> s.append((char) ('a' + ch - '0')));
        return s.toString();
    }
}
