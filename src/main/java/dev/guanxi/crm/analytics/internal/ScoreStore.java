package dev.guanxi.crm.analytics.internal;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Repository;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the purchase facts of every customer in one aggregating query and writes the scores with COPY into the
 * score table the view {@code customer_scores} does not show, then points the view at it.
 *
 * <p>Reads the sales module's {@code orders} table (status CONFIRMED, SHIPPED, DELIVERED or COMPLETED; drafts and
 * cancelled orders do not count) and the customer module's {@code customers} (live ones), read-only. Orders of
 * one customer on one day are one purchase. {@code orders.total} is the order's value (the sum of its lines);
 * amounts are summed whatever the order's currency.
 */
@Repository
class ScoreStore {

    private static final String FACTS = """
            WITH days AS (
              SELECT customer_id, order_date, sum(total) AS amount
              FROM orders
              WHERE status IN ('CONFIRMED','SHIPPED','DELIVERED','COMPLETED') AND order_date <= :asOf
              GROUP BY customer_id, order_date),
            per_customer AS (
              SELECT customer_id, count(*) AS frequency, min(order_date) AS first_day, max(order_date) AS last_day,
                round(sum(amount) * 100)::bigint AS monetary,
                round(coalesce(sum(amount) FILTER (WHERE order_date > :periodStart), 0) * 100)::bigint AS period,
                round(coalesce(sum(amount) FILTER (WHERE order_date > :recentStart), 0) * 100)::bigint AS recent,
                round(coalesce(sum(amount) FILTER (WHERE order_date > :previousStart
                  AND order_date <= :recentStart), 0) * 100)::bigint AS previous,
                bit_or(1 << least((:asOf - order_date) / 365, 30)) AS active_years
              FROM days GROUP BY customer_id)
            SELECT c.id, p.frequency, p.first_day - DATE '1970-01-01' AS first_day,
              p.last_day - DATE '1970-01-01' AS last_day, p.monetary, p.period, p.recent, p.previous, p.active_years
            FROM customers c LEFT JOIN per_customer p ON p.customer_id = c.id
            WHERE c.deleted_at IS NULL""";

    private static final String COPY = "COPY %s (customer_id, run_id, as_of, frequency, first_purchase, "
            + "last_purchase, recency_days, monetary, avg_interpurchase_days, recent_spend, previous_spend, "
            + "period_revenue, abc_rank, cumulative_share, abc_class, value_tier, r_score, f_score, m_score, "
            + "rfm_segment, clv_dwyer, lifecycle_stage, churn_reasons, value_at_risk, p_alive, expected_purchases_90, "
            + "expected_purchases_365, clv_bgnbd, cluster_id) FROM STDIN";

    private final DataSource dataSource;
    private final JdbcClient jdbc;

    ScoreStore(DataSource dataSource, JdbcClient jdbc) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
    }

    /** Every live customer with the facts of its purchases up to {@code asOf}; run inside a transaction (cursor). */
    List<CustomerFacts> facts(LocalDate asOf, int periodMonths, int trendDays) {
        JdbcTemplate cursor = new JdbcTemplate(dataSource);
        cursor.setFetchSize(20_000);
        List<CustomerFacts> all = new ArrayList<>(1 << 16);
        var named = new org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate(cursor);
        var params = new org.springframework.jdbc.core.namedparam.MapSqlParameterSource()
                .addValue("asOf", asOf).addValue("periodStart", asOf.minusMonths(periodMonths))
                .addValue("recentStart", asOf.minusDays(trendDays))
                .addValue("previousStart", asOf.minusDays(2L * trendDays));
        named.query(FACTS, params, rs -> {
            CustomerFacts c = new CustomerFacts(rs.getLong(1));
            c.frequency = rs.getInt(2);
            if (c.frequency > 0) {
                c.firstDay = rs.getInt(3);
                c.lastDay = rs.getInt(4);
                c.monetaryCents = rs.getLong(5);
                c.periodCents = rs.getLong(6);
                c.recentCents = rs.getLong(7);
                c.previousCents = rs.getLong(8);
                c.activeYears = rs.getInt(9);
            }
            all.add(c);
        });
        return all;
    }

    /** Empties the table of {@code slot} and copies the scores into it, in the caller's transaction. */
    void write(String slot, long runId, LocalDate asOf, List<CustomerFacts> all) {
        String table = table(slot);
        jdbc.sql("TRUNCATE " + table).update();
        // secondary indexes are built once after the load (a sort) instead of row by row during it
        List<Map<String, Object>> indexes = jdbc.sql("SELECT i.indexname, i.indexdef FROM pg_indexes i "
                        + "JOIN pg_index x ON x.indexrelid = (quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass "
                        + "WHERE i.schemaname = current_schema() AND i.tablename = ? AND NOT x.indisprimary")
                .param(table).query().listOfRows();
        indexes.forEach(index -> jdbc.sql("DROP INDEX " + index.get("indexname")).update());
        Connection connection = DataSourceUtils.getConnection(dataSource);
        try {
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY.formatted(table));
            try {
                StringBuilder b = new StringBuilder(1 << 20);
                String date = asOf.toString();
                for (CustomerFacts c : all) {
                    row(b, c, runId, date);
                    if (b.length() > (1 << 20) - 1024) {
                        send(copy, b);
                    }
                }
                send(copy, b);
                copy.endCopy();
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Writing the scores failed: " + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
        indexes.forEach(index -> jdbc.sql((String) index.get("indexdef")).update());
        jdbc.sql("ANALYZE " + table).update();
    }

    /**
     * Records the lifecycle changes against the scores shown until now (nothing on the first run: it sets the
     * baseline) and points the view at the new table; in the caller's transaction, so readers switch at commit.
     */
    int publish(String slot, long runId, LocalDate asOf, boolean hadPrevious) {
        String fresh = table(slot);
        String old = table("a".equals(slot) ? "b" : "a");
        int transitions = 0;
        if (hadPrevious) {
            transitions = jdbc.sql(("INSERT INTO lifecycle_transitions (run_id, customer_id, as_of, from_stage, to_stage) "
                            + "SELECT ?, n.customer_id, ?, o.lifecycle_stage, n.lifecycle_stage FROM %s n "
                            + "JOIN %s o ON o.customer_id = n.customer_id "
                            + "WHERE o.lifecycle_stage IS DISTINCT FROM n.lifecycle_stage").formatted(fresh, old))
                    .params(runId, asOf).update();
        }
        jdbc.sql("CREATE OR REPLACE VIEW customer_scores AS SELECT * FROM " + fresh).update();
        return transitions;
    }

    private static String table(String slot) {
        if (!"a".equals(slot) && !"b".equals(slot)) {
            throw new IllegalArgumentException("slot " + slot);
        }
        return "customer_scores_" + slot;
    }

    private static void send(CopyIn copy, StringBuilder b) throws SQLException {
        byte[] bytes = b.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        b.setLength(0);
    }

    private static void row(StringBuilder b, CustomerFacts c, long runId, String asOf) {
        boolean bought = c.hasPurchases();
        b.append(c.customerId).append('\t').append(runId).append('\t').append(asOf).append('\t')
                .append(c.frequency).append('\t');
        date(b, bought ? c.firstDay : CustomerFacts.NONE);
        date(b, bought ? c.lastDay : CustomerFacts.NONE);
        value(b, bought ? (Object) c.recencyDays : null);
        cents(b, c.monetaryCents);
        double interval = c.interPurchaseDays();
        if (Double.isNaN(interval)) {
            value(b, null);
        } else {
            cents(b, Math.round(interval * 100));
        }
        cents(b, c.recentCents);
        cents(b, c.previousCents);
        cents(b, c.periodCents);
        value(b, c.abcRank > 0 ? (Object) c.abcRank : null);
        value(b, Double.isNaN(c.cumulativeShare) ? null : (Object) c.cumulativeShare);
        value(b, String.valueOf(c.abcClass));
        value(b, c.valueTier);
        value(b, bought ? (Object) c.r : null);
        value(b, bought ? (Object) c.f : null);
        value(b, bought ? (Object) c.m : null);
        value(b, c.segment);
        cents(b, Math.round(c.clvDwyer * 100));
        value(b, c.stage);
        b.append('{').append(String.join(",", c.churnReasons)).append('}').append('\t');
        cents(b, Math.round(c.valueAtRisk() * 100));
        value(b, c.pAlive);
        value(b, c.expectedPurchases90);
        value(b, c.expectedPurchases365);
        if (c.clvBgnbd == null) {
            value(b, null);
        } else {
            cents(b, Math.round(c.clvBgnbd * 100));
        }
        value(b, c.clusterId);
        b.setCharAt(b.length() - 1, '\n');
    }

    private static void value(StringBuilder b, Object v) {
        b.append(v == null ? "\\N" : v.toString()).append('\t');
    }

    private static void cents(StringBuilder b, long cents) {
        if (cents < 0) {
            b.append('-');
            cents = -cents;
        }
        b.append(cents / 100).append('.');
        long rest = cents % 100;
        b.append(rest < 10 ? "0" : "").append(rest).append('\t');
    }

    private static void date(StringBuilder b, int epochDay) {
        value(b, epochDay == CustomerFacts.NONE ? null : LocalDate.ofEpochDay(epochDay));
    }
}
