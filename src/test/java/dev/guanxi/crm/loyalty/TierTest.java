package dev.guanxi.crm.loyalty;

import dev.guanxi.crm.identity.Role;
import dev.guanxi.crm.identity.internal.TestAccounts;
import dev.guanxi.crm.identity.internal.TestAccounts.Account;
import dev.guanxi.crm.loyalty.internal.PointsService;
import dev.guanxi.crm.loyalty.internal.TierService;
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

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Member tiers: upgraded on payments, downgraded when spend leaves the rolling period, with history. */
@IntegrationTest
class TierTest {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PointsService points;
    @Autowired
    TierService tiers;
    @Autowired
    MockMvc mvc;

    Account rep;
    Account marketer;
    LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    @BeforeEach
    void setUp() {
        TestAccounts accounts = new TestAccounts(context);
        rep = accounts.user(Role.SALES_REP, accounts.team("tiers"));
        marketer = accounts.user(Role.MARKETER, null);
    }

    Api as(Account a) {
        return new Api(port, a.token());
    }

    long customer() {
        return Members.customer(as(rep), "等级 Tier");
    }

    void pay(long customerId, String amount, LocalDate on) {
        points.onPayment(Members.payment(customerId, Members.nextId(), amount, on));
    }

    String tier(long customerId) {
        return jdbc.sql("""
                        SELECT t.name_en FROM loyalty_members m JOIN loyalty_tiers t ON t.id = m.tier_id
                        WHERE m.customer_id = ?""").param(customerId).query(String.class).optional().orElse(null);
    }

    List<String> history(long customerId) {
        return jdbc.sql("""
                        SELECT coalesce(f.name_en, '-') || '>' || t.name_en || ':' || h.cause FROM loyalty_tier_history h
                        LEFT JOIN loyalty_tiers f ON f.id = h.from_tier_id JOIN loyalty_tiers t ON t.id = h.to_tier_id
                        WHERE h.customer_id = ? ORDER BY h.id""").param(customerId).query(String.class).list();
    }

    @Test
    void paymentsUpgradeAndTheNightlyReviewDowngradesWithHistory() throws Exception {
        long c = customer();
        pay(c, "3000.00", today.minusMonths(11));
        assertThat(tier(c)).isEqualTo("Member");
        pay(c, "2500.00", today);
        assertThat(tier(c)).isEqualTo("Silver");
        // Silver multiplies points by 1.2 (and the base rule gives 1 per CNY)
        pay(c, "100.00", today);
        assertThat(as(rep).get("/api/v1/customers/" + c + "/points").json().get("balance").asLong())
                .isEqualTo(3000 + 2500 + 120);

        // two months on, the 3000 paid eleven months ago leave the 12-month window: 2600 < 5000
        assertThat(tiers.evaluateAll("NIGHTLY", today.plusMonths(2))).isPositive();
        assertThat(tier(c)).isEqualTo("Member");
        assertThat(history(c)).containsExactly("->Member:PAYMENT", "Member>Silver:PAYMENT", "Silver>Member:NIGHTLY");
        // evaluating again changes nothing
        tiers.evaluate(c, "NIGHTLY", today.plusMonths(2));
        assertThat(history(c)).hasSize(3);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.sql(
                        "SELECT count(*) FROM customer_timeline WHERE customer_id = ? AND kind = 'TIER_CHANGED'")
                .param(c).query(Long.class).single()).isEqualTo(3));

        // the tier shows on the customer page (CustomerPanel) and on the API
        var session = Sessions.login(mvc, rep.username(), TestAccounts.PASSWORD);
        mvc.perform(get("/customers/" + c).session(session).locale(Locale.SIMPLIFIED_CHINESE))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("普通会员")))
                .andExpect(content().string(containsString("/loyalty/customers/" + c)));
        mvc.perform(get("/loyalty/customers/" + c).session(session).locale(Locale.ENGLISH))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Silver")));
        Api.Response r = as(rep).get("/api/v1/customers/" + c + "/tier");
        assertThat(r.json().get("current").get("nameEn").asString()).isEqualTo("Member");
        assertThat(r.json().get("history")).hasSize(3);
    }

    @Test
    void tierDefinitionsAreValidatedAndOnlyConfiguredByAllowedRoles() throws Exception {
        Map<String, Object> tier = Map.of("nameEn", "Test tier", "nameZh", "测试等级", "basis", "POINTS",
                "threshold", 99_999_999, "periodMonths", 6, "rank", 77);
        assertThat(as(rep).post("/api/v1/loyalty/tiers", Api.json(tier)).status()).isEqualTo(403);
        Api.Response bad = as(marketer).post("/api/v1/loyalty/tiers", Api.json(Map.of("nameEn", "x", "nameZh", "",
                "basis", "SIZE", "threshold", -1, "periodMonths", 0, "rank", 1)));
        assertThat(bad.status()).isEqualTo(400);
        Api.Response invalid = as(marketer).post("/api/v1/loyalty/tiers", Api.json(Map.of("nameEn", "x", "nameZh", "",
                "basis", "SPEND", "threshold", -1, "periodMonths", 0, "rank", 1)));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body()).contains("nameZh", "threshold", "periodMonths");
        Api.Response taken = as(marketer).post("/api/v1/loyalty/tiers", Api.json(Map.of("nameEn", "Again", "nameZh", "又一个",
                "basis", "SPEND", "threshold", 1, "periodMonths", 12, "rank", 1)));
        assertThat(taken.status()).isEqualTo(400);
        assertThat(taken.body()).contains("rank");

        Api.Response created = as(marketer).post("/api/v1/loyalty/tiers", Api.json(tier));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long id = created.json().get("id").asLong();
        Map<String, Object> off = new java.util.HashMap<>(tier);
        off.put("active", false);
        assertThat(as(marketer).put("/api/v1/loyalty/tiers/" + id, Api.json(off), "\"9\"").status()).isEqualTo(409);
        Api.Response updated = as(marketer).put("/api/v1/loyalty/tiers/" + id, Api.json(off), created.header("ETag"));
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().get("active").asBoolean()).isFalse();
    }
}
