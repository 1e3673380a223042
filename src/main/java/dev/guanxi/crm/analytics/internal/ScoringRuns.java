package dev.guanxi.crm.analytics.internal;

import dev.guanxi.crm.common.ConflictException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The {@code scoring_runs} table: claiming the one running slot, progress, outcome and history. */
@Repository
public class ScoringRuns {

    private static final String COLUMNS = "id, status, trigger, requested_by, as_of, period_months, started_at, "
            + "finished_at, phase, progress, customers, customers_with_orders, period_revenue, class_a, class_b, "
            + "class_c, retention_rate, churn_flagged, value_at_risk, tiers_changed, stages_changed, duration_ms, error";

    private final JdbcClient jdbc;

    ScoringRuns(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts a RUNNING run, or fails with a conflict when one is running on any instance (the partial unique
     * index admits one). A run whose heartbeat is older than {@code staleMinutes} is marked FAILED first.
     */
    long claim(String trigger, Long requestedBy, LocalDate asOf, int periodMonths, int staleMinutes) {
        jdbc.sql("UPDATE scoring_runs SET status = 'FAILED', finished_at = now(), error = 'stalled: no heartbeat' "
                        + "WHERE status = 'RUNNING' AND heartbeat_at < now() - make_interval(mins => ?)")
                .param(staleMinutes).update();
        Optional<Long> id = jdbc.sql("""
                        INSERT INTO scoring_runs (status, trigger, requested_by, as_of, period_months, slot)
                        VALUES ('RUNNING', ?, ?, ?, ?, CASE WHEN (SELECT slot FROM scoring_runs
                          WHERE status = 'SUCCEEDED' ORDER BY id DESC LIMIT 1) = 'b' THEN 'a' ELSE 'b' END)
                        ON CONFLICT DO NOTHING RETURNING id""")
                .params(trigger, requestedBy, asOf, periodMonths).query(Long.class).optional();
        return id.orElseThrow(() -> new ConflictException("A scoring run is already running (run "
                + running().map(r -> String.valueOf(r.id())).orElse("?") + "). Wait until it has finished."));
    }

    String slot(long runId) {
        return jdbc.sql("SELECT slot FROM scoring_runs WHERE id = ?").param(runId).query(String.class).single();
    }

    void progress(long runId, String phase, int percent) {
        jdbc.sql("UPDATE scoring_runs SET phase = ?, progress = ?, heartbeat_at = now() WHERE id = ?")
                .params(phase, percent, runId).update();
    }

    void succeeded(long runId, Summary s) {
        jdbc.sql("""
                        UPDATE scoring_runs SET status = 'SUCCEEDED', phase = 'DONE', progress = 100, finished_at = now(),
                          customers = ?, customers_with_orders = ?, period_revenue = ?, class_a = ?, class_b = ?,
                          class_c = ?, retention_rate = ?, churn_flagged = ?, value_at_risk = ?, tiers_changed = ?,
                          stages_changed = ?, segments = CAST(? AS jsonb), duration_ms = ?
                        WHERE id = ?""")
                .params(s.customers(), s.withOrders(), s.periodRevenue(), s.abc()[0], s.abc()[1], s.abc()[2],
                        s.retention(), s.churnFlagged(), s.valueAtRisk(), s.tiersChanged(), s.stagesChanged(),
                        s.segmentsJson(), s.durationMs(), runId)
                .update();
    }

    void failed(long runId, String error) {
        jdbc.sql("UPDATE scoring_runs SET status = 'FAILED', finished_at = now(), error = ? WHERE id = ? "
                        + "AND status = 'RUNNING'")
                .params(error.length() > 2000 ? error.substring(0, 2000) : error, runId).update();
    }

    public Optional<ScoringRun> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM scoring_runs WHERE id = ?").param(id).query(ScoringRun.class)
                .optional();
    }

    public Optional<ScoringRun> running() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM scoring_runs WHERE status = 'RUNNING'").query(ScoringRun.class)
                .optional();
    }

    public Optional<ScoringRun> latestSucceeded() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM scoring_runs WHERE status = 'SUCCEEDED' ORDER BY id DESC LIMIT 1")
                .query(ScoringRun.class).optional();
    }

    /** Newest first; {@code limit} rows from {@code offset}. */
    public List<ScoringRun> history(int limit, int offset) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM scoring_runs ORDER BY id DESC LIMIT ? OFFSET ?")
                .params(limit, offset).query(ScoringRun.class).list();
    }

    /** Summary figures of a finished run. */
    record Summary(int customers, int withOrders, BigDecimal periodRevenue, int[] abc, BigDecimal retention,
                   int churnFlagged, BigDecimal valueAtRisk, int tiersChanged, int stagesChanged, String segmentsJson,
                   long durationMs) {
    }
}
