package dev.guanxi.crm.analytics.internal;

import dev.guanxi.crm.common.ConflictException;
import dev.guanxi.crm.identity.Role;
import dev.guanxi.crm.identity.internal.TestAccounts;
import dev.guanxi.crm.identity.internal.TestAccounts.Account;
import dev.guanxi.crm.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The scoring run against the database: facts from the orders table, hand-computed scores, value tiers and
 * lifecycle stages written to the customers, idempotence, transitions and exclusivity. The orders are dated
 * 1970–1971 (run dates in 1972), before any other test's orders, so the scored set is this test's customers.
 */
@IntegrationTest
class ScoringRunTest {

    static final LocalDate AS_OF = LocalDate.of(1972, 1, 1);

    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ScoringService scoring;
    @Autowired
    ScoringRuns runs;
    @Autowired
    ScoreQueries queries;

    long customer(Account owner, String name) {
        return jdbc.sql("INSERT INTO customers (kind, name, customer_type, owner_id, team_id) "
                        + "VALUES ('PERSON', ?, 'CONSUMER', ?, ?) RETURNING id")
                .params(name + " " + System.nanoTime(), owner.id(), owner.teamId()).query(Long.class).single();
    }

    void order(long customerId, Account owner, String status, String date, String total) {
        jdbc.sql("INSERT INTO orders (customer_id, owner_id, team_id, status, order_date, total) "
                        + "VALUES (?, ?, ?, ?, ?, ?)")
                .params(customerId, owner.id(), owner.teamId(), status, LocalDate.parse(date), new BigDecimal(total))
                .update();
    }

    ScoreView score(long customerId) {
        return jdbc.sql("SELECT customer_id FROM customer_scores WHERE customer_id = ?").param(customerId)
                .query(Long.class).optional().flatMap(id -> {
                    // read as the scores API does, without a signed-in user: straight from the view
                    return jdbc.sql("SELECT * FROM customer_scores WHERE customer_id = ?").param(id)
                            .query((rs, i) -> new ScoreView(rs.getLong("customer_id"), rs.getLong("run_id"),
                                    null, rs.getInt("frequency"), null, null, rs.getInt("recency_days"),
                                    rs.getBigDecimal("monetary"), rs.getBigDecimal("avg_interpurchase_days"),
                                    rs.getBigDecimal("recent_spend"), rs.getBigDecimal("previous_spend"),
                                    rs.getBigDecimal("period_revenue"), (Integer) rs.getObject("abc_rank"), null,
                                    rs.getString("abc_class"), rs.getString("value_tier"),
                                    (Integer) rs.getObject("r_score", Integer.class),
                                    (Integer) rs.getObject("f_score", Integer.class),
                                    (Integer) rs.getObject("m_score", Integer.class), rs.getString("rfm_segment"),
                                    rs.getBigDecimal("clv_dwyer"), rs.getString("lifecycle_stage"),
                                    List.of((String[]) rs.getArray("churn_reasons").getArray()), null,
                                    (Double) rs.getObject("p_alive"), null, null, null, null))
                            .optional();
                }).orElseThrow();
    }

    Map<String, Object> record(long customerId) {
        return jdbc.sql("SELECT value_tier, lifecycle_stage, version FROM customers WHERE id = ?").param(customerId)
                .query().singleRow();
    }

    @Test
    void scoresEveryCustomerFromItsOrdersAsComputedByHand() {
        TestAccounts accounts = new TestAccounts(context);
        Account rep = accounts.user(Role.SALES_REP, accounts.team("scoring"));
        long c1 = customer(rep, "Loyal");
        order(c1, rep, "CONFIRMED", "1971-03-01", "100.00");
        order(c1, rep, "COMPLETED", "1971-03-01", "50.00");   // same day: one purchase of 150
        order(c1, rep, "CANCELLED", "1971-03-01", "999.00");  // does not count
        order(c1, rep, "DRAFT", "1971-04-01", "999.00");      // does not count
        order(c1, rep, "SHIPPED", "1971-06-01", "200.00");
        order(c1, rep, "DELIVERED", "1971-12-20", "300.00");
        order(c1, rep, "CONFIRMED", "1972-02-01", "777.00");  // after the run date
        long c2 = customer(rep, "Big once");
        order(c2, rep, "COMPLETED", "1971-01-10", "1000.00");
        long c3 = customer(rep, "Old regular");
        order(c3, rep, "COMPLETED", "1970-01-05", "100.00");
        order(c3, rep, "COMPLETED", "1970-02-05", "100.00");
        order(c3, rep, "COMPLETED", "1970-03-05", "100.00");
        order(c3, rep, "COMPLETED", "1971-01-05", "10.00");
        long c4 = customer(rep, "Prospect");
        long c5 = customer(rep, "Newcomer");
        order(c5, rep, "CONFIRMED", "1971-11-01", "50.00");

        ScoringRun run = scoring.runNow(ScoringService.MANUAL, AS_OF, 12);
        assertThat(run.status()).isEqualTo("SUCCEEDED");
        assertThat(run.progress()).isEqualTo(100);

        // facts: c1 3 purchase days (150, 200, 300) = 650, last 1971-12-20 → 12 days before 1972-01-01,
        // mean interval (Mar 1 → Dec 20 = 294 days) / 2 = 147
        ScoreView s1 = score(c1);
        assertThat(s1.frequency()).isEqualTo(3);
        assertThat(s1.monetary()).isEqualByComparingTo("650.00");
        assertThat(s1.recencyDays()).isEqualTo(12);
        assertThat(s1.avgInterpurchaseDays()).isEqualByComparingTo("147.00");
        // trend windows of 180 days: recent (1971-07-05, 1972-01-01] = 300, previous (1971-01-06, 1971-07-05] = 350
        assertThat(s1.recentSpend()).isEqualByComparingTo("300.00");
        assertThat(s1.previousSpend()).isEqualByComparingTo("350.00");

        // ABC over 12 months (orders after 1971-01-01): c2 1000, c1 650, c5 50, c3 10 = 1710
        // c2: 0 % before → A; c1: 58.5 % before → A; c5: 96.5 % before → C; c3: 99.4 % before → C
        // VIP = ceil(5 % × 2) = 1: c2; c1 major; c5, c3 small; c4 (no order) C without tier
        ScoreView s2 = score(c2);
        ScoreView s3 = score(c3);
        ScoreView s4 = score(c4);
        ScoreView s5 = score(c5);
        assertThat(List.of(s2.abcClass(), s1.abcClass(), s5.abcClass(), s3.abcClass(), s4.abcClass()))
                .containsExactly("A", "A", "C", "C", "C");
        assertThat(List.of(s2.abcRank(), s1.abcRank(), s5.abcRank(), s3.abcRank())).containsExactly(1, 2, 3, 4);
        assertThat(s3.periodRevenue()).isEqualByComparingTo("10.00");
        assertThat(List.of(s2.valueTier(), s1.valueTier(), s5.valueTier(), s3.valueTier()))
                .containsExactly("VIP", "MAJOR", "SMALL", "SMALL");
        assertThat(s4.valueTier()).isNull();

        // RFM among the 4 buyers, score = 1 + floor(5 × worse / 4):
        // recency c1 12, c5 61, c2 356, c3 361 → worse 3, 2, 1, 0 → R 4, 3, 2, 1
        // frequency c3 4, c1 3, c2 1, c5 1 → worse 3, 2, 0, 0 → F 4, 3, 1, 1
        // monetary c2 1000, c1 650, c3 310, c5 50 → worse 3, 2, 1, 0 → M 4, 3, 2, 1
        assertThat(List.of(s1.rScore(), s1.fScore(), s1.mScore())).containsExactly(4, 3, 3);
        assertThat(List.of(s2.rScore(), s2.fScore(), s2.mScore())).containsExactly(2, 1, 4);
        assertThat(List.of(s3.rScore(), s3.fScore(), s3.mScore())).containsExactly(1, 4, 2);
        assertThat(List.of(s5.rScore(), s5.fScore(), s5.mScore())).containsExactly(3, 1, 1);
        // R4 F3 loyal; R2 F1 hibernating; R1 F4 can't lose; R3 F1 potential loyalist
        assertThat(List.of(s1.rfmSegment(), s2.rfmSegment(), s3.rfmSegment(), s5.rfmSegment()))
                .containsExactly("LOYAL", "HIBERNATING", "CANT_LOSE", "POTENTIAL_LOYALIST");
        assertThat(s4.rScore()).isNull();
        assertThat(s4.rfmSegment()).isNull();

        // retention: only c3 bought in the year before last (1970) and bought again in the last year → 1 / 1
        assertThat(run.retentionRate()).isEqualByComparingTo("1.000000");
        // Dwyer: c1 tenure 307 days → 1 year, yearly margin 0.3 × 650 = 195;
        // Σ_{t=1..5} (1 / 1.1)^t = 3.790787 → 195 × 3.790787 = 739.20
        assertThat(s1.clvDwyer()).isEqualByComparingTo("739.20");
        assertThat(s4.clvDwyer()).isEqualByComparingTo("0.00");

        // churn: c3 no purchase for 361 days > 2 × (365 / 3 = 121.67); c2 spend 0 against 1000 in the window before
        assertThat(s3.churnReasons()).containsExactly("RECENCY_OVERDUE");
        assertThat(s2.churnReasons()).containsExactly("SPEND_DOWN");
        assertThat(s1.churnReasons()).isEmpty();
        assertThat(s5.churnReasons()).isEmpty();
        // model-step columns stay empty
        assertThat(s1.pAlive()).isNull();

        // lifecycle: c1 customer for 306 days → growth; c2, c3 warnings → decline; c5 single purchase 61 days ago
        // → prospect (acquisition); c4 no purchase → prospect
        assertThat(List.of(s1.lifecycleStage(), s2.lifecycleStage(), s3.lifecycleStage(), s4.lifecycleStage(),
                s5.lifecycleStage())).containsExactly("GROWTH", "DECLINE", "DECLINE", "PROSPECT", "PROSPECT");

        // written into the customer records (buyers only; c4 keeps its own empty values)
        assertThat(record(c2)).containsEntry("value_tier", "VIP").containsEntry("lifecycle_stage", "DECLINE");
        assertThat(record(c1)).containsEntry("value_tier", "MAJOR").containsEntry("lifecycle_stage", "GROWTH");
        assertThat(record(c4)).containsEntry("value_tier", null).containsEntry("lifecycle_stage", null)
                .containsEntry("version", 0);
        int versionAfterFirst = (Integer) record(c1).get("version");
        assertThat(jdbc.sql("SELECT count(*) FROM audit_log WHERE entity_type = 'customer' AND entity_id = '*' "
                + "AND summary LIKE ?").param("scoring run " + run.id() + ":%").query(Long.class).single()).isEqualTo(1);

        // idempotent: the same run date again gives the same scores and changes no customer record
        ScoringRun again = scoring.runNow(ScoringService.MANUAL, AS_OF, 12);
        assertThat(again.tiersChanged()).isZero();
        assertThat(again.stagesChanged()).isZero();
        assertThat(score(c1)).usingRecursiveComparison().ignoringFields("runId").isEqualTo(s1);
        assertThat(score(c3)).usingRecursiveComparison().ignoringFields("runId").isEqualTo(s3);
        assertThat(score(c1).runId()).isEqualTo(again.id());
        assertThat(record(c1).get("version")).isEqualTo(versionAfterFirst);

        // half a year later: c1 spent 777 (1972-02-01) in the last 180 days against 300 before → still growth;
        // c2 (538 days) and c3 (543 days) without purchase → terminated; c5 spend 0 against 50 → decline.
        // Changes are recorded per run.
        ScoringRun later = scoring.runNow(ScoringService.MANUAL, LocalDate.of(1972, 7, 1), 12);
        List<String> transitions = jdbc.sql("SELECT customer_id || ':' || from_stage || '>' || to_stage "
                        + "FROM lifecycle_transitions WHERE run_id = ? AND customer_id IN (?, ?, ?, ?, ?) ORDER BY customer_id")
                .params(later.id(), c1, c2, c3, c4, c5).query(String.class).list();
        assertThat(transitions).containsExactly(c2 + ":DECLINE>TERMINATED",
                c3 + ":DECLINE>TERMINATED", c5 + ":PROSPECT>DECLINE");
        assertThat(record(c2)).containsEntry("lifecycle_stage", "TERMINATED");
        assertThat(score(c1).lifecycleStage()).isEqualTo("GROWTH");
        assertThat(score(c1).recentSpend()).isEqualByComparingTo("777.00");
        // the indexes dropped for the load are back on both score tables
        assertThat(jdbc.sql("SELECT count(*) FROM pg_indexes WHERE tablename IN ('customer_scores_a', 'customer_scores_b')")
                .query(Long.class).single()).isEqualTo(8);
    }

    @Test
    void onlyOneRunAtATimeAndACrashedRunDoesNotBlockForever() throws Exception {
        long first = runs.claim(ScoringService.MANUAL, null, AS_OF, 12, 15);
        try {
            assertThatThrownBy(() -> scoring.runNow(ScoringService.MANUAL, AS_OF, 12))
                    .isInstanceOf(ConflictException.class).hasMessageContaining("already running");
            assertThat(runs.running()).map(ScoringRun::id).contains(first);
        } finally {
            runs.failed(first, "test");
        }

        // two requests at the same moment: one claims, the other gets a conflict
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Long>> claims = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Callable<Long> claim = () -> {
                go.await();
                try {
                    return runs.claim(ScoringService.MANUAL, null, AS_OF, 12, 15);
                } catch (ConflictException e) {
                    return -1L;
                }
            };
            claims.add(pool.submit(claim));
        }
        go.countDown();
        List<Long> ids = new ArrayList<>();
        for (Future<Long> f : claims) {
            ids.add(f.get());
        }
        pool.shutdown();
        assertThat(ids).filteredOn(id -> id > 0).hasSize(1);
        long winner = ids.stream().filter(id -> id > 0).findFirst().orElseThrow();

        // the winner's instance dies: after stale-minutes without heartbeat the next claim takes over
        jdbc.sql("UPDATE scoring_runs SET heartbeat_at = now() - interval '1 hour' WHERE id = ?").param(winner).update();
        long next = runs.claim(ScoringService.MANUAL, null, AS_OF, 12, 15);
        assertThat(runs.find(winner)).map(ScoringRun::status).contains("FAILED");
        runs.failed(next, "test");
    }

    @Test
    void nightlyJobSkipsQuietlyWhileAnotherRunIsRunning() {
        long held = runs.claim(ScoringService.MANUAL, null, AS_OF, 12, 15);
        try {
            long before = jdbc.sql("SELECT count(*) FROM scoring_runs").query(Long.class).single();
            context.getBean(ScoringJob.class).run();
            assertThat(jdbc.sql("SELECT count(*) FROM scoring_runs").query(Long.class).single()).isEqualTo(before);
            assertThat(runs.running()).map(ScoringRun::id).contains(held);
        } finally {
            runs.failed(held, "test");
        }
    }

    @Test
    void badRunParametersAreRejectedBeforeClaiming() {
        assertThatThrownBy(() -> scoring.runNow(ScoringService.MANUAL, AS_OF, 0))
                .isInstanceOf(dev.guanxi.crm.common.InvalidInputException.class);
        assertThatThrownBy(() -> scoring.runNow(ScoringService.MANUAL, scoring.today().plusDays(1), 12))
                .isInstanceOf(dev.guanxi.crm.common.InvalidInputException.class);
        assertThat(runs.running()).isEmpty();
    }
}
