package dev.guanxi.crm.analytics.internal;

import dev.guanxi.crm.sales.OrderConfirmed;
import dev.guanxi.crm.sales.PaymentReceived;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Keeps the pivot fact tables (migration V7_5): the sales facts flattened with the customer's region, industry,
 * value tier and source as they are when written. Rebuilt in full every night (and when a report finds them never
 * built); in between, each customer's facts are rewritten when one of their orders is confirmed or a payment is
 * received, so new revenue shows at once. Changes without an event (a customer moved to another province or tier,
 * an order cancelled after confirmation) show after the next rebuild.
 */
@Component
public class PivotFactTables {

    static final String JOB = "pivot-facts-rebuild";
    private static final Logger log = LoggerFactory.getLogger(PivotFactTables.class);
    private static final String CUSTOMER = "c.province, c.city, c.industry, c.value_tier, c.source";
    private static final List<String> TABLES = List.of("analytics_pivot_orders", "analytics_pivot_lines",
            "analytics_pivot_payments");

    private final JdbcClient jdbc;

    PivotFactTables(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** When the tables were last rebuilt in full; empty when never. */
    @Transactional(readOnly = true)
    public Optional<Instant> rebuiltAt() {
        return jdbc.sql("SELECT rebuilt_at FROM analytics_pivot_state WHERE id = 1").query(java.sql.Timestamp.class)
                .optional().map(java.sql.Timestamp::toInstant);
    }

    /**
     * Rewrites every fact in one transaction. The tables are truncated rather than emptied row by row: a fresh heap
     * holds the rows in day order (see {@link #write}) and does not grow by the dead rows of the last rebuild. The
     * price is that reports wait while a rebuild runs (nightly; about 100 s at a million customers).
     */
    @Transactional
    public void rebuild() {
        long started = System.nanoTime();
        // one rebuild at a time (the nightly job on one instance, a first report on another)
        jdbc.sql("SELECT rebuilt_at FROM analytics_pivot_state WHERE id = 1 FOR UPDATE").query().listOfRows();
        jdbc.sql("TRUNCATE " + String.join(", ", TABLES)).update();
        long rows = write("TRUE", null);
        jdbc.sql("UPDATE analytics_pivot_state SET rebuilt_at = now() WHERE id = 1").update();
        // fresh statistics, so that the planner sees a year as a third of the rows and not as an empty table
        TABLES.forEach(t -> jdbc.sql("ANALYZE " + t).update());
        log.info("Pivot facts rebuilt: {} rows in {} ms", rows, (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Builds the tables if they never were (the first report after installation or after the demo data loaded), in
     * a transaction of its own so that a read-only report can call it.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void ensureBuilt() {
        String never = "SELECT rebuilt_at IS NULL FROM analytics_pivot_state WHERE id = 1";
        if (jdbc.sql(never).query(Boolean.class).single()
                && jdbc.sql(never + " FOR UPDATE").query(Boolean.class).single()) {
            rebuild();
        }
    }

    @Scheduled(cron = "${guanxi.analytics.pivot-rebuild-cron:0 30 2 * * *}",
            zone = "${guanxi.activity.zone:Asia/Shanghai}")
    @SchedulerLock(name = JOB, lockAtMostFor = "PT1H")
    @Transactional
    public void nightly() {
        rebuild();
    }

    /**
     * Rewrites one customer's facts (idempotent, so a redelivered event does no harm). It waits for a running
     * rebuild and for another refresh of the same customer: run side by side, the second would not see the rows
     * the first inserted, keep them, and insert its own, counting that customer twice.
     */
    @Transactional
    public void refresh(long customerId) {
        jdbc.sql("SELECT rebuilt_at FROM analytics_pivot_state WHERE id = 1 FOR SHARE").query().listOfRows();
        jdbc.sql("SELECT pg_advisory_xact_lock(6100, (? % 2147483647)::int)").param(customerId).query().listOfRows();
        TABLES.forEach(t -> jdbc.sql("DELETE FROM " + t + " WHERE customer_id = ?").param(customerId).update());
        write("o.customer_id = :customer", customerId);
    }

    @ApplicationModuleListener
    void on(OrderConfirmed event) {
        refresh(event.customerId());
    }

    @ApplicationModuleListener
    void on(PaymentReceived event) {
        refresh(event.customerId());
    }

    /**
     * Inserts the facts in day order: a rebuilt table then holds each period's rows together, so that a report over
     * a year reads a third of the table's pages rather than all of them.
     */
    private long write(String condition, Long customerId) {
        long rows = insert("""
                INSERT INTO analytics_pivot_orders (day, order_id, customer_id, owner_id, team_id, province, city,
                  industry, value_tier, source, total)
                SELECT o.order_date, o.id, o.customer_id, o.owner_id, o.team_id, %s, o.total
                FROM orders o JOIN customers c ON c.id = o.customer_id
                WHERE %s AND %s ORDER BY 1""".formatted(CUSTOMER, PivotSalesFacts.RECEIVABLE, condition), customerId);
        rows += insert("""
                INSERT INTO analytics_pivot_lines (day, order_id, customer_id, owner_id, team_id, province, city,
                  industry, value_tier, source, product_id, product_name, quantity, line_total)
                SELECT l.order_date, l.order_id, l.customer_id, o.owner_id, o.team_id, %s, l.product_id,
                  l.product_name, l.quantity, l.line_total
                FROM order_lines l JOIN orders o ON o.id = l.order_id JOIN customers c ON c.id = o.customer_id
                WHERE %s AND %s ORDER BY 1""".formatted(CUSTOMER, PivotSalesFacts.RECEIVABLE, condition), customerId);
        rows += insert("""
                INSERT INTO analytics_pivot_payments (day, payment_id, customer_id, owner_id, team_id, province, city,
                  industry, value_tier, source, amount)
                SELECT p.received_on, p.id, p.customer_id, o.owner_id, o.team_id, %s, p.amount
                FROM payments p JOIN orders o ON o.id = p.order_id JOIN customers c ON c.id = o.customer_id
                WHERE %s ORDER BY 1""".formatted(CUSTOMER, condition), customerId);
        return rows;
    }

    private long insert(String sql, Long customerId) {
        JdbcClient.StatementSpec statement = jdbc.sql(sql);
        return customerId == null ? statement.update() : statement.param("customer", customerId).update();
    }
}
