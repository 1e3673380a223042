package dev.guanxi.crm.marketing;

import dev.guanxi.crm.support.Api;
import dev.guanxi.crm.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.guanxi.crm.marketing.MarketingFixture.rule;
import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class SegmentApiTest {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    Segments segments;

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;
    MarketingFixture f;
    long zjVip;
    long zjSmall;
    long bjVip;
    long hzYoung;

    @BeforeEach
    void setUp() {
        f = new MarketingFixture(context, port);
        zjVip = f.customer("浙江 VIP", Map.of("province", "浙江", "city", "杭州", "valueTier", "VIP",
                "industry", "制造业", "birthDate", LocalDate.now().minusYears(40).toString()));
        zjSmall = f.customer("浙江 small", Map.of("province", "浙江", "city", "宁波", "valueTier", "SMALL",
                "industry", "零售"));
        bjVip = f.customer("北京 VIP", Map.of("province", "北京", "city", "北京", "valueTier", "VIP",
                "industry", "制造业"));
        hzYoung = f.customer("杭州 young 50%_", Map.of("province", "浙江", "city", "杭州", "valueTier", "MEDIUM",
                "birthDate", LocalDate.now().minusYears(20).toString()));
    }

    List<Long> previewIds(Map<String, Object> rules) {
        Api.Response r = f.as(f.marketer).post("/api/v1/segments/preview", Api.json(rules));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        r.json().get("sample").forEach(c -> ids.add(c.get("id").asLong()));
        assertThat(r.json().get("count").asLong()).isEqualTo(ids.size());
        return ids;
    }

    @Test
    void rulesSelectExactlyTheMatchingCustomers() {
        assertThat(previewIds(f.rules())).containsExactlyInAnyOrder(zjVip, zjSmall, bjVip, hzYoung);
        assertThat(previewIds(f.rules(rule("province", "eq", "浙江"), rule("valueTier", "eq", "VIP"))))
                .containsExactly(zjVip);
        assertThat(previewIds(f.rules(rule("valueTier", "in", List.of("VIP", "MEDIUM")), rule("city", "ne", "北京"))))
                .containsExactlyInAnyOrder(zjVip, hzYoung);
        assertThat(previewIds(f.rules(rule("age", "lt", 30)))).containsExactly(hzYoung);
        assertThat(previewIds(f.rules(rule("industry", "is_empty", null)))).containsExactly(hzYoung);
        // LIKE wildcards in the value are literal characters
        assertThat(previewIds(f.rules(rule("name", "contains", "50%_")))).containsExactly(hzYoung);
        assertThat(previewIds(f.rules(rule("name", "contains", "%")))).containsExactly(hzYoung);
        // nested OR group: (province = 北京) OR (city = 宁波)
        Map<String, Object> nested = Map.of("match", "ALL",
                "rules", List.of(rule("tags", "has_tag", f.tag)),
                "groups", List.of(Map.of("match", "ANY", "rules",
                        List.of(rule("province", "eq", "北京"), rule("city", "eq", "宁波")))));
        assertThat(previewIds(nested)).containsExactlyInAnyOrder(bjVip, zjSmall);
    }

    @Test
    void loyaltyAndAnalyticsFieldsSelectCustomers() {
        jdbc.sql("""
                INSERT INTO points_ledger (customer_id, kind, points, source, source_ref, occurred_on, reason)
                VALUES (?, 'ADJUST', 500, 'test', ?, current_date, 'segment test')""")
                .params(zjSmall, "segment-" + f.tag).update();
        assertThat(previewIds(f.rules(rule("loyaltyPoints", "gte", 500)))).containsExactly(zjSmall);
        assertThat(previewIds(f.rules(rule("abcClass", "eq", "A")))).as("no scoring run covers these yet").isEmpty();
        Api.Response bad = f.as(f.marketer).post("/api/v1/segments/preview",
                Api.json(f.rules(rule("rfmSegment", "eq", "GOLDFISH"))));
        assertThat(bad.status()).isEqualTo(400);
    }

    @Test
    void savedSegmentsServeMembershipAndSnapshotsFreezeIt() {
        long id = f.segment(f.marketer, f.rules(rule("province", "eq", "浙江")));
        assertThat(segments.count(id)).isEqualTo(3);
        assertThat(segments.customerIds(id, 0, 2)).hasSize(2).isSorted();
        assertThat(segments.customerIds(id, 0, 10)).containsExactly(zjVip, zjSmall, hzYoung);

        Api.Response snap = f.as(f.marketer).post("/api/v1/segments/" + id + "/snapshot", "{\"name\":\"frozen\"}");
        assertThat(snap.status()).as(snap.body()).isEqualTo(201);
        long snapshot = snap.json().get("id").asLong();
        assertThat(snap.json().get("memberCount").asLong()).isEqualTo(3);

        f.customer("later 浙江", Map.of("province", "浙江"));
        assertThat(segments.count(id)).isEqualTo(4);
        assertThat(segments.count(snapshot)).isEqualTo(3);
    }

    @Test
    void unknownFieldsOperatorsAndBadValuesAre400NamingThem() {
        Map<String, Object> rules = Map.of("match", "ALL", "rules", List.of(
                rule("password", "eq", "x"),
                rule("province", "gt", "浙江"),
                rule("age", "gt", "old"),
                rule("valueTier", "eq", "PLATINUM'; DROP TABLE customers; --")));
        Api.Response r = f.as(f.marketer).post("/api/v1/segments", Api.json(Map.of("name", "bad", "rules", rules)));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.header("Content-Type")).contains("application/problem+json");
        JsonNode errors = r.json().get("errors");
        List<String> fields = new ArrayList<>();
        errors.forEach(e -> fields.add(e.get("field").asText()));
        assertThat(fields).containsExactly("rules[0].field", "rules[1].operator", "rules[2].value", "rules[3].value");
        assertThat(errors.get(0).get("message").asText()).contains("password");
        assertThat(errors.get(1).get("message").asText()).contains("gt");

        Api.Response preview = f.as(f.marketer).post("/api/v1/segments/preview",
                Api.json(Map.of("rules", List.of(rule("province", "sounds_like", "x")))));
        assertThat(preview.status()).isEqualTo(400);
        assertThat(preview.body()).contains("rules[0].operator");

        // a null sub-group is an empty one, not a 500
        Api.Response nullGroup = f.as(f.marketer).post("/api/v1/segments/preview",
                "{\"match\":\"ALL\",\"rules\":[],\"groups\":[null]}");
        assertThat(nullGroup.status()).as(nullGroup.body()).isEqualTo(200);

        // the limit is in the message (its text names the limit for bean validation, a problem numbers it)
        long id = f.segment(f.marketer, f.rules(rule("province", "eq", "浙江")));
        Api.Response longName = f.as(f.marketer).post("/api/v1/segments/" + id + "/snapshot",
                Api.json(Map.of("name", "x".repeat(201))));
        assertThat(longName.status()).as(longName.body()).isEqualTo(400);
        assertThat(longName.header("Content-Type")).contains("application/problem+json");
        assertThat(longName.json().get("errors").get(0).get("message").asText()).contains("200").doesNotContain("{");
    }

    @Test
    void onlyMarketingRolesUseSegments() {
        assertThat(f.as(f.rep).post("/api/v1/segments/preview", Api.json(f.rules())).status()).isEqualTo(403);
        assertThat(f.as(f.rep).get("/api/v1/segments").status()).isEqualTo(403);
        Api.Response asManager = f.as(f.manager).post("/api/v1/segments",
                Api.json(Map.of("name", "m", "rules", f.rules())));
        assertThat(asManager.status()).isEqualTo(201);
        // a manager's preview covers only the customers of the teams they manage: all fixture customers are theirs
        assertThat(f.as(f.manager).post("/api/v1/segments/preview", Api.json(f.rules())).json().get("count").asLong())
                .isEqualTo(4);
    }

    @Test
    void targetGroupsCountCustomersAndRevenueByDimension() {
        long product = f.product("100.00");
        JsonNode order = f.order(zjVip, product, "3", null).json();
        f.act(order, "confirm");
        long segment = f.segment(f.marketer, f.rules());
        Api.Response r = f.as(f.marketer).get("/api/v1/marketing/target-groups?dimension=city&province=浙江&segmentId="
                + segment);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        Map<String, JsonNode> rows = new java.util.HashMap<>();
        r.json().get("rows").forEach(row -> rows.put(row.get("key").asText(), row));
        assertThat(rows.get("杭州").get("customers").asLong()).isEqualTo(2);
        assertThat(rows.get("杭州").get("revenue").decimalValue()).isEqualByComparingTo("300.00");
        assertThat(rows.get("宁波").get("customers").asLong()).isEqualTo(1);
        assertThat(r.json().get("customers").asLong()).isEqualTo(3);
        assertThat(f.as(f.marketer).get("/api/v1/marketing/target-groups?dimension=shoe_size").status()).isEqualTo(400);
    }
}
