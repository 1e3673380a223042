package dev.guanxi.crm.loyalty;

import dev.guanxi.crm.identity.Role;
import dev.guanxi.crm.identity.internal.TestAccounts;
import dev.guanxi.crm.identity.internal.TestAccounts.Account;
import dev.guanxi.crm.loyalty.internal.LoyaltyJobs;
import dev.guanxi.crm.loyalty.internal.PointsService;
import dev.guanxi.crm.sales.PaymentReceived;
import dev.guanxi.crm.support.Api;
import dev.guanxi.crm.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.EnableScenarios;
import org.springframework.modulith.test.Scenario;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Points: earned once per payment, reversed on refunds, expired lot by lot, never overdrawn. */
@IntegrationTest
@EnableScenarios
class PointsTest {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PointsService points;
    @Autowired
    LoyaltyJobs jobs;

    Account rep;
    Account manager;
    Account analyst;
    Account otherRep;
    LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));

    @BeforeEach
    void setUp() {
        TestAccounts accounts = new TestAccounts(context);
        long team = accounts.team("loyalty");
        manager = accounts.manager(team);
        rep = accounts.user(Role.SALES_REP, team);
        analyst = accounts.user(Role.ANALYST, null);
        otherRep = accounts.user(Role.SALES_REP, accounts.team("loyalty-other"));
    }

    Api as(Account a) {
        return new Api(port, a.token());
    }

    long customer() {
        return Members.customer(as(rep), "会员 Member");
    }

    static PaymentReceived payment(long customerId, long orderId, String amount, LocalDate on) {
        return Members.payment(customerId, orderId, amount, on);
    }

    long balance(long customerId) {
        Api.Response r = as(rep).get("/api/v1/customers/" + customerId + "/points");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().get("balance").asLong();
    }

    long sum(long customerId) {
        return jdbc.sql("SELECT coalesce(sum(points), 0) FROM points_ledger WHERE customer_id = ?").param(customerId)
                .query(Long.class).single();
    }

    long entries(long customerId, String kind) {
        return jdbc.sql("SELECT count(*) FROM points_ledger WHERE customer_id = ? AND kind = ?")
                .params(customerId, kind).query(Long.class).single();
    }

    @Test
    void theSamePaymentEventDeliveredTwiceEarnsOnce(Scenario scenario) {
        long c = customer();
        PaymentReceived paid = payment(c, Members.nextId(), "1234.56", today);
        scenario.publish(paid).andWaitForStateChange(() -> sum(c), n -> n > 0)
                .andVerify(n -> assertThat(n).isEqualTo(1234));
        scenario.publish(paid).andWaitForStateChange(() -> jdbc.sql(
                        "SELECT count(*) FROM event_publication WHERE completion_date IS NULL AND event_type = ?")
                .param(PaymentReceived.class.getName()).query(Long.class).single() == 0 ? sum(c) : null)
                .andVerify(n -> assertThat(n).isEqualTo(1234));
        points.onPayment(paid);
        assertThat(entries(c, "EARN")).isEqualTo(1);
        assertThat(balance(c)).isEqualTo(1234);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.sql(
                        "SELECT count(*) FROM customer_timeline WHERE customer_id = ? AND kind = 'POINTS_EARNED'")
                .param(c).query(Long.class).single()).isEqualTo(1));
    }

    @Test
    void aRefundReversesItsShareAndRecordsWhatWasAlreadySpent() {
        long c = customer();
        long order = Members.nextId();
        points.onPayment(payment(c, order, "1000.00", today));
        assertThat(balance(c)).isEqualTo(1000);

        PaymentReceived refund = payment(c, order, "-200.00", today);
        points.onPayment(refund);
        points.onPayment(refund);
        assertThat(balance(c)).isEqualTo(800);
        assertThat(entries(c, "REVERSAL")).isEqualTo(1);

        Api.Response r = as(rep).post("/api/v1/customers/" + c + "/points/redemptions",
                Api.json(Map.of("points", 700, "reason", "茶具 Tea set")));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("balance").asLong()).isEqualTo(100);

        // refunding the remaining 800 CNY should take back 800 points; only 100 are left: clamp, record 700
        points.onPayment(payment(c, order, "-800.00", today));
        assertThat(balance(c)).isZero();
        assertThat(jdbc.sql("SELECT shortfall FROM points_ledger WHERE customer_id = ? AND kind = 'REVERSAL' ORDER BY id DESC LIMIT 1")
                .param(c).query(Integer.class).single()).isEqualTo(700);
    }

    @Test
    void lotsPastTheirDateExpireFirstInFirstOutOnce() {
        long c = customer();
        points.onPayment(payment(c, Members.nextId(), "500.00", today.minusMonths(25)));
        points.onPayment(payment(c, Members.nextId(), "300.00", today));
        Api.Response r = as(rep).post("/api/v1/customers/" + c + "/points/redemptions", Api.json(Map.of("points", 120)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(balance(c)).isEqualTo(680);

        jobs.expire(today);
        // the old lot of 500 gave 120 to the redemption: 380 expire, the new lot stays
        assertThat(balance(c)).isEqualTo(300);
        assertThat(jdbc.sql("SELECT points FROM points_ledger WHERE customer_id = ? AND kind = 'EXPIRE'")
                .param(c).query(Integer.class).list()).containsExactly(-380);
        jobs.expire(today);
        assertThat(entries(c, "EXPIRE")).isEqualTo(1);
        assertThat(balance(c)).isEqualTo(300);
        // and when the second lot is due too, only it expires
        jobs.expire(today.plusMonths(25));
        assertThat(balance(c)).isZero();
        assertThat(sum(c)).isZero();
    }

    @Test
    void aRedemptionCannotOverdrawNotEvenTwoAtOnce() throws Exception {
        long c = customer();
        points.onPayment(payment(c, Members.nextId(), "100.00", today));
        Api.Response over = as(rep).post("/api/v1/customers/" + c + "/points/redemptions", Api.json(Map.of("points", 101)));
        assertThat(over.status()).isEqualTo(400);
        assertThat(over.body()).contains("points");

        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        Callable<Integer> redeem60 = () -> {
            start.await();
            return as(rep).post("/api/v1/customers/" + c + "/points/redemptions", Api.json(Map.of("points", 60))).status();
        };
        try {
            List<Future<Integer>> results = List.of(pool.submit(redeem60), pool.submit(redeem60));
            start.countDown();
            assertThat(List.of(results.get(0).get(), results.get(1).get())).containsExactlyInAnyOrder(201, 400);
        } finally {
            pool.shutdown();
        }
        assertThat(balance(c)).isEqualTo(40);
        assertThat(entries(c, "REDEEM")).isEqualTo(1);
    }

    @Test
    void theApiChecksInputPermissionsAndVisibility() {
        long c = customer();
        points.onPayment(payment(c, Members.nextId(), "50.00", today));
        String path = "/api/v1/customers/" + c + "/points";
        assertThat(as(rep).post(path + "/redemptions", "{}").status()).isEqualTo(400);
        assertThat(as(rep).post(path + "/redemptions", Api.json(Map.of("points", 0))).body()).contains("points");
        assertThat(as(rep).post(path + "/redemptions", "{\"points\": \"many\"}").status()).isEqualTo(400);
        assertThat(as(rep).get(path + "?size=0").status()).isEqualTo(400);
        assertThat(as(manager).post(path + "/adjustments", Api.json(Map.of("points", 10))).body()).contains("reason");
        assertThat(as(manager).post(path + "/adjustments", Api.json(Map.of("points", -51, "reason", "x"))).status())
                .isEqualTo(400);
        // reps redeem but do not adjust; analysts do neither; other teams do not see the customer
        assertThat(as(rep).post(path + "/adjustments", Api.json(Map.of("points", 10, "reason", "gift"))).status())
                .isEqualTo(403);
        assertThat(as(analyst).post(path + "/redemptions", Api.json(Map.of("points", 1))).status()).isEqualTo(403);
        assertThat(as(otherRep).get(path).status()).isEqualTo(404);
        assertThat(as(otherRep).post(path + "/redemptions", Api.json(Map.of("points", 1))).status()).isEqualTo(404);

        // a client retrying a redemption with the same reference redeems once
        String again = Api.json(Map.of("points", 5, "reference", "POS-" + c));
        assertThat(as(rep).post(path + "/redemptions", again).status()).isEqualTo(201);
        assertThat(as(rep).post(path + "/redemptions", again).status()).isEqualTo(409);
        assertThat(balance(c)).isEqualTo(45);

        Api.Response ok = as(manager).post(path + "/adjustments", Api.json(Map.of("points", 25, "reason", "生日 Birthday")));
        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
        assertThat(ok.json().get("balance").asLong()).isEqualTo(70);
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE entity_type = 'points' AND entity_id = ?")
                .param(String.valueOf(ok.json().get("entryId").asLong())).query(Long.class).single()).isEqualTo(1);
    }
}
