package dev.guanxi.crm.loyalty.internal;

import dev.guanxi.crm.loyalty.PointsEntryKind;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The points ledger: entries are only ever added; balances are sums. */
@Repository
public class PointsLedger {

    /** One entry as lists and the API show it. */
    public record Entry(long id, PointsEntryKind kind, int points, LocalDate occurredOn, LocalDate expiresOn,
                        Long orderId, BigDecimal amount, int shortfall, String reason, String actorName,
                        java.time.Instant createdAt) {
    }

    /** A new entry; {@code source, sourceRef} make it unique. */
    record NewEntry(long customerId, PointsEntryKind kind, int points, String source, String sourceRef,
                    LocalDate occurredOn, LocalDate expiresOn, Long lotId, Long orderId, BigDecimal amount,
                    String currency, int shortfall, Long ruleId, String reason, Long createdBy, String actorName) {
    }

    /** A lot (positive entry) in first-in-first-out order with the running total of lots up to it. */
    record Lot(long id, int points, LocalDate expiresOn, long cumulative, boolean expired) {
    }

    private final JdbcClient jdbc;

    PointsLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Serialises every change of one customer's points (earn, redeem, adjust, reverse, expire) until the
     * transaction ends, so that a balance read afterwards stays true until the entry is written.
     */
    void lock(long customerId) {
        jdbc.sql("SELECT pg_advisory_xact_lock(8001, hashint8(?))").param(customerId).query().singleRow();
        jdbc.sql("INSERT INTO loyalty_members (customer_id) VALUES (?) ON CONFLICT DO NOTHING").param(customerId).update();
    }

    long balance(long customerId) {
        return jdbc.sql("SELECT coalesce(sum(points), 0) FROM points_ledger WHERE customer_id = ?")
                .param(customerId).query(Long.class).single();
    }

    /** @return the new entry's id, or empty when an entry with the same source and reference exists */
    Optional<Long> insert(NewEntry e) {
        return jdbc.sql("""
                        INSERT INTO points_ledger (customer_id, kind, points, source, source_ref, occurred_on, expires_on,
                          lot_id, order_id, amount, currency, shortfall, rule_id, reason, created_by, actor_name)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT DO NOTHING RETURNING id""")
                .params(e.customerId(), e.kind().name(), e.points(), e.source(), e.sourceRef(), e.occurredOn(),
                        e.expiresOn(), e.lotId(), e.orderId(), e.amount(), e.currency(), e.shortfall(), e.ruleId(),
                        e.reason(), e.createdBy(), e.actorName())
                .query(Long.class).optional();
    }

    boolean exists(String source, String sourceRef) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM points_ledger WHERE source = ? AND source_ref = ?)")
                .params(source, sourceRef).query(Boolean.class).single();
    }

    /** Points earned on an order and the amount they were earned on, and the points reversals meant to take back. */
    record OrderPoints(long earned, BigDecimal paid, long reversed) {
    }

    OrderPoints orderPoints(long orderId) {
        return jdbc.sql("""
                        SELECT coalesce(sum(points) FILTER (WHERE kind = 'EARN'), 0),
                               coalesce(sum(amount) FILTER (WHERE kind = 'EARN'), 0),
                               coalesce(sum(shortfall - points) FILTER (WHERE kind = 'REVERSAL'), 0)
                        FROM points_ledger WHERE order_id = ?""")
                .param(orderId)
                .query((rs, n) -> new OrderPoints(rs.getLong(1), rs.getBigDecimal(2), rs.getLong(3))).single();
    }

    /** The customer's lots, oldest first, with the running total and whether each has an EXPIRE entry. */
    List<Lot> lots(long customerId) {
        return jdbc.sql("""
                        SELECT l.id, l.points, l.expires_on, sum(l.points) OVER (ORDER BY l.occurred_on, l.id),
                               EXISTS (SELECT 1 FROM points_ledger e WHERE e.lot_id = l.id AND e.kind = 'EXPIRE')
                        FROM points_ledger l WHERE l.customer_id = ? AND l.points > 0
                        ORDER BY l.occurred_on, l.id""")
                .param(customerId)
                .query((rs, n) -> new Lot(rs.getLong(1), rs.getInt(2), rs.getObject(3, LocalDate.class),
                        rs.getLong(4), rs.getBoolean(5)))
                .list();
    }

    /** Points taken out of the customer's lots so far: redemptions, negative adjustments, reversals, expiry. */
    long debits(long customerId) {
        return jdbc.sql("SELECT coalesce(-sum(points), 0) FROM points_ledger WHERE customer_id = ? AND points < 0")
                .param(customerId).query(Long.class).single();
    }

    /** Customers with a lot past its date that has no EXPIRE entry yet (a bounded batch). */
    List<Long> customersWithExpiredLots(LocalDate today, int limit) {
        return jdbc.sql("""
                        SELECT DISTINCT l.customer_id FROM points_ledger l
                        WHERE l.points > 0 AND l.expires_on <= ?
                          AND NOT EXISTS (SELECT 1 FROM points_ledger e WHERE e.lot_id = l.id AND e.kind = 'EXPIRE')
                        LIMIT ?""")
                .params(today, limit).query(Long.class).list();
    }

    /** A page of the customer's entries, newest first (empty expiry markers left out). */
    List<Entry> page(long customerId, int limit, int offset) {
        return jdbc.sql("""
                        SELECT id, kind, points, occurred_on, expires_on, order_id, amount, shortfall, reason, actor_name,
                               created_at
                        FROM points_ledger WHERE customer_id = ? AND NOT (kind = 'EXPIRE' AND points = 0)
                        ORDER BY id DESC LIMIT ? OFFSET ?""")
                .params(customerId, limit, offset)
                .query((rs, n) -> new Entry(rs.getLong(1), PointsEntryKind.valueOf(rs.getString(2)), rs.getInt(3),
                        rs.getObject(4, LocalDate.class), rs.getObject(5, LocalDate.class),
                        (Long) rs.getObject(6), rs.getBigDecimal(7), rs.getInt(8), rs.getString(9), rs.getString(10),
                        rs.getTimestamp(11).toInstant()))
                .list();
    }
}
