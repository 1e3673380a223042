package dev.guanxi.crm.customer;

import dev.guanxi.crm.customer.internal.DuplicateFollowUp;
import dev.guanxi.crm.identity.Role;
import dev.guanxi.crm.identity.internal.TestAccounts;
import dev.guanxi.crm.identity.internal.TestAccounts.Account;
import dev.guanxi.crm.support.Api;
import dev.guanxi.crm.support.IntegrationTest;
import dev.guanxi.crm.support.Sessions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * An import checks its customers by phone and e-mail in each batch and by every other rule in the follow-up check
 * (decision 0018): the pairs of every rule reach the review queue, the import says whether the check is still running,
 * and a check left queued by a stopped instance is done by the sweep, once.
 */
@IntegrationTest
class ImportedDuplicatesTest {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MockMvc mvc;
    @Autowired
    DuplicateFollowUp followUp;

    Account rep;
    String unique;
    String letters;
    String city;

    @BeforeEach
    void setUp() {
        TestAccounts accounts = new TestAccounts(context);
        rep = accounts.user(Role.SALES_REP, accounts.team("imported-dup-" + System.nanoTime()));
        unique = Long.toString(System.nanoTime() % 100_000_000);
        StringBuilder s = new StringBuilder();
        unique.chars().forEach(ch -> s.append((char) ('a' + ch - '0')));
        letters = s.toString();
        city = "导入城" + unique;
    }

    @Test
    void pairsOfEveryRuleReachTheQueueAndAnInterruptedCheckIsResumedOnce() throws Exception {
        String phone = "135" + String.format("%08d", Long.parseLong(unique));
        String email = "dup" + unique + "@example.com";
        Map<String, Long> existing = new LinkedHashMap<>();
        existing.put("PHONE", customer("PERSON", "电话旧" + unique, "phone", phone));
        existing.put("EMAIL", customer("PERSON", "邮箱旧" + unique, "email", email));
        existing.put("ORGANIZATION_NAME", customer("ORGANIZATION", "杭州某某" + unique + "科技有限公司"));
        existing.put("NAME_AND_BIRTH_DATE", customer("PERSON", "王小明" + unique, "birthDate", "1990-05-01"));
        existing.put("LATIN_NAME_AND_CITY", customer("PERSON", "Zhangwei" + letters + " Li", "city", city));
        existing.put("PINYIN_NAME_AND_CITY", customer("PERSON", "单丽华", "city", city));
        existing.put("NAME_AND_CITY", customer("PERSON", "赵六", "city", city));
        existing.put("HOMOPHONE_NAME_AND_CITY", customer("PERSON", "张伟", "city", city));
        existing.put("SIMILAR_NAME", customer("PERSON", "Katherine Johnson" + letters, "city", city));

        String csv = "name,kind,customerType,phone,email,city,birthDate\n"
                + "电话新" + unique + ",PERSON,CONSUMER," + phone + ",,,\n"
                + "邮箱新" + unique + ",PERSON,CONSUMER,," + email.toUpperCase() + ",,\n"
                + "杭州某某" + unique + "科技,ORGANIZATION,BUSINESS,,,,\n"
                + "王小明" + unique + ",PERSON,CONSUMER,,,,1990-05-01\n"
                + "\"LI, zhangwei" + letters + "\",PERSON,CONSUMER,,," + city + ",\n"
                + "Lihua Shan,PERSON,CONSUMER,,," + city + ",\n"
                + "赵六,PERSON,CONSUMER,,," + city + ",\n"
                + "章伟,PERSON,CONSUMER,,," + city + ",\n"
                + "Catherine Johnson" + letters + ",PERSON,CONSUMER,,," + city + ",\n";
        Api api = new Api(port, rep.token());
        Api.Response uploaded = api.upload("/api/v1/imports", "dups.csv", csv.getBytes(StandardCharsets.UTF_8));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        long job = uploaded.json().get("job").get("id").asLong();
        JsonNode before = uploaded.json().get("job").get("duplicateCheck");
        assertThat(before == null || before.isNull()).as("nothing to check before the import has run").isTrue();
        Api.Response started = api.post("/api/v1/imports/" + job + "/start", Api.json(Map.of("columns",
                List.of("name", "kind", "customerType", "phone", "email", "city", "birthDate"), "mode", "CREATE_ONLY",
                "matchKey", "NONE")));
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        JsonNode done = api.get("/api/v1/imports/" + job).json();
        assertThat(done.get("status").asString()).isEqualTo("DONE");
        assertThat(done.get("created").asLong()).isEqualTo(9);
        // the tests run the follow-up check in the committing thread: it is done with the import
        assertThat(done.get("duplicateCheck").asString()).isEqualTo("DONE");

        List<Long> imported = jdbc.sql("SELECT record_id FROM import_changes WHERE import_id = ? ORDER BY line")
                .param(job).query(Long.class).list();
        assertThat(imported).hasSize(9);
        assertEveryRulePairs(existing, imported);

        // an instance stopped after the batch committed and before the follow-up check: the name rules' pairs are
        // not there yet, the customers are queued, and the import says the check is still running
        jdbc.sql("DELETE FROM duplicate_candidates WHERE (customer_a IN (:ids) OR customer_b IN (:ids)) "
                + "AND NOT rules && ARRAY['PHONE', 'EMAIL']").param("ids", imported).update();
        jdbc.sql("INSERT INTO duplicate_check_queue (source, customer_id) SELECT ?, unnest(CAST(? AS bigint[]))")
                .params("import:" + job, imported.toArray(Long[]::new)).update();
        assertThat(new CandidatePairs(jdbc).rules(existing.get("SIMILAR_NAME"), imported.get(8))).isEmpty();
        assertThat(api.get("/api/v1/imports/" + job).json().get("duplicateCheck").asString()).isEqualTo("RUNNING");
        String page = mvc.perform(get("/imports/" + job).session(Sessions.login(mvc, rep.username(),
                TestAccounts.PASSWORD))).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"duplicate-check\"").contains("every 2s");

        assertThat(followUp.checkQueued()).isEqualTo(9);
        assertEveryRulePairs(existing, imported);
        assertThat(api.get("/api/v1/imports/" + job).json().get("duplicateCheck").asString()).isEqualTo("DONE");

        // checking the same customers again changes nothing
        long pairs = pairsOf(imported);
        jdbc.sql("INSERT INTO duplicate_check_queue (source, customer_id) SELECT ?, unnest(CAST(? AS bigint[]))")
                .params("import:" + job, imported.toArray(Long[]::new)).update();
        followUp.sweep();
        assertThat(pairsOf(imported)).isEqualTo(pairs);
        assertThat(followUp.checkQueued()).isZero();
    }

    private void assertEveryRulePairs(Map<String, Long> existing, List<Long> imported) {
        int i = 0;
        for (Map.Entry<String, Long> rule : existing.entrySet()) {
            assertThat(new CandidatePairs(jdbc).rules(rule.getValue(), imported.get(i++))).as(rule.getKey())
                    .contains(rule.getKey());
        }
    }

    private long pairsOf(List<Long> ids) {
        return jdbc.sql("SELECT count(*) FROM duplicate_candidates WHERE customer_a IN (:ids) OR customer_b IN (:ids)")
                .param("ids", ids).query(Long.class).single();
    }

    private long customer(String kind, String name, String... more) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("kind", kind, "name", name, "customerType",
                "ORGANIZATION".equals(kind) ? "BUSINESS" : "CONSUMER"));
        for (int i = 0; i < more.length; i += 2) {
            body.put(more[i], more[i + 1]);
        }
        Api.Response r = new Api(port, rep.token()).post("/api/v1/customers", Api.json(body));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }
}
