package dev.guanxi.crm.sales;

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

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class OrderApiTest {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;

    Account manager;
    Account rep;
    Account otherRep;
    Account analyst;
    long tea;
    long cup;

    @BeforeEach
    void setUp() {
        TestAccounts accounts = new TestAccounts(context);
        long team = accounts.team("sales");
        manager = accounts.manager(team);
        rep = accounts.user(Role.SALES_REP, team);
        otherRep = accounts.user(Role.SALES_REP, accounts.team("sales-other"));
        analyst = accounts.user(Role.ANALYST, null);
        tea = product("TEA-" + System.nanoTime(), "龙井茶 Longjing tea", "100.00");
        cup = product("CUP-" + System.nanoTime(), "Tea cup", "20.00");
    }

    Api as(Account a) {
        return new Api(port, a.token());
    }

    long product(String sku, String name, String price) {
        Api.Response r = as(manager).post("/api/v1/products", Api.json(Map.of("sku", sku, "name", name,
                "listPrice", price, "category", "Tea")));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    long customer(Account owner, String settlement, Integer creditLimit) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", "ORGANIZATION");
        body.put("name", "Buyer " + System.nanoTime());
        body.put("customerType", "BUSINESS");
        body.put("settlement", settlement);
        if (creditLimit != null) {
            body.put("creditLimit", creditLimit);
            body.put("creditTerms", "MONTHLY");
        }
        Api.Response r = as(owner).post("/api/v1/customers", Api.json(body));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    JsonNode order(Account who, long customerId, List<Map<String, Object>> lines) {
        Api.Response r = as(who).post("/api/v1/orders", Api.json(Map.of("customerId", customerId, "lines", lines)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    static Map<String, Object> line(long productId, String qty) {
        return Map.of("productId", productId, "quantity", qty);
    }

    Api.Response act(Account who, JsonNode order, String action) {
        return as(who).post("/api/v1/orders/" + order.get("id").asLong() + "/" + action + "?version="
                + order.get("version").asInt(), "");
    }

    @Test
    void anOrderGoesFromDraftToCompletedWithPartialPayments() {
        long customerId = customer(rep, "CASH", null);
        JsonNode draft = order(rep, customerId, List.of(line(tea, "2"),
                Map.of("productId", cup, "quantity", "4", "unitPrice", "18.00", "discountPct", "10", "taxPct", "13")));
        assertThat(draft.get("status").asString()).isEqualTo("DRAFT");
        assertThat(draft.get("number").asString()).startsWith("SO-");
        assertThat(draft.get("lines").get(0).get("productName").asString()).isEqualTo("龙井茶 Longjing tea");
        // 2 × 100 + 4 × 18 × 0.9 × 1.13 = 200 + 73.22
        assertThat(draft.get("total").decimalValue()).isEqualByComparingTo("273.22");

        assertThat(as(rep).post("/api/v1/orders/" + draft.get("id").asLong() + "/payments",
                Api.json(Map.of("amount", "10", "method", "CASH"))).status()).as("no payment on a draft").isEqualTo(409);
        Api.Response skip = act(rep, draft, "ship");
        assertThat(skip.status()).isEqualTo(409);
        assertThat(skip.json().get("detail").asString()).contains("only a confirmed order can be shipped");

        JsonNode confirmed = act(rep, draft, "confirm").json();
        assertThat(confirmed.get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(confirmed.get("dueDate").asString()).isEqualTo(confirmed.get("orderDate").asString());
        long id = confirmed.get("id").asLong();

        Api.Response part = as(rep).post("/api/v1/orders/" + id + "/payments",
                Api.json(Map.of("amount", "73.22", "method", "WECHAT_PAY", "reference", "wx-1")));
        assertThat(part.status()).as(part.body()).isEqualTo(201);
        assertThat(part.json().get("balance").decimalValue()).isEqualByComparingTo("200.00");
        Api.Response over = as(rep).post("/api/v1/orders/" + id + "/payments",
                Api.json(Map.of("amount", "200.01", "method", "CASH")));
        assertThat(over.status()).isEqualTo(400);
        assertThat(over.json().get("errors").get(0).get("field").asString()).isEqualTo("amount");
        assertThat(over.json().get("errors").get(0).get("message").asString())
                .isEqualTo("exceeds the open balance of 200.00 CNY");
        JsonNode paid = as(rep).post("/api/v1/orders/" + id + "/payments",
                Api.json(Map.of("amount", "200", "method", "BANK_TRANSFER"))).json();
        assertThat(paid.get("balance").decimalValue()).isZero();
        assertThat(paid.get("payments").size()).isEqualTo(2);

        JsonNode shipped = act(rep, paid, "ship").json();
        JsonNode delivered = act(rep, shipped, "deliver").json();
        JsonNode completed = act(rep, delivered, "complete").json();
        assertThat(completed.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(act(rep, completed, "cancel").status()).isEqualTo(409);

        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE entity_type = 'order' AND entity_id = ?")
                .param(String.valueOf(id)).query(Long.class).single()).isEqualTo(5);
        assertThat(jdbc.sql("SELECT count(*) FROM order_lines WHERE order_id = ? AND customer_id = ?")
                .params(id, customerId).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void creditCustomersCannotConfirmBeyondTheirLimit() {
        long customerId = customer(rep, "CREDIT", 500);
        JsonNode first = act(rep, order(rep, customerId, List.of(line(tea, "4"))), "confirm").json();
        assertThat(first.get("status").asString()).isEqualTo("CONFIRMED");
        assertThat(first.get("dueDate").asString())
                .isEqualTo(LocalDate.parse(first.get("orderDate").asString()).plusDays(30).toString());
        JsonNode second = order(rep, customerId, List.of(line(tea, "2")));
        Api.Response refused = act(rep, second, "confirm");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("detail").asString()).contains("Credit limit exceeded").contains("500");
        as(rep).post("/api/v1/orders/" + first.get("id").asLong() + "/payments",
                Api.json(Map.of("amount", "200", "method", "BANK_TRANSFER")));
        assertThat(act(rep, second, "confirm").status()).as("payments free up credit").isEqualTo(200);
    }

    @Test
    void ordersFollowTheCustomersVisibilityAndRoles() {
        long customerId = customer(rep, "CASH", null);
        JsonNode draft = order(rep, customerId, List.of(line(tea, "1")));
        long id = draft.get("id").asLong();
        assertThat(as(manager).get("/api/v1/orders/" + id).status()).isEqualTo(200);
        assertThat(as(otherRep).get("/api/v1/orders/" + id).status()).isEqualTo(404);
        assertThat(as(otherRep).post("/api/v1/orders", Api.json(Map.of("customerId", customerId,
                "lines", List.of(line(tea, "1"))))).status()).isEqualTo(400);
        assertThat(as(analyst).post("/api/v1/orders", Api.json(Map.of("customerId", customerId,
                "lines", List.of(line(tea, "1"))))).status()).isEqualTo(403);
        assertThat(as(rep).post("/api/v1/products", Api.json(Map.of("sku", "X-1", "name", "x", "listPrice", "1")))
                .status()).as("reps do not edit the catalogue").isEqualTo(403);
        JsonNode listed = as(otherRep).get("/api/v1/orders?customerId=" + customerId).json();
        assertThat(listed.get("items").size()).isZero();
        assertThat(as(rep).get("/api/v1/orders?customerId=" + customerId).json().get("items").get(0).get("number")
                .asString()).isEqualTo(draft.get("number").asString());
    }

    @Test
    void receivablesListOpenAndOverdueBalances() {
        long customerId = customer(rep, "CASH", null);
        Map<String, Object> body = Map.of("customerId", customerId, "orderDate", LocalDate.now().minusDays(10).toString(),
                "lines", List.of(line(tea, "1")));
        JsonNode old = as(rep).post("/api/v1/orders", Api.json(body)).json();
        act(rep, old, "confirm");
        JsonNode today = act(rep, order(rep, customerId, List.of(line(cup, "1"))), "confirm").json();
        JsonNode open = as(rep).get("/api/v1/receivables?customerId=" + customerId).json().get("items");
        assertThat(open.size()).isEqualTo(2);
        JsonNode overdue = as(rep).get("/api/v1/receivables?overdue=true&customerId=" + customerId).json().get("items");
        assertThat(overdue.size()).isEqualTo(1);
        assertThat(overdue.get(0).get("id").asLong()).isEqualTo(old.get("id").asLong());
        assertThat(overdue.get(0).get("overdue").asBoolean()).isTrue();
        assertThat(overdue.get(0).get("balance").decimalValue()).isEqualByComparingTo("100.00");
        assertThat(today.get("overdue").asBoolean()).isFalse();
        JsonNode balance = as(rep).get("/api/v1/receivables/balance?customerId=" + customerId).json();
        assertThat(balance.get("balance").decimalValue()).isEqualByComparingTo("120.00");   // 100 + 20
        assertThat(balance.get("overdue").decimalValue()).isEqualByComparingTo("100.00");
        assertThat(as(otherRep).get("/api/v1/receivables/balance?customerId=" + customerId).status()).isEqualTo(404);
    }

    @Test
    void badOrdersAreRejectedWithFieldErrors() {
        long customerId = customer(rep, "CASH", null);
        Api.Response empty = as(rep).post("/api/v1/orders", Api.json(Map.of("customerId", customerId, "lines", List.of())));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.body()).contains("lines");
        Api.Response badLine = as(rep).post("/api/v1/orders", Api.json(Map.of("customerId", customerId,
                "lines", List.of(Map.of("productId", tea, "quantity", "-1", "discountPct", "150")))));
        assertThat(badLine.status()).isEqualTo(400);
        assertThat(badLine.body()).contains("lines[0].quantity").contains("lines[0].discountPct");
        Api.Response unknownProduct = as(rep).post("/api/v1/orders", Api.json(Map.of("customerId", customerId,
                "lines", List.of(line(999_999_999L, "1")))));
        assertThat(unknownProduct.status()).isEqualTo(400);
        assertThat(unknownProduct.body()).contains("lines[0].productId");
        assertThat(as(rep).post("/api/v1/orders/1/explode?version=0", "").status()).isIn(400, 404);
        assertThat(as(manager).post("/api/v1/products", Api.json(Map.of("sku", "bad sku!", "name", "x",
                "listPrice", "-1"))).status()).isEqualTo(400);
    }
}
