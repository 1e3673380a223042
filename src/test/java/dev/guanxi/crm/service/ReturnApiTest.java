package dev.guanxi.crm.service;

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
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import dev.guanxi.crm.support.Sessions;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * After-sales requests over the REST API (each type's path, the amount limits, refunds as negative payments) and
 * through the pages.
 */
@IntegrationTest
class ReturnApiTest {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MockMvc mvc;

    Account manager;
    Account rep;
    Account agent;
    Account analyst;
    long tea;
    long cup;

    @BeforeEach
    void setUp() {
        TestAccounts accounts = new TestAccounts(context);
        long team = accounts.team("aftersales");
        manager = accounts.manager(team);
        rep = accounts.user(Role.SALES_REP, team);
        agent = accounts.user(Role.SERVICE_AGENT, null);
        analyst = accounts.user(Role.ANALYST, null);
        tea = product("TEA-" + System.nanoTime(), "龙井茶 Longjing tea", "100.00");
        cup = product("CUP-" + System.nanoTime(), "Tea cup", "50.00");
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

    long customer() {
        Api.Response r = as(rep).post("/api/v1/customers", Api.json(Map.of("kind", "PERSON",
                "name", "买家 Buyer " + System.nanoTime(), "customerType", "CONSUMER")));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    /** An order of 2 teas (200.00) and 2 cups (100.00), confirmed, paid {@code paid}, moved on to {@code until}. */
    long order(long customerId, String paid, String until) {
        Api.Response r = as(rep).post("/api/v1/orders", Api.json(Map.of("customerId", customerId, "lines", List.of(
                Map.of("productId", tea, "quantity", "2"), Map.of("productId", cup, "quantity", "2")))));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        long id = r.json().get("id").asLong();
        List<String> steps = new ArrayList<>(List.of("confirm", "ship", "deliver"));
        for (String step : steps.subList(0, steps.indexOf(until) + 1)) {
            JsonNode o = as(rep).get("/api/v1/orders/" + id).json();
            Api.Response s = as(rep).post("/api/v1/orders/" + id + "/" + step + "?version=" + o.get("version").asInt(), "");
            assertThat(s.status()).as(s.body()).isEqualTo(200);
            if (step.equals("confirm") && paid != null) {
                Api.Response p = as(rep).post("/api/v1/orders/" + id + "/payments",
                        Api.json(Map.of("amount", paid, "method", "ALIPAY")));
                assertThat(p.status()).as(p.body()).isEqualTo(201);
            }
        }
        return id;
    }

    JsonNode lines(long orderId) {
        Api.Response r = as(agent).get("/api/v1/returns/order-lines?orderId=" + orderId);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    Api.Response request(Account who, long lineId, String type, String amount, String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("orderLineId", lineId);
        body.put("type", type);
        if (amount != null) {
            body.put("amount", amount);
        }
        if (reason != null) {
            body.put("reason", reason);
        }
        return as(who).post("/api/v1/returns", Api.json(body));
    }

    JsonNode created(Api.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    Api.Response step(JsonNode r, String action, Map<String, Object> body) {
        JsonNode now = as(agent).get("/api/v1/returns/" + r.get("id").asLong()).json();
        return as(agent).post("/api/v1/returns/" + r.get("id").asLong() + "/" + action + "?version="
                + now.get("version").asInt(), body == null ? "" : Api.json(body));
    }

    JsonNode ok(Api.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    BigDecimal payments(long orderId) {
        return jdbc.sql("SELECT coalesce(sum(amount), 0) FROM payments WHERE order_id = ?").param(orderId)
                .query(BigDecimal.class).single();
    }

    BigDecimal balance(long customerId) {
        return as(rep).get("/api/v1/receivables/balance?customerId=" + customerId).json().get("balance").decimalValue();
    }

    @Test
    void aReturnAndRefundIsInspectedBeforeOneNegativePaymentIsWritten() {
        long customerId = customer();
        long orderId = order(customerId, "300.00", "deliver");
        JsonNode teaLine = lines(orderId).get(0);
        assertThat(teaLine.get("paid").decimalValue()).isEqualByComparingTo("200.00");
        assertThat(teaLine.get("deliveredOn").isNull()).isFalse();
        BigDecimal balanceBefore = balance(customerId);

        JsonNode r = created(request(agent, teaLine.get("orderLineId").asLong(), "RETURN_AND_REFUND", "100.00", null));
        assertThat(r.get("status").asString()).isEqualTo("REQUESTED");
        assertThat(r.get("number").asString()).startsWith("RMA-");
        assertThat(r.get("noReason").asBoolean()).as("within the 7 days: no reason needed").isTrue();
        ok(step(r, "approve", null));

        Api.Response early = step(r, "refund", null);
        assertThat(early.status()).isEqualTo(409);
        assertThat(early.json().get("detail").asString()).contains("allowed next: GOODS_RETURNED");

        ok(step(r, "goods-returned", null));
        Api.Response noResult = step(r, "inspect", Map.of("note", "box opened"));
        assertThat(noResult.status()).isEqualTo(400);
        assertThat(noResult.body()).contains("resellable");
        ok(step(r, "inspect", Map.of("resellable", true, "note", "完好 as new")));
        JsonNode refunded = ok(step(r, "refund", null));
        assertThat(refunded.get("status").asString()).isEqualTo("REFUNDED");
        assertThat(refunded.get("refundedAmount").decimalValue()).isEqualByComparingTo("100.00");
        assertThat(refunded.get("nextSteps")).isEmpty();

        List<Map<String, Object>> negative = jdbc.sql(
                        "SELECT amount, order_line_id FROM payments WHERE order_id = ? AND amount < 0")
                .param(orderId).query().listOfRows();
        assertThat(negative).hasSize(1);
        assertThat((BigDecimal) negative.get(0).get("amount")).isEqualByComparingTo("-100.00");
        assertThat(((Number) negative.get(0).get("order_line_id")).longValue()).isEqualTo(teaLine.get("orderLineId").asLong());
        assertThat(payments(orderId)).as("received money goes down by the refund").isEqualByComparingTo("200.00");
        JsonNode order = as(rep).get("/api/v1/orders/" + orderId).json();
        assertThat(order.get("paid").decimalValue()).isEqualByComparingTo("200.00");
        assertThat(order.get("total").decimalValue()).as("the refunded amount is no longer owed").isEqualByComparingTo("200.00");
        assertThat(balance(customerId)).as("a refund never turns into an open receivable").isEqualByComparingTo(balanceBefore);

        Api.Response again = step(r, "refund", null);
        assertThat(again.status()).as("refunding twice is impossible").isEqualTo(409);
        assertThat(jdbc.sql("SELECT count(*) FROM payments WHERE order_id = ? AND amount < 0").param(orderId)
                .query(Long.class).single()).isEqualTo(1);
        assertThat(lines(orderId).get(0).get("refundable").decimalValue()).isEqualByComparingTo("100.00");

        await().untilAsserted(() -> assertThat(jdbc.sql("""
                        SELECT count(*) FROM customer_timeline WHERE customer_id = ? AND kind IN
                          ('RETURN_REQUESTED', 'RETURN_REFUNDED', 'PAYMENT_REFUNDED')""")
                .param(customerId).query(Long.class).single()).isEqualTo(3));
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE entity_type = 'return' AND entity_id = ?")
                .param(r.get("id").asString()).query(Long.class).single()).isEqualTo(5);
    }

    @Test
    void refundsOfPartlyPaidOrdersLowerTheMoneyReceivedAndAreLimitedToTheLinesPaidShare() {
        long customerId = customer();
        long orderId = order(customerId, "150.00", "deliver");
        JsonNode cupLine = lines(orderId).get(1);
        // half the order is paid: the cup line (100.00) has 50.00 paid
        assertThat(cupLine.get("paid").decimalValue()).isEqualByComparingTo("50.00");
        BigDecimal before = balance(customerId);
        BigDecimal paidBefore = payments(orderId);

        Api.Response tooMuch = request(agent, cupLine.get("orderLineId").asLong(), "REFUND_AFTER_RECEIPT", "50.01", "杯子有裂纹 cracked");
        assertThat(tooMuch.status()).isEqualTo(400);
        assertThat(tooMuch.body()).contains("amount").contains("50.00");

        JsonNode r = created(request(agent, cupLine.get("orderLineId").asLong(), "REFUND_AFTER_RECEIPT", "50.00", "杯子有裂纹 cracked"));
        ok(step(r, "approve", null));
        Api.Response over = step(r, "refund", Map.of("amount", "60.00"));
        assertThat(over.status()).isEqualTo(400);
        assertThat(over.body()).contains("50.00");
        ok(step(r, "refund", Map.of("amount", "30.00")));

        assertThat(payments(orderId)).isEqualByComparingTo(paidBefore.subtract(new BigDecimal("30.00")));
        assertThat(balance(customerId)).isEqualByComparingTo(before);
        assertThat(lines(orderId).get(1).get("refundable").decimalValue()).isEqualByComparingTo("20.00");
    }

    @Test
    void refundBeforeReceiptAndExchangeFollowTheirOwnPaths() {
        long customerId = customer();
        long shipped = order(customerId, "300.00", "ship");
        long shippedLine = lines(shipped).get(0).get("orderLineId").asLong();
        Api.Response wrongType = request(agent, shippedLine, "RETURN_AND_REFUND", "10.00", null);
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.body()).contains("\"type\"");
        JsonNode before = created(request(agent, shippedLine, "REFUND_BEFORE_RECEIPT", "200.00", null));
        ok(step(before, "approve", null));
        assertThat(step(before, "goods-returned", null).status()).isEqualTo(409);
        assertThat(ok(step(before, "refund", null)).get("status").asString()).isEqualTo("REFUNDED");

        long delivered = order(customerId, "300.00", "deliver");
        long line = lines(delivered).get(0).get("orderLineId").asLong();
        Api.Response exchangeWithMoney = request(agent, line, "EXCHANGE", "10.00", null);
        assertThat(exchangeWithMoney.status()).isEqualTo(400);
        assertThat(request(agent, line, "REFUND_BEFORE_RECEIPT", "10.00", null).status()).isEqualTo(400);
        JsonNode exchange = created(request(agent, line, "EXCHANGE", null, "尺寸不对 wrong size"));
        ok(step(exchange, "approve", null));
        ok(step(exchange, "goods-returned", null));
        ok(step(exchange, "inspect", Map.of("resellable", true)));
        Api.Response refund = step(exchange, "refund", null);
        assertThat(refund.status()).isEqualTo(409);
        assertThat(refund.json().get("detail").asString()).contains("allowed next: REJECTED, EXCHANGED");
        assertThat(ok(step(exchange, "exchange", null)).get("status").asString()).isEqualTo("EXCHANGED");
        assertThat(payments(delivered)).as("an exchange moves no money").isEqualByComparingTo("300.00");

        JsonNode rejected = created(request(agent, line, "RETURN_AND_REFUND", "10.00", null));
        assertThat(step(rejected, "reject", Map.of()).status()).as("a rejection needs a reason").isEqualTo(400);
        JsonNode done = ok(step(rejected, "reject", Map.of("reason", "超过退货期 too late")));
        assertThat(done.get("status").asString()).isEqualTo("REJECTED");
        assertThat(step(rejected, "approve", null).status()).isEqualTo(409);
    }

    @Test
    void outsideTheNoReasonWindowAReasonIsRequiredAndUnresellableNoReasonReturnsAreNotRefunded() {
        long customerId = customer();
        long orderId = order(customerId, "300.00", "deliver");
        long line = lines(orderId).get(0).get("orderLineId").asLong();

        JsonNode noReason = created(request(agent, line, "RETURN_AND_REFUND", "100.00", null));
        ok(step(noReason, "approve", null));
        ok(step(noReason, "goods-returned", null));
        ok(step(noReason, "inspect", Map.of("resellable", false, "note", "used")));
        Api.Response refund = step(noReason, "refund", null);
        assertThat(refund.status()).isEqualTo(409);
        assertThat(refund.json().get("detail").asString()).contains("not resellable");

        jdbc.sql("UPDATE orders SET delivered_on = current_date - 8 WHERE id = ?").param(orderId).update();
        Api.Response late = request(agent, line, "RETURN_AND_REFUND", "100.00", null);
        assertThat(late.status()).isEqualTo(400);
        assertThat(late.json().get("errors").toString()).contains("reason");
        assertThat(late.body()).contains("7");
        created(request(agent, line, "RETURN_AND_REFUND", "100.00", "质量问题 defective"));
    }

    @Test
    void concurrentRefundsOfOneLineNeverExceedWhatWasPaidForIt() throws Exception {
        long customerId = customer();
        long orderId = order(customerId, "300.00", "deliver");
        long line = lines(orderId).get(0).get("orderLineId").asLong();
        List<JsonNode> requests = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            JsonNode r = created(request(agent, line, "REFUND_AFTER_RECEIPT", "150.00", "破损 damaged " + i));
            ok(step(r, "approve", null));
            requests.add(as(agent).get("/api/v1/returns/" + r.get("id").asLong()).json());
        }
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Api.Response>> runs = requests.stream().map(r -> CompletableFuture.supplyAsync(() -> {
            try {
                start.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return as(agent).post("/api/v1/returns/" + r.get("id").asLong() + "/refund?version="
                    + r.get("version").asInt(), "");
        })).toList();
        start.countDown();
        List<Integer> statuses = runs.stream().map(f -> f.join().status()).sorted().toList();
        assertThat(statuses).containsExactly(200, 400);
        assertThat(jdbc.sql("SELECT -sum(amount) FROM payments WHERE order_line_id = ?").param(line)
                .query(BigDecimal.class).single()).isEqualByComparingTo("150.00");
    }

    @Test
    void badInputIsA400NamingTheFieldAndReadersCannotRecordRequests() {
        Api.Response empty = as(agent).post("/api/v1/returns", "{}");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.body()).contains("orderLineId").contains("type");
        Api.Response badType = as(agent).post("/api/v1/returns", "{\"orderLineId\": 1, \"type\": \"STEAL\"}");
        assertThat(badType.status()).isEqualTo(400);
        Api.Response unknownLine = request(agent, Long.MAX_VALUE, "EXCHANGE", null, null);
        assertThat(unknownLine.status()).isEqualTo(400);
        assertThat(unknownLine.body()).contains("orderLineId");

        long customerId = customer();
        long orderId = order(customerId, "300.00", "deliver");
        long line = lines(orderId).get(0).get("orderLineId").asLong();
        assertThat(request(analyst, line, "EXCHANGE", null, "x").status()).isEqualTo(403);
        Api.Response negativePayment = as(rep).post("/api/v1/orders/" + orderId + "/payments",
                Api.json(Map.of("amount", "-10.00", "method", "CASH")));
        assertThat(negativePayment.status()).as("ordinary payments stay positive").isEqualTo(400);
        assertThat(negativePayment.body()).contains("amount");
        assertThat(request(agent, line, "RETURN_AND_REFUND", "-5", null).status()).isEqualTo(400);
        assertThat(request(agent, line, "RETURN_AND_REFUND", "1.001", null).status()).isEqualTo(400);
        JsonNode r = created(request(agent, line, "EXCHANGE", null, "wrong colour"));
        assertThat(as(agent).post("/api/v1/returns/" + r.get("id").asLong() + "/approve", "").status())
                .as("the version is required").isEqualTo(400);
        assertThat(as(agent).post("/api/v1/returns/" + r.get("id").asLong() + "/approve?version=7", "").status())
                .as("a stale version is a conflict").isEqualTo(409);
        assertThat(as(agent).post("/api/v1/returns/" + r.get("id").asLong() + "/teleport?version=0", "").status())
                .isEqualTo(400);
        Account otherRep = new TestAccounts(context).user(Role.SALES_REP, new TestAccounts(context).team("other"));
        assertThat(as(otherRep).get("/api/v1/returns/" + r.get("id").asLong()).status()).as("hidden = 404").isEqualTo(404);
    }

    @Test
    void anAgentRecordsAndRefundsAReturnOnThePages() throws Exception {
        long customerId = customer();
        long orderId = order(customerId, "300.00", "deliver");
        long line = lines(orderId).get(1).get("orderLineId").asLong();
        MockHttpSession session = Sessions.login(mvc, agent.username(), TestAccounts.PASSWORD);

        mvc.perform(get("/service/returns/new").param("orderId", String.valueOf(orderId)).session(session)
                        .locale(java.util.Locale.ENGLISH))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Tea cup")))
                .andExpect(content().string(containsString("No-reason returns within 7 days")));
        mvc.perform(post("/service/returns").session(session).with(csrf()).locale(java.util.Locale.ENGLISH)
                        .param("orderId", String.valueOf(orderId)).param("orderLineId", String.valueOf(line))
                        .param("type", "RETURN_AND_REFUND").param("amount", "100.01"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("must not exceed 100.00 CNY")));
        mvc.perform(post("/service/returns").session(session).with(csrf()).locale(java.util.Locale.ENGLISH)
                        .param("orderId", String.valueOf(orderId)).param("orderLineId", String.valueOf(line))
                        .param("type", "RETURN_AND_REFUND").param("amount", "abc"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("is-invalid")));
        String location = mvc.perform(post("/service/returns").session(session).with(csrf())
                        .param("orderId", String.valueOf(orderId)).param("orderLineId", String.valueOf(line))
                        .param("type", "RETURN_AND_REFUND").param("amount", "100.00"))
                .andExpect(redirectedUrlPattern("/service/returns/*")).andReturn().getResponse().getRedirectedUrl();
        long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        mvc.perform(get(location).session(session).locale(java.util.Locale.ENGLISH))
                .andExpect(content().string(containsString("Request recorded.")));

        mvc.perform(post(location + "/refund").session(session).with(csrf()).param("version", "0"))
                .andExpect(redirectedUrl(location));
        mvc.perform(get(location).session(session).locale(java.util.Locale.ENGLISH))
                .andExpect(content().string(containsString("allowed next: APPROVED, REJECTED")))
                .andExpect(content().string(containsString("return-approve")));
        String[][] steps = {{"approve"}, {"goods-returned"}, {"inspect", "resellable", "true"}, {"refund", "amount", "80.00"}};
        for (String[] step : steps) {
            int version = as(agent).get("/api/v1/returns/" + id).json().get("version").asInt();
            var request = post(location + "/" + step[0]).session(session).with(csrf()).param("version", String.valueOf(version));
            if (step.length == 3) {
                request.param(step[1], step[2]);
            }
            mvc.perform(request).andExpect(redirectedUrl(location));
        }
        mvc.perform(get(location).session(session).locale(java.util.Locale.SIMPLIFIED_CHINESE))
                .andExpect(content().string(containsString("已退款")))
                .andExpect(content().string(containsString("80.00")));
        mvc.perform(get("/service/returns").param("status", "REFUNDED").session(session))
                .andExpect(status().isOk()).andExpect(content().string(containsString(String.format("RMA-%06d", id))));
        assertThat(payments(orderId)).isEqualByComparingTo("220.00");
    }
}
