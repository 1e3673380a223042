package dev.guanxi.crm.analytics;

import dev.guanxi.crm.analytics.internal.PivotFactTables;
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

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Pivot reports over orders and payments this test writes for a team of its own (every request filters by that
 * team, so other tests' data never counts).
 */
@IntegrationTest
class PivotApiTest {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PivotFactTables facts;

    Account rep;
    Account manager;
    Account otherRep;
    Account analyst;
    long team;
    long a;
    long b;
    long c;
    String period = "&from=2021-01-01&to=2021-12-31";
    static final String WIDGET = "Widget";
    static final String GADGET = "Gadget";
    final Map<Long, String> productNames = new HashMap<>();

    @BeforeEach
    void setUp() {
        TestAccounts accounts = new TestAccounts(context);
        team = accounts.team("pivot");
        rep = accounts.user(Role.SALES_REP, team);
        manager = accounts.manager(team);
        otherRep = accounts.user(Role.SALES_REP, accounts.team("pivot-other"));
        analyst = accounts.user(Role.ANALYST, null);
        a = customer("浙江省", "杭州市", "制造", "VIP", "WEBSITE");
        b = customer("浙江省", "宁波市", "零售", "SMALL", "REFERRAL");
        c = customer("广东省", "深圳市", "制造", "VIP", null);
        long p1 = product(WIDGET);
        long p2 = product(GADGET);
        long o1 = order(a, "2021-01-15", "CONFIRMED", "100.00");
        line(o1, 1, a, "2021-01-15", p1, "100.00");
        long o2 = order(a, "2021-02-10", "COMPLETED", "200.00");
        line(o2, 1, a, "2021-02-10", p1, "120.00");
        line(o2, 2, a, "2021-02-10", p2, "80.00");
        order(a, "2021-05-01", "DRAFT", "50.00");        // not revenue
        order(a, "2021-06-01", "CANCELLED", "70.00");    // not revenue
        long o3 = order(b, "2021-02-20", "SHIPPED", "300.00");
        line(o3, 1, b, "2021-02-20", p2, "300.00");
        order(b, "2022-03-01", "DELIVERED", "400.00");   // outside the period
        long o4 = order(c, "2021-04-05", "CONFIRMED", "1000.00");
        line(o4, 1, c, "2021-04-05", p1, "1000.00");
        payment(o2, a, "2021-02-11", "150.00");
        payment(o4, c, "2021-04-30", "500.00");
        facts.rebuild();        // the rows above were written without the sales module's events
    }

    Api api(Account account) {
        return new Api(port, account.token());
    }

    long customer(String province, String city, String industry, String tier, String source) {
        Map<String, Object> body = new HashMap<>(Map.of("kind", "ORGANIZATION", "name", "透视客户 " + System.nanoTime(),
                "customerType", "BUSINESS", "province", province, "city", city, "industry", industry,
                "valueTier", tier));
        if (source != null) {
            body.put("source", source);
        }
        Api.Response r = api(rep).post("/api/v1/customers", Api.json(body));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    long product(String name) {
        long id = jdbc.sql("INSERT INTO products (sku, name, list_price) VALUES (?, ?, 1) RETURNING id")
                .params("PIV-" + System.nanoTime(), name).query(Long.class).single();
        productNames.put(id, name);
        return id;
    }

    long order(long customer, String date, String status, String total) {
        return jdbc.sql("""
                        INSERT INTO orders (customer_id, owner_id, team_id, status, order_date, total)
                        VALUES (?, ?, ?, ?, ?::date, ?) RETURNING id""")
                .params(customer, rep.id(), team, status, date, new BigDecimal(total)).query(Long.class).single();
    }

    void line(long order, int no, long customer, String date, long product, String total) {
        jdbc.sql("""
                        INSERT INTO order_lines (order_id, line_no, customer_id, order_date, product_id, product_name,
                          quantity, unit_price, line_total) VALUES (?, ?, ?, ?::date, ?, ?, 1, ?, ?)""")
                .params(order, no, customer, date, product, productNames.get(product), new BigDecimal(total),
                        new BigDecimal(total)).update();
    }

    void payment(long order, long customer, String date, String amount) {
        jdbc.sql("INSERT INTO payments (order_id, customer_id, amount, method, received_on) VALUES (?, ?, ?, 'CASH', ?::date)")
                .params(order, customer, new BigDecimal(amount), date).update();
    }

    JsonNode pivot(Account who, String query) {
        Api.Response r = api(who).get("/api/v1/analytics/pivot?" + query + period + "&team=" + team);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    static BigDecimal value(JsonNode values, String measure) {
        JsonNode v = values.get(measure);
        return v == null || v.isNull() ? BigDecimal.ZERO : v.decimalValue();
    }

    static List<String> keys(JsonNode members) {
        List<String> keys = new ArrayList<>();
        members.forEach(m -> keys.add(m.get("key").asString()));
        return keys;
    }

    @Test
    void twoDimensionsWithCellsRowColumnAndGrandTotals() {
        JsonNode p = pivot(rep, "rows=month&cols=tier&measure=revenue,orders,customers");
        assertThat(keys(p.get("rows"))).containsExactly("2021-01", "2021-02", "2021-04");
        assertThat(keys(p.get("columns"))).as("largest revenue first").containsExactly("VIP", "SMALL");
        assertThat(p.get("columns").get(0).get("label").asString()).isEqualTo("VIP");
        p.get("rows").forEach(row -> assertThat(row.get("cells")).hasSize(2));
        assertThat(p.get("columnTotals")).hasSize(2);
        JsonNode february = p.get("rows").get(1);
        assertThat(value(february.get("cells").get(0), "revenue")).isEqualByComparingTo("200");
        assertThat(value(february.get("cells").get(1), "revenue")).isEqualByComparingTo("300");
        assertThat(p.get("rows").get(0).get("cells").get(1).has("revenue")).as("empty cell").isFalse();

        for (String measure : List.of("revenue", "orders")) {       // additive: totals are the sums of cells
            BigDecimal grand = BigDecimal.ZERO;
            for (JsonNode row : p.get("rows")) {
                BigDecimal sum = BigDecimal.ZERO;
                for (JsonNode cell : row.get("cells")) {
                    sum = sum.add(value(cell, measure));
                }
                assertThat(value(row.get("total"), measure)).as(measure + " row total").isEqualByComparingTo(sum);
                grand = grand.add(sum);
            }
            for (int col = 0; col < 2; col++) {
                BigDecimal sum = BigDecimal.ZERO;
                for (JsonNode row : p.get("rows")) {
                    sum = sum.add(value(row.get("cells").get(col), measure));
                }
                assertThat(value(p.get("columnTotals").get(col), measure)).isEqualByComparingTo(sum);
            }
            assertThat(value(p.get("grandTotal"), measure)).isEqualByComparingTo(grand);
        }
        assertThat(value(p.get("grandTotal"), "revenue")).as("drafts, cancelled and 2022 left out")
                .isEqualByComparingTo("1600");
        assertThat(value(p.get("grandTotal"), "orders")).isEqualByComparingTo("4");
        // distinct customers: A bought in January and February, so the total is not the sum of the cells
        assertThat(value(p.get("grandTotal"), "customers")).isEqualByComparingTo("3");
        assertThat(value(p.get("columnTotals").get(0), "customers")).as("A and C in VIP").isEqualByComparingTo("2");
        int cellSum = 0;
        for (JsonNode row : p.get("rows")) {
            cellSum += value(row.get("total"), "customers").intValue();
        }
        assertThat(cellSum).isEqualTo(4);
        JsonNode measures = p.get("measures");
        assertThat(measures.get(2).get("key").asString()).isEqualTo("customers");
        assertThat(measures.get(2).get("additive").asBoolean()).isFalse();
    }

    @Test
    void averagesPaymentsAndProductsComeFromTheirFacts() {
        JsonNode byYear = pivot(rep, "rows=year&measure=averageOrder,payments");
        assertThat(keys(byYear.get("rows"))).containsExactly("2021");
        assertThat(value(byYear.get("grandTotal"), "averageOrder")).isEqualByComparingTo("400.00");
        assertThat(value(byYear.get("grandTotal"), "payments")).isEqualByComparingTo("650");

        JsonNode byProduct = pivot(rep, "rows=product&measure=revenue,orders,quantity");
        Map<String, BigDecimal> revenue = new HashMap<>();
        byProduct.get("rows").forEach(r -> revenue.put(r.get("label").asString(), value(r.get("total"), "revenue")));
        assertThat(revenue).hasSize(2);
        assertThat(revenue.get(WIDGET)).isEqualByComparingTo("1220");
        assertThat(revenue.get(GADGET)).isEqualByComparingTo("380");
        assertThat(keys(byProduct.get("rows")).get(0)).as("largest first, keyed by product id").matches("\\d+");
        assertThat(value(byProduct.get("grandTotal"), "orders")).as("distinct orders, not lines")
                .isEqualByComparingTo("4");

        Api.Response unsupported = api(rep).get("/api/v1/analytics/pivot?rows=product&measure=payments" + period);
        assertThat(unsupported.status()).isEqualTo(400);
        assertThat(unsupported.json().get("errors").get(0).get("field").asString()).isEqualTo("measure");
    }

    @Test
    void drillDownFiltersByTheMemberAndShowsTheFinerDimension() {
        JsonNode byYear = pivot(rep, "rows=year");
        String drill = byYear.get("rows").get(0).get("drill").asString();
        assertThat(drill).contains("rows=quarter").contains("year=2021");
        JsonNode quarters = pivot(rep, drill);
        assertThat(keys(quarters.get("rows"))).containsExactly("2021-Q1", "2021-Q2");
        assertThat(value(quarters.get("rows").get(0).get("total"), "revenue")).isEqualByComparingTo("600");
        JsonNode months = pivot(rep, quarters.get("rows").get(0).get("drill").asString());
        assertThat(keys(months.get("rows"))).containsExactly("2021-01", "2021-02");
        assertThat(months.get("query").get("effectiveTo").asString()).isEqualTo("2021-03-31");

        JsonNode provinces = pivot(rep, "rows=province");
        assertThat(keys(provinces.get("rows"))).containsExactly("广东省", "浙江省");
        JsonNode cities = pivot(rep, provinces.get("rows").get(1).get("drill").asString());
        assertThat(cities.get("query").get("rows").asString()).isEqualTo("city");
        assertThat(keys(cities.get("rows"))).containsExactly("宁波市", "杭州市");
        assertThat(pivot(rep, "rows=industry").get("rows").get(0).has("drill"))
                .as("industry has no finer level").isFalse();

        JsonNode notSet = pivot(rep, "rows=source");
        assertThat(keys(notSet.get("rows"))).containsExactly("REFERRAL", "WEBSITE", "~");
        assertThat(notSet.get("rows").get(0).get("label").asString()).isEqualTo("Referral");
        JsonNode noSource = pivot(rep, "rows=city&source=~");
        assertThat(keys(noSource.get("rows"))).containsExactly("深圳市");
    }

    @Test
    void everyParameterIsValidated() {
        Map<String, String> bad = new HashMap<>();
        bad.put("rows=nonsense", "rows");
        bad.put("rows=year&cols=nonsense", "cols");
        bad.put("rows=year&cols=year", "cols");
        bad.put("measure=tickets", "measure");
        bad.put("measure=revenue,nope", "measure");
        bad.put("from=2021-13-01", "from");
        bad.put("to=yesterday", "to");
        bad.put("from=2021-06-01&to=2021-01-01", "from");
        bad.put("owner=abc", "owner");
        bad.put("tier=GOLD", "tier");
        bad.put("year=21", "year");
        bad.put("month=2021-13", "month");
        bad.put("dimension=year", "dimension");
        bad.forEach((query, field) -> {
            Api.Response r = api(rep).get("/api/v1/analytics/pivot?" + query);
            assertThat(r.status()).as(query).isEqualTo(400);
            assertThat(r.header("Content-Type")).contains("application/problem+json");
            assertThat(r.json().get("errors").get(0).get("field").asString()).as(query).isEqualTo(field);
            assertThat(r.json().get("errors").get(0).get("message").asString()).as(query).isNotBlank();
        });
        Api.Response export = api(rep).get("/api/v1/analytics/pivot/export?format=pdf");
        assertThat(export.status()).isEqualTo(400);
        assertThat(export.body()).contains("format");
        assertThat(api(rep).get("/api/v1/analytics/pivot/measures").json().get("measures").toString())
                .contains("revenue", "payments", "customers").doesNotContain("tickets");
    }

    @Test
    void everyoneSeesOnlyTheRevenueTheyMaySee() {
        assertThat(value(pivot(rep, "rows=year").get("grandTotal"), "revenue")).isEqualByComparingTo("1600");
        assertThat(value(pivot(manager, "rows=year").get("grandTotal"), "revenue")).isEqualByComparingTo("1600");
        assertThat(value(pivot(analyst, "rows=year").get("grandTotal"), "revenue")).isEqualByComparingTo("1600");
        JsonNode other = pivot(otherRep, "rows=year");
        assertThat(other.get("rows")).isEmpty();
        assertThat(value(other.get("grandTotal"), "revenue")).isZero();
        JsonNode byTeam = api(otherRep).get("/api/v1/analytics/pivot?rows=team" + period).json();
        assertThat(keys(byTeam.get("rows"))).doesNotContain(String.valueOf(team));
    }

    @Test
    void csvExportHasTheTableWithTotalsAndIsAudited() {
        Api.Response r = api(rep).get("/api/v1/analytics/pivot/export?format=csv&rows=month&cols=tier&measure=revenue"
                + period + "&team=" + team);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("text/csv");
        assertThat(r.header("Content-Disposition")).contains("attachment").contains(".csv");
        assertThat(r.body()).startsWith("\uFEFF");
        assertThat(r.body().substring(1).lines().toList()).containsExactly(
                "Month \\ Value tier,VIP,Small,Total",
                "2021-01,100.00,,100.00",
                "2021-02,200.00,300.00,500.00",
                "2021-04,1000.00,,1000.00",
                "Total,1300.00,300.00,1600.00");
        Map<String, Object> entry = jdbc.sql("""
                        SELECT action, entity_type, changes::text AS changes, summary FROM audit_log
                        WHERE actor_id = ? ORDER BY id DESC LIMIT 1""")
                .param(rep.id()).query().singleRow();
        assertThat(entry.get("action")).isEqualTo("EXPORT");
        assertThat(entry.get("entity_type")).isEqualTo("pivot");
        assertThat((String) entry.get("changes")).contains("csv").contains("rows=month").contains("tier");
        Api.Response xlsx = api(rep).get("/api/v1/analytics/pivot/export?format=xlsx&rows=year" + period
                + "&team=" + team);
        assertThat(xlsx.status()).isEqualTo(200);
        assertThat(xlsx.body()).startsWith("PK");
    }

    @Test
    void aConfirmedOrderAndAPaymentShowWithoutWaitingForTheNightlyRebuild() {
        long customer = customer("四川省", "成都市", "物流", "MAJOR", null);
        long product = product("Pallet");
        Api.Response draft = api(rep).post("/api/v1/orders", Api.json(Map.of("customerId", customer, "lines",
                List.of(Map.of("productId", product, "quantity", "3", "unitPrice", "250.00")))));
        assertThat(draft.status()).as(draft.body()).isEqualTo(201);
        long id = draft.json().get("id").asLong();
        Api.Response confirmed = api(rep).post("/api/v1/orders/" + id + "/confirm?version="
                + draft.json().get("version").asInt(), "");
        assertThat(confirmed.status()).as(confirmed.body()).isEqualTo(200);
        assertThat(api(rep).post("/api/v1/orders/" + id + "/payments",
                Api.json(Map.of("amount", "100.00", "method", "CASH"))).status()).isEqualTo(201);
        String today = "&from=" + LocalDate.now().minusDays(2) + "&to=" + LocalDate.now().plusDays(2)
                + "&team=" + team + "&city=" + java.net.URLEncoder.encode("成都市", java.nio.charset.StandardCharsets.UTF_8);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode p = api(rep).get("/api/v1/analytics/pivot?rows=product&measure=revenue,quantity" + today).json();
            assertThat(value(p.get("grandTotal"), "revenue")).isEqualByComparingTo("750");
            assertThat(p.get("rows").get(0).get("label").asString()).isEqualTo("Pallet");
            JsonNode paid = api(rep).get("/api/v1/analytics/pivot?rows=year&measure=payments" + today).json();
            assertThat(value(paid.get("grandTotal"), "payments")).isEqualByComparingTo("100");
        });
    }
}
