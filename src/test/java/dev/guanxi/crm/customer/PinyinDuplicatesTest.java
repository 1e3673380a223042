package dev.guanxi.crm.customer;

import dev.guanxi.crm.customer.internal.DuplicateScans;
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
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;

/** Chinese names matched with their pinyin spelling and with homophones in the same city (issue #7, capability 5). */
@IntegrationTest
class PinyinDuplicatesTest {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MockMvc mvc;
    @Autowired
    DuplicateScans scans;

    Account rep;
    /** A city of this test's own, so that no other test's customers join its groups. */
    String city;

    @BeforeEach
    void setUp() {
        TestAccounts accounts = new TestAccounts(context);
        rep = accounts.user(Role.SALES_REP, accounts.team("pinyin-" + System.nanoTime()));
        city = "杭州市" + System.nanoTime();
    }

    @Test
    void creatingACustomerFindsItsChineseOrLatinSpellingAndItsHomophonesInTheSameCity() {
        long chinese = person("张伟", city);
        long latin = person("Zhang Wei", city);
        long reversed = person("Wei Zhang", city);
        long shouting = person("ZHANG  wei", city);
        long elsewhere = person("张伟", city + "外");
        long homophone = person("章伟", city);
        long unrelated = person("Zhang Wen", city);

        for (long spelling : List.of(latin, reversed, shouting)) {
            assertThat(rules(chinese, spelling)).containsExactly("PINYIN_NAME_AND_CITY");
            assertThat(rules(homophone, spelling)).containsExactly("PINYIN_NAME_AND_CITY");
            assertThat(score(chinese, spelling)).isEqualByComparingTo("0.65");
        }
        // Latin spellings of each other are the Latin rule's pairs, not found twice
        assertThat(rules(latin, reversed)).contains("LATIN_NAME_AND_CITY").doesNotContain("PINYIN_NAME_AND_CITY");
        assertThat(rules(chinese, elsewhere)).isEmpty();
        assertThat(rules(chinese, unrelated)).isEmpty();
        assertThat(rules(chinese, homophone)).containsExactly("HOMOPHONE_NAME_AND_CITY");
        assertThat(score(chinese, homophone)).isEqualByComparingTo("0.50")
                .isLessThan(score(chinese, latin));
        assertThat(jdbc.sql("SELECT name_key FROM customers WHERE id = ?").param(chinese).query(String.class).single())
                .isEqualTo("weizhang");
    }

    @Test
    void aSurnameIsReadAsASurname() {
        long shan = person("单伟", city);
        long shanLatin = person("Shan Wei", city);
        long danLatin = person("Dan Wei", city);
        long zeng = person("曾小明", city);
        long zengLatin = person("Xiaoming Zeng", city);
        assertThat(rules(shan, shanLatin)).containsExactly("PINYIN_NAME_AND_CITY");
        assertThat(rules(shan, danLatin)).isEmpty();
        assertThat(rules(zeng, zengLatin)).containsExactly("PINYIN_NAME_AND_CITY");
    }

    @Test
    void theQueueShowsBothNamesAndTheSharedPinyin() throws Exception {
        long chinese = person("欧阳修", city);
        person("Ouyang Xiu", city);
        Api.Response queue = new Api(port, rep.token()).get("/api/v1/duplicates?customerId=" + chinese);
        assertThat(queue.status()).as(queue.body()).isEqualTo(200);
        JsonNode item = queue.json().get("items").get(0);
        assertThat(item.get("rules").get(0).asString()).isEqualTo("PINYIN_NAME_AND_CITY");
        assertThat(item.get("evidence").get("PINYIN_NAME_AND_CITY").asString())
                .contains("欧阳修", "Ouyang Xiu", "ouxiuyang", city);

        MockHttpSession session = Sessions.login(mvc, rep.username(), TestAccounts.PASSWORD);
        mvc.perform(get("/customers/duplicates").param("customerId", String.valueOf(chinese)).session(session)
                        .locale(Locale.ENGLISH))
                .andExpect(content().string(containsString("Chinese name and its pinyin spelling, same city")))
                .andExpect(content().string(containsString("ouxiuyang")));
        mvc.perform(get("/customers/duplicates").param("customerId", String.valueOf(chinese)).session(session)
                        .locale(Locale.SIMPLIFIED_CHINESE))
                .andExpect(content().string(containsString("中文姓名与其拼音拼写相同，且同城")));
    }

    @Test
    void renamingACustomerRewritesItsKeyAndChecksItAgain() {
        long li = person("李雷", city);
        long han = person("Han Meimei", city);
        assertThat(rules(li, han)).isEmpty();
        Map<String, Object> body = new LinkedHashMap<>(Map.of("kind", "PERSON", "name", "韩梅梅", "city", city,
                "customerType", "CONSUMER"));
        Api.Response updated = new Api(port, rep.token()).put("/api/v1/customers/" + li, Api.json(body), "\"0\"");
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(rules(li, han)).containsExactly("PINYIN_NAME_AND_CITY");
        assertThat(jdbc.sql("SELECT name_key FROM customers WHERE id = ?").param(li).query(String.class).single())
                .isEqualTo(PinyinNameKey.of("韩梅梅"));
    }

    @Test
    void anImportStoresTheKeysAndFindsThePairsInTheFile() {
        String csv = "姓名,城市\n单丽华," + city + "\nLihua Shan," + city + "\n";
        Api api = new Api(port, rep.token());
        Api.Response uploaded = api.upload("/api/v1/imports", "pinyin.csv", csv.getBytes(StandardCharsets.UTF_8));
        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        long job = uploaded.json().get("job").get("id").asLong();
        Api.Response started = api.post("/api/v1/imports/" + job + "/start", Api.json(Map.of(
                "columns", List.of("name", "city"), "mode", "CREATE_ONLY", "matchKey", "NONE")));
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> "DONE".equals(
                api.get("/api/v1/imports/" + job).json().get("status").asString()));

        List<Long> ids = jdbc.sql("SELECT id FROM customers WHERE city = ? ORDER BY id").param(city)
                .query(Long.class).list();
        assertThat(ids).hasSize(2);
        assertThat(jdbc.sql("SELECT DISTINCT name_key FROM customers WHERE city = ?").param(city)
                .query(String.class).list()).containsExactly("hualishan");
        assertThat(rules(ids.get(0), ids.get(1))).containsExactly("PINYIN_NAME_AND_CITY");
    }

    @Test
    void theScanFillsMissingKeysAndFindsThePairs() {
        // rows written without a key: as before the migration, or by hand in SQL
        long chinese = insertDirectly("张三丰", city);
        long latin = insertDirectly("Sanfeng Zhang", city);
        long homophone = insertDirectly("章三丰", city);
        assertThat(rules(chinese, latin)).isEmpty();

        long id = scans.start(null).id();
        await().atMost(Duration.ofSeconds(60)).until(() -> !scans.find(id).orElseThrow().running());
        assertThat(scans.find(id).orElseThrow().error()).isNull();

        assertThat(rules(chinese, latin)).containsExactly("PINYIN_NAME_AND_CITY");
        assertThat(rules(homophone, latin)).containsExactly("PINYIN_NAME_AND_CITY");
        assertThat(rules(chinese, homophone)).containsExactly("HOMOPHONE_NAME_AND_CITY");
        assertThat(jdbc.sql("SELECT name_key FROM customers WHERE id = ?").param(latin).query(String.class).single())
                .isEqualTo("fengsanzhang");
    }

    @Test
    void theSqlHanTestAgreesWithTheJavaOne() {
        for (String name : List.of("张伟", "Zhang Wei", "Zé·ー가あ", "㐀", "豈", "𠮷野家", "王 Wang", "")) {
            assertThat(jdbc.sql("SELECT guanxi_has_han(?)").param(name).query(Boolean.class).single()).as(name)
                    .isEqualTo(name.codePoints().anyMatch(PinyinNameKey::isHan));
        }
    }

    private long person(String name, String inCity) {
        Api.Response r = new Api(port, rep.token()).post("/api/v1/customers", Api.json(Map.of("kind", "PERSON",
                "name", name, "city", inCity, "customerType", "CONSUMER")));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    private long insertDirectly(String name, String inCity) {
        return jdbc.sql("""
                        INSERT INTO customers (kind, name, customer_type, city, owner_id, team_id)
                        VALUES ('PERSON', ?, 'CONSUMER', ?, ?, ?) RETURNING id""")
                .params(name, inCity, rep.id(), rep.teamId()).query(Long.class).single();
    }

    private Set<String> rules(long x, long y) {
        return new CandidatePairs(jdbc).rules(x, y);
    }

    private BigDecimal score(long x, long y) {
        return new CandidatePairs(jdbc).score(x, y);
    }
}
