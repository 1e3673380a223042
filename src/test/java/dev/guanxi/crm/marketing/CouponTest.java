package dev.guanxi.crm.marketing;

import dev.guanxi.crm.common.InvalidInputException;
import dev.guanxi.crm.sales.DiscountProvider;
import dev.guanxi.crm.support.Api;
import dev.guanxi.crm.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.guanxi.crm.marketing.MarketingFixture.rule;
import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class CouponTest {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DiscountProvider discounts;
    @Autowired
    TransactionTemplate transactions;

    MarketingFixture f;
    long product;

    @BeforeEach
    void setUp() {
        f = new MarketingFixture(context, port);
        product = f.product("100.00");
    }

    JsonNode coupon(Map<String, Object> fields) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "Coupon " + f.tag);
        body.put("discountType", "FIXED");
        body.put("discountValue", "30");
        body.put("validFrom", LocalDate.now().minusDays(1).toString());
        body.put("validUntil", LocalDate.now().plusDays(1).toString());
        body.putAll(fields);
        Api.Response r = f.as(f.marketer).post("/api/v1/coupons", Api.json(body));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    static String code() {
        return "C" + Long.toString(System.nanoTime(), 36).toUpperCase();
    }

    String error(Api.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo("couponCode");
        return r.json().get("errors").get(0).get("message").asText();
    }

    @Test
    void twoThreadsRedeemingTheLastUseAtOnce_exactlyOneWins() throws Exception {
        String code = code();
        coupon(Map.of("sharedCode", code, "totalLimit", 1, "perCustomerLimit", 5));
        long customer = f.customer("racer", Map.of());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            long orderId = 900_000_000L + System.nanoTime() % 100_000_000L + i;
            results.add(pool.submit(() -> {
                start.await();
                try {
                    transactions.executeWithoutResult(tx -> discounts.redeem(orderId, customer, code,
                            new BigDecimal("100.00")));
                    return true;
                } catch (InvalidInputException e) {
                    assertThat(e.problems().get(0).messageKey()).isEqualTo("coupon.exhausted");
                    return false;
                }
            }));
        }
        start.countDown();
        int wins = 0;
        for (Future<Boolean> r : results) {
            wins += r.get(30, TimeUnit.SECONDS) ? 1 : 0;
        }
        pool.shutdown();
        assertThat(wins).isEqualTo(1);
        assertThat(jdbc.sql("SELECT used FROM coupons WHERE shared_code = ?").param(code).query(Integer.class).single())
                .isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM coupon_redemptions WHERE code = ?").param(code).query(Long.class)
                .single()).isEqualTo(1);
    }

    @Test
    void anOrderWithACouponIsReducedAndCancellingItReleasesTheUse() {
        String code = code();
        JsonNode c = coupon(Map.of("sharedCode", code, "totalLimit", 1));
        long customer = f.customer("buyer", Map.of());
        Api.Response order = f.order(customer, product, "2", code);
        assertThat(order.status()).as(order.body()).isEqualTo(201);
        assertThat(order.json().get("total").decimalValue()).isEqualByComparingTo("170.00");
        assertThat(order.json().get("couponCode").asText()).isEqualTo(code);

        long other = f.customer("other", Map.of());
        assertThat(error(f.order(other, product, "2", code))).contains("used up");
        assertThat(jdbc.sql("SELECT count(*) FROM orders WHERE customer_id = ?").param(other).query(Long.class)
                .single()).as("nothing half-written").isZero();

        f.act(order.json(), "cancel");
        assertThat(f.as(f.marketer).get("/api/v1/coupons/" + c.get("id").asLong()).json().get("used").asInt()).isZero();
        assertThat(f.order(other, product, "2", code).status()).isEqualTo(201);
    }

    @Test
    void validationRejectsExpiredBelowMinimumAndOverThePerCustomerLimit() {
        String expired = code();
        coupon(Map.of("sharedCode", expired, "validFrom", LocalDate.now().minusDays(10).toString(),
                "validUntil", LocalDate.now().minusDays(2).toString()));
        String future = code();
        coupon(Map.of("sharedCode", future, "validFrom", LocalDate.now().plusDays(2).toString(),
                "validUntil", LocalDate.now().plusDays(5).toString()));
        String minimum = code();
        coupon(Map.of("sharedCode", minimum, "minSpend", "500"));
        String once = code();
        coupon(Map.of("sharedCode", once, "perCustomerLimit", 1, "discountType", "PERCENT", "discountValue", "20"));
        long customer = f.customer("picky", Map.of());

        assertThat(error(f.order(customer, product, "1", expired))).contains("expired");
        assertThat(error(f.order(customer, product, "1", future))).contains("not valid yet");
        assertThat(error(f.order(customer, product, "4", minimum))).contains("minimum spend");
        assertThat(f.order(customer, product, "5", minimum).status()).isEqualTo(201);
        assertThat(error(f.order(customer, product, "1", "NO-SUCH-CODE"))).contains("Unknown");

        Api.Response first = f.order(customer, product, "3", once);
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.json().get("total").decimalValue()).isEqualByComparingTo("240.00");
        assertThat(error(f.order(customer, product, "1", once))).contains("as often as allowed");
        assertThat(f.order(f.customer("another", Map.of()), product, "1", once).status()).isEqualTo(201);

        Api.Response check = f.as(f.rep).get("/api/v1/coupons/check?code=" + minimum + "&customerId=" + customer
                + "&subtotal=100");
        assertThat(error(check)).as("sales reps check codes for their customers").contains("minimum spend");
        assertThat(f.as(f.rep).get("/api/v1/coupons/check?code=" + minimum + "&customerId="
                + f.customer("checker", Map.of()) + "&subtotal=600").json().get("amount").decimalValue()).isEqualByComparingTo("30.00");
        Api.Response quote = f.as(f.manager).get("/api/v1/coupons/check?code=" + once + "&customerId=" + customer
                + "&subtotal=100");
        assertThat(quote.status()).as("the manager sees the rep's customer; used once already").isEqualTo(400);
    }

    @Test
    void uniqueCodesAreGeneratedInBulkOrIssuedToASegmentAndUsableOnceByTheirCustomer() {
        JsonNode c = coupon(Map.of("discountValue", "10"));
        long id = c.get("id").asLong();
        Api.Response generated = f.as(f.marketer).post("/api/v1/coupons/" + id + "/codes", Api.json(Map.of("count", 500)));
        assertThat(generated.json().get("generated").asInt()).isEqualTo(500);
        List<String> codes = jdbc.sql("SELECT code FROM coupon_codes WHERE coupon_id = ?").param(id)
                .query(String.class).list();
        assertThat(codes).hasSize(500).doesNotHaveDuplicates()
                .allMatch(k -> k.matches("[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{10}"));
        assertThat(f.as(f.marketer).post("/api/v1/coupons/" + id + "/codes", Api.json(Map.of("count", 0))).status())
                .isEqualTo(400);

        long x = f.customer("x", Map.of("province", "江苏"));
        long y = f.customer("y", Map.of("province", "江苏"));
        long segment = f.segment(f.marketer, f.rules(rule("province", "eq", "江苏")));
        Api.Response issued = f.as(f.marketer).post("/api/v1/coupons/" + id + "/issue", Api.json(Map.of("segmentId", segment)));
        assertThat(issued.json().get("issued").asInt()).isEqualTo(2);
        assertThat(f.as(f.marketer).post("/api/v1/coupons/" + id + "/issue", Api.json(Map.of("segmentId", segment)))
                .json().get("issued").asInt()).as("once per customer").isZero();
        String xCode = jdbc.sql("SELECT code FROM coupon_codes WHERE coupon_id = ? AND customer_id = ?").params(id, x)
                .query(String.class).single();
        assertThat(error(f.order(y, product, "1", xCode))).contains("another customer");
        assertThat(f.order(x, product, "1", xCode).status()).isEqualTo(201);
        assertThat(error(f.order(x, product, "1", xCode))).contains("already been used");
        // an unassigned generated code is usable by anyone, once
        assertThat(f.order(y, product, "1", codes.get(0)).status()).isEqualTo(201);

        JsonNode shared = coupon(Map.of("sharedCode", code()));
        assertThat(f.as(f.marketer).post("/api/v1/coupons/" + shared.get("id").asLong() + "/codes",
                Api.json(Map.of("count", 5))).status()).isEqualTo(400);
        assertThat(f.as(f.rep).post("/api/v1/coupons", Api.json(Map.of("name", "x"))).status()).isIn(400, 403);
    }
}
