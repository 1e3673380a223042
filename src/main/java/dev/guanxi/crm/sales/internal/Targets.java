package dev.guanxi.crm.sales.internal;

import dev.guanxi.crm.sales.PeriodType;
import dev.guanxi.crm.sales.TargetMetric;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;

/** Targets and their actuals, computed from orders and payments in the period. */
@Repository
class Targets {

    private final JdbcClient jdbc;

    Targets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void upsert(Long userId, Long teamId, TargetMetric metric, PeriodType type, LocalDate start, BigDecimal amount,
                long by) {
        jdbc.sql("""
                        INSERT INTO sales_targets (user_id, team_id, metric, period_type, period_start, amount, updated_by)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (coalesce(user_id, 0), coalesce(team_id, 0), metric, period_type, period_start)
                        DO UPDATE SET amount = EXCLUDED.amount, updated_by = EXCLUDED.updated_by, updated_at = now()""")
                .params(userId, teamId, metric.name(), type.name(), Date.valueOf(start), amount, by).update();
    }

    record Row(long id, Long userId, Long teamId, TargetMetric metric, PeriodType type, LocalDate start,
               BigDecimal amount, BigDecimal actual) {
    }

    /** Targets of the period with actuals; {@code teams} and {@code user} limit which ones (null user = all). */
    List<Row> ofPeriod(PeriodType type, LocalDate start, boolean all, long me, List<Long> teams) {
        return jdbc.sql("""
                        SELECT t.id, t.user_id, t.team_id, t.metric, t.period_type, t.period_start, t.amount,
                          CASE t.metric
                            WHEN 'REVENUE' THEN (SELECT coalesce(sum(o.total), 0) FROM orders o
                              WHERE (o.owner_id = t.user_id OR o.team_id = t.team_id)
                                AND o.status IN ('CONFIRMED','SHIPPED','DELIVERED','COMPLETED')
                                AND o.order_date >= t.period_start AND o.order_date < :end)
                            ELSE (SELECT coalesce(sum(p.amount), 0) FROM payments p JOIN orders o ON o.id = p.order_id
                              WHERE (o.owner_id = t.user_id OR o.team_id = t.team_id)
                                AND p.received_on >= t.period_start AND p.received_on < :end)
                          END AS actual
                        FROM sales_targets t LEFT JOIN users u ON u.id = t.user_id
                        WHERE t.period_type = :type AND t.period_start = :start
                          AND (:all OR t.user_id = :me OR t.team_id IN (:teams) OR u.team_id IN (:teams))
                        ORDER BY t.team_id NULLS LAST, t.user_id, t.metric""")
                .param("type", type.name()).param("start", Date.valueOf(start))
                .param("end", Date.valueOf(type.end(start))).param("all", all).param("me", me)
                .param("teams", teams.isEmpty() ? List.of(-1L) : teams)
                .query((rs, n) -> new Row(rs.getLong(1), (Long) rs.getObject(2), (Long) rs.getObject(3),
                        TargetMetric.valueOf(rs.getString(4)), PeriodType.valueOf(rs.getString(5)),
                        rs.getDate(6).toLocalDate(), rs.getBigDecimal(7), rs.getBigDecimal(8)))
                .list();
    }
}
