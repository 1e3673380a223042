package dev.guanxi.crm.analytics;

import dev.guanxi.crm.analytics.internal.BasketRuns;
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

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Market-basket mining runs, the rule API and pages, and cross-sell suggestions (issue #6, 8). Other tests' orders
 * share the database, so the assertions look only at rules between this test's own products; the number of baskets
 * N comes from the run and is checked against an independent count.
 */
@IntegrationTest
class BasketTest {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    BasketRuns runs;
    @Autowired
    MockMvc mvc;

    Account rep;
    Account outsider;
    Account analyst;
    String unique;
    long p1, p2, p3;
    long buyerA, buyerB, buyerD;

    @BeforeEach
    void setUp() {
        TestAccounts accounts = new TestAccounts(context);
        long team = accounts.team("basket-" + System.nanoTime());
        rep = accounts.user(Role.SALES_REP, team);
        outsider = accounts.user(Role.SALES_REP, accounts.team("basket-other-" + System.nanoTime()));
        analyst = accounts.user(Role.ANALYST, null);
        unique = Long.toString(System.nanoTime());
        p1 = product("Tea A " + unique);
        p2 = product("Cups B " + unique);
        p3 = product("Kettle C " + unique);
        buyerA = customer("Buyer A " + unique);
        buyerB = customer("Buyer B " + unique);
        buyerD = customer("Buyer D " + unique);
        LocalDate today = LocalDate.now();
        // the baskets of this test's products (all in the last 24 months unless said otherwise):
        //   6 × {P1, P2} (buyer B), 2 × {P1, P3} (buyer A), 2 × {P2} (buyer D)
        //   ignored: {P1, P2} cancelled, {P1, P2} draft, {P1, P2} 30 months ago (all buyer D)
        // so count(P1) = 8, count(P2) = 8, count(P3) = 2, count(P1 P2) = 6, count(P1 P3) = 2, count(P2 P3) = 0
        for (int i = 0; i < 6; i++) {
            order(buyerB, "COMPLETED", today.minusDays(i), p1, p2);
        }
        order(buyerA, "CONFIRMED", today, p1, p3);
        order(buyerA, "SHIPPED", today.minusDays(40), p1, p3, p1);
        order(buyerD, "DELIVERED", today, p2);
        order(buyerD, "COMPLETED", today.minusDays(3), p2);
        order(buyerD, "CANCELLED", today, p1, p2);
        order(buyerD, "DRAFT", today, p1, p2);
        order(buyerD, "COMPLETED", today.minusMonths(30), p1, p2);
    }

    @Test
    void aRunFindsTheRulesWithHandComputedMeasuresAndReplacesThePreviousRules() {
        BasketRuns.Run first = mine();
        long n = first.baskets();
        // N is the number of confirmed-or-later orders with lines in the period, counted independently
        assertThat(n).isEqualTo(jdbc.sql("""
                SELECT count(DISTINCT o.id) FROM orders o JOIN order_lines l ON l.order_id = o.id
                WHERE o.status IN ('CONFIRMED','SHIPPED','DELIVERED','COMPLETED') AND o.order_date BETWEEN ? AND ?""")
                .params(first.from(), first.to()).query(Long.class).single());

        // P1 ⇒ P2: count 6, support 6/N, confidence 6/8 = 0.75, lift = 0.75 / (8/N) = 0.09375 N
        assertRule(p1, p2, 6, 6.0 / n, 0.75, 0.75 * n / 8);
        // P2 ⇒ P1: count 6, confidence 6/8 = 0.75, lift = 0.75 / (8/N)
        assertRule(p2, p1, 6, 6.0 / n, 0.75, 0.75 * n / 8);
        // P3 ⇒ P1: count 2, confidence 2/2 = 1, lift = 1 / (8/N) = N/8
        assertRule(p3, p1, 2, 2.0 / n, 1.0, n / 8.0);
        // P1 ⇒ P3: count 2, confidence 2/8 = 0.25, lift = 0.25 / (2/N) = N/8
        assertRule(p1, p3, 2, 2.0 / n, 0.25, n / 8.0);
        // P2 and P3 never together: no rule between them
        assertThat(ruleIds(p2, p3)).isEmpty();
        assertThat(ruleIds(p3, p2)).isEmpty();

        BasketRuns.Run second = mine();
        assertThat(second.id()).isGreaterThan(first.id());
        assertThat(jdbc.sql("SELECT count(*) FROM basket_rules WHERE run_id <> ?").param(second.id())
                .query(Long.class).single()).isZero();
        assertThat(ruleIds(p1, p2)).hasSize(1);

        // a run whose instance went away is closed as stale by the next claim; if it still finishes later, its
        // rules do not replace the current ones
        BasketRuns.Run stale = runs.claim(null, params()).orElseThrow();
        jdbc.sql("UPDATE basket_runs SET started_at = now() - interval '3 hours' WHERE id = ?").param(stale.id())
                .update();
        BasketRuns.Run fresh = runs.claim(null, params()).orElseThrow();
        runs.run(stale.id());
        assertThat(runs.find(stale.id()).orElseThrow().error()).contains("went away");
        assertThat(jdbc.sql("SELECT count(*) FROM basket_rules WHERE run_id = ?").param(second.id())
                .query(Long.class).single()).isEqualTo(second.rules());
        assertThat(jdbc.sql("SELECT count(*) FROM basket_rules WHERE run_id = ?").param(stale.id())
                .query(Long.class).single()).isZero();
        runs.run(fresh.id());
        assertThat(runs.current().orElseThrow().id()).isEqualTo(fresh.id());

        // the API lists the rules with product names, filtered by product and sorted
        Api.Response list = new Api(port, rep.token()).get("/api/v1/analytics/basket/rules?productId=" + p3
                + "&sort=confidence&dir=desc");
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        JsonNode items = list.json().get("items");
        assertThat(items.size()).isEqualTo(2);
        assertThat(items.get(0).get("confidence").asDouble()).isEqualTo(1.0);
        assertThat(items.get(0).get("antecedent").get(0).get("name").asString()).isEqualTo("Kettle C " + unique);
        assertThat(items.get(1).get("consequent").get(0).get("name").asString()).isEqualTo("Kettle C " + unique);
        Api.Response strict = new Api(port, rep.token()).get("/api/v1/analytics/basket/rules?productId=" + p3
                + "&minConfidence=0.5");
        assertThat(strict.json().get("items").size()).isEqualTo(1);
    }

    @Test
    void oneRunAtATimeAndOnlyForManagersAnalystsAndAdmins() {
        Api api = new Api(port, analyst.token());
        BasketRuns.Run claimed = runs.claim(null, params()).orElseThrow();
        try {
            Api.Response second = api.post("/api/v1/analytics/basket/runs", "");
            assertThat(second.status()).as(second.body()).isEqualTo(409);
            assertThat(second.body()).contains("running already");
            // the nightly job skips while a run goes on
            runs.nightly();
            assertThat(runs.latest().orElseThrow().id()).isEqualTo(claimed.id());
        } finally {
            runs.run(claimed.id());
        }
        assertThat(runs.find(claimed.id()).orElseThrow().succeeded()).isTrue();
        runs.nightly();
        BasketRuns.Run nightly = runs.latest().orElseThrow();
        assertThat(nightly.id()).isGreaterThan(claimed.id());
        assertThat(nightly.succeeded()).as(String.valueOf(nightly.error())).isTrue();
        assertThat(nightly.startedBy()).isNull();
        assertThat(nightly.minSupport()).isEqualTo(0.001);
        assertThat(new Api(port, rep.token()).post("/api/v1/analytics/basket/runs", "").status()).isEqualTo(403);

        Api.Response started = api.post("/api/v1/analytics/basket/runs", "{\"minConfidence\": 0.3, \"maxLength\": 3}");
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String location = started.header("Location");
        long id = started.json().get("id").asLong();
        assertThat(location).endsWith("/api/v1/analytics/basket/runs/" + id);
        await().atMost(Duration.ofSeconds(60)).until(() -> !runs.find(id).orElseThrow().running());
        JsonNode done = api.get(location).json();
        assertThat(done.get("phase").asString()).isEqualTo("DONE");
        assertThat(done.get("minConfidence").asDouble()).isEqualTo(0.3);
        assertThat(done.get("startedBy").asLong()).isEqualTo(analyst.id());
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE entity_type = 'BasketRun' AND entity_id = ?")
                .param(Long.toString(id)).query(Long.class).single()).isEqualTo(1);

        Api.Response invalid = api.post("/api/v1/analytics/basket/runs", "{\"minSupport\": 0}");
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.body()).contains("minSupport");
        assertThat(api.get("/api/v1/analytics/basket/runs/" + claimed.id()).json().get("phase").asString())
                .isEqualTo("DONE");
        assertThat(api.get("/api/v1/analytics/basket/runs/999999999").status()).isEqualTo(404);
    }

    @Test
    void rejectsBadParameters() {
        Api api = new Api(port, rep.token());
        for (var bad : Map.of("sort=name", "sort", "dir=up", "dir", "minConfidence=1.5", "minConfidence",
                "minLift=-1", "minLift", "page=0", "page", "size=500", "size", "productId=0", "productId").entrySet()) {
            Api.Response r = api.get("/api/v1/analytics/basket/rules?" + bad.getKey());
            assertThat(r.status()).as(bad.getKey()).isEqualTo(400);
            assertThat(r.header("Content-Type")).contains("problem+json");
            assertThat(r.body()).as(bad.getKey()).contains("\"" + bad.getValue() + "\"");
        }
        // not a number: the framework's 400 names the parameter
        Api.Response notANumber = api.get("/api/v1/analytics/basket/rules?minLift=abc");
        assertThat(notANumber.status()).isEqualTo(400);
        assertThat(notANumber.body()).contains("'minLift'");
        assertThat(api.get("/api/v1/customers/" + buyerA + "/cross-sell?limit=0").status()).isEqualTo(400);
    }

    @Test
    void crossSellSuggestsTheConsequentOnlyToCustomersWithoutIt() throws Exception {
        mine();
        Api api = new Api(port, rep.token());
        // buyer A bought P1 and P3: P1 ⇒ P2 applies (P1 ⇒ P3 and P3 ⇒ P1 do not: A has both)
        Api.Response a = api.get("/api/v1/customers/" + buyerA + "/cross-sell");
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        assertThat(a.json().size()).isEqualTo(1);
        assertThat(a.json().get(0).get("product").get("id").asLong()).isEqualTo(p2);
        assertThat(a.json().get(0).get("rule").get("antecedent").get(0).get("id").asLong()).isEqualTo(p1);
        assertThat(a.json().get(0).get("rule").get("confidence").asDouble()).isEqualTo(0.75);
        // buyer B bought P1 and P2: P2 is not suggested (bought already), P3 is (P1 ⇒ P3)
        List<Long> forB = new ArrayList<>();
        api.get("/api/v1/customers/" + buyerB + "/cross-sell").json()
                .forEach(s -> forB.add(s.get("product").get("id").asLong()));
        assertThat(forB).containsExactly(p3);
        // a customer the user does not see: 404
        assertThat(new Api(port, outsider.token()).get("/api/v1/customers/" + buyerA + "/cross-sell").status())
                .isEqualTo(404);

        MockHttpSession session = Sessions.login(mvc, rep.username(), TestAccounts.PASSWORD);
        // the customer 360 page shows the suggestion with its reason
        mvc.perform(get("/customers/" + buyerA).session(session).locale(java.util.Locale.ENGLISH))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("id=\"cross-sell-panel\"")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Cups B " + unique)));
        mvc.perform(get("/analytics/customers/" + buyerA + "/cross-sell").session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Cups B " + unique)))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("75%")));
        MockHttpSession other = Sessions.login(mvc, outsider.username(), TestAccounts.PASSWORD);
        mvc.perform(get("/analytics/customers/" + buyerA + "/cross-sell").session(other))
                .andExpect(status().isNotFound());
    }

    @Test
    void theRulePageRendersWithFiltersAndTheRunButtonForAnalysts() throws Exception {
        mine();
        MockHttpSession session = Sessions.login(mvc, analyst.username(), TestAccounts.PASSWORD);
        mvc.perform(get("/analytics/basket").param("productId", Long.toString(p3)).param("sort", "count")
                        .param("dir", "asc").param("minConfidence", "20").session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Kettle C " + unique)))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("basket-run-form")));
        mvc.perform(get("/analytics/basket").param("sort", "name").param("minLift", "x").session(session))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("alert-danger")));
        // while a run goes on, the state polls itself and the run button is disabled
        BasketRuns.Run running = runs.claim(null, params()).orElseThrow();
        try {
            mvc.perform(get("/analytics/basket/status").param("watching", "true").session(session))
                    .andExpect(status().isOk())
                    .andExpect(content().string(org.hamcrest.Matchers.containsString("every 2s")))
                    .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.header()
                            .doesNotExist("HX-Refresh"));
            mvc.perform(post("/analytics/basket/runs").with(csrf()).session(session))
                    .andExpect(status().is3xxRedirection())
                    .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash()
                            .attribute("error", "basket.run.conflict"));
        } finally {
            runs.run(running.id());
        }
        mvc.perform(get("/analytics/basket/status").param("watching", "true").session(session))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.header()
                        .string("HX-Refresh", "true"));
        MockHttpSession repSession = Sessions.login(mvc, rep.username(), TestAccounts.PASSWORD);
        mvc.perform(get("/analytics/basket").session(repSession))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.not(
                        org.hamcrest.Matchers.containsString("basket-run-form"))));
        mvc.perform(post("/analytics/basket/runs").with(csrf()).session(repSession))
                .andExpect(status().isForbidden());
    }

    /** Low enough thresholds that the pairs counted twice are frequent: support 2/N, no minimum confidence or lift. */
    private BasketRuns.Parameters params() {
        BasketRuns.Parameters d = runs.defaults();
        long n = jdbc.sql("""
                SELECT count(DISTINCT o.id) FROM orders o JOIN order_lines l ON l.order_id = o.id
                WHERE o.status IN ('CONFIRMED','SHIPPED','DELIVERED','COMPLETED') AND o.order_date BETWEEN ? AND ?""")
                .params(d.from(), d.to()).query(Long.class).single();
        return new BasketRuns.Parameters(d.from(), d.to(), 1.5 / n, 0, 0, 3);
    }

    private BasketRuns.Run mine() {
        BasketRuns.Run run = runs.claim(null, params()).orElseThrow();
        runs.run(run.id());
        BasketRuns.Run done = runs.find(run.id()).orElseThrow();
        assertThat(done.error()).isNull();
        assertThat(done.succeeded()).isTrue();
        return done;
    }

    private List<Long> ruleIds(long antecedent, long consequent) {
        return jdbc.sql("SELECT id FROM basket_rules WHERE antecedent = ARRAY[?::bigint] AND consequent = ARRAY[?::bigint]")
                .params(antecedent, consequent).query(Long.class).list();
    }

    private void assertRule(long antecedent, long consequent, int count, double support, double confidence,
                            double lift) {
        Map<String, Object> rule = jdbc.sql("""
                        SELECT count, support, confidence, lift FROM basket_rules
                        WHERE antecedent = ARRAY[?::bigint] AND consequent = ARRAY[?::bigint]""")
                .params(antecedent, consequent).query().singleRow();
        assertThat(((Number) rule.get("count")).intValue()).isEqualTo(count);
        assertThat(((Number) rule.get("support")).doubleValue()).isCloseTo(support, within(1e-12));
        assertThat(((Number) rule.get("confidence")).doubleValue()).isCloseTo(confidence, within(1e-12));
        assertThat(((Number) rule.get("lift")).doubleValue()).isCloseTo(lift, within(1e-9));
    }

    private long product(String name) {
        return jdbc.sql("INSERT INTO products (sku, name, list_price) VALUES (?, ?, 10) RETURNING id")
                .params("BSK-" + name.replace(' ', '-'), name).query(Long.class).single();
    }

    private long customer(String name) {
        Api.Response r = new Api(port, rep.token()).post("/api/v1/customers",
                Api.json(Map.of("kind", "PERSON", "name", name, "customerType", "CONSUMER")));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    private void order(long customerId, String status, LocalDate date, long... products) {
        long orderId = jdbc.sql("""
                        INSERT INTO orders (customer_id, owner_id, team_id, status, order_date, total)
                        VALUES (?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(customerId, rep.id(), rep.teamId(), status, date, 10 * products.length)
                .query(Long.class).single();
        for (int i = 0; i < products.length; i++) {
            jdbc.sql("""
                            INSERT INTO order_lines (order_id, line_no, customer_id, order_date, product_id,
                              product_name, quantity, unit_price, line_total)
                            VALUES (?, ?, ?, ?, ?, 'x', 1, 10, 10)""")
                    .params(orderId, i + 1, customerId, date, products[i]).update();
        }
    }
}
