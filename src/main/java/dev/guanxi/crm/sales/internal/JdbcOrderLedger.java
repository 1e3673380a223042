package dev.guanxi.crm.sales.internal;

import dev.guanxi.crm.audit.AuditAction;
import dev.guanxi.crm.audit.AuditTrail;
import dev.guanxi.crm.audit.AuditTrail.Change;
import dev.guanxi.crm.common.ConflictException;
import dev.guanxi.crm.common.NotFoundException;
import dev.guanxi.crm.customer.TimelineEntry;
import dev.guanxi.crm.identity.CurrentUser;
import dev.guanxi.crm.sales.OrderLedger;
import dev.guanxi.crm.sales.OrderStatus;
import dev.guanxi.crm.sales.PaymentMethod;
import dev.guanxi.crm.sales.PaymentReceived;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Order lines for after-sales. A line's paid share is the order's gross payments (paid now plus refunds so far)
 * split in proportion to the line totals; refunds are negative payments naming the line.
 */
@Component
class JdbcOrderLedger implements OrderLedger {

    private static final String FACTS = """
            SELECT l.id, l.order_id, l.line_no, o.customer_id, o.owner_id, o.team_id, l.product_id, l.product_name,
              l.quantity, l.unit_price, l.line_total, o.currency, o.status, o.order_date, o.delivered_on, o.paid,
              (SELECT coalesce(-sum(p.amount), 0) FROM payments p WHERE p.order_id = o.id AND p.amount < 0) AS order_refunded,
              (SELECT coalesce(sum(x.line_total), 0) FROM order_lines x WHERE x.order_id = o.id) AS lines_total,
              (SELECT coalesce(-sum(p.amount), 0) FROM payments p WHERE p.order_line_id = l.id AND p.amount < 0) AS line_refunded
            FROM order_lines l JOIN orders o ON o.id = l.order_id
            """;

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final Clock clock = Clock.systemDefaultZone();

    JdbcOrderLedger(JdbcClient jdbc, AuditTrail audit, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.events = events;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<LineFacts> line(long orderLineId) {
        CurrentUser.SqlCondition visible = CurrentUser.get().visibility("o.owner_id", "o.team_id");
        return jdbc.sql(FACTS + " WHERE l.id = :id AND " + visible.sql())
                .param("id", orderLineId).params(visible.params()).query(JdbcOrderLedger::map).optional();
    }

    @Override
    @Transactional(readOnly = true)
    public List<LineFacts> lines(long orderId) {
        CurrentUser.SqlCondition visible = CurrentUser.get().visibility("o.owner_id", "o.team_id");
        return jdbc.sql(FACTS + " WHERE l.order_id = :id AND " + visible.sql() + " ORDER BY l.line_no")
                .param("id", orderId).params(visible.params()).query(JdbcOrderLedger::map).list();
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public LineFacts lockForRefund(long orderLineId) {
        jdbc.sql("SELECT o.id FROM orders o JOIN order_lines l ON l.order_id = o.id WHERE l.id = ? FOR UPDATE OF o")
                .param(orderLineId).query(Long.class).optional()
                .orElseThrow(() -> new NotFoundException("Order line", orderLineId));
        return jdbc.sql(FACTS + " WHERE l.id = :id").param("id", orderLineId).query(JdbcOrderLedger::map).single();
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public long recordRefund(long orderLineId, BigDecimal amount, String reference) {
        if (amount == null || amount.signum() <= 0 || amount.scale() > 2) {
            throw new IllegalArgumentException("A refund is a positive amount with at most 2 decimals: " + amount);
        }
        LineFacts line = lockForRefund(orderLineId);
        if (amount.compareTo(line.refundable()) > 0) {
            throw new ConflictException("A refund of " + amount + " " + line.currency() + " exceeds what may still be "
                    + "refunded for line " + line.lineNo() + " of order " + line.orderNumber() + ": "
                    + line.refundable() + " " + line.currency() + ".");
        }
        CurrentUser user = CurrentUser.get();
        LocalDate today = LocalDate.now(clock);
        PaymentMethod method = jdbc.sql("""
                        SELECT method FROM payments WHERE order_id = ? AND amount > 0
                        ORDER BY received_on DESC, id DESC LIMIT 1""")
                .param(line.orderId()).query(String.class).optional().map(PaymentMethod::valueOf)
                .orElse(PaymentMethod.OTHER);
        long id = jdbc.sql("""
                        INSERT INTO payments (order_id, customer_id, amount, currency, method, received_on, reference,
                          recorded_by, order_line_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(line.orderId(), line.customerId(), amount.negate(), line.currency(), method.name(),
                        Date.valueOf(today), reference, user.id(), orderLineId)
                .query(Long.class).single();
        jdbc.sql("""
                        UPDATE orders SET paid = paid - ?, total = total - ?, version = version + 1, updated_at = now()
                        WHERE id = ?""")
                .params(amount, amount, line.orderId()).update();
        audit.record("payment", id, AuditAction.CREATE, Map.of("order", new Change(null, line.orderNumber()),
                "amount", new Change(null, amount.negate()), "line", new Change(null, line.lineNo())),
                line.orderNumber() + " refund");
        events.publishEvent(new TimelineEntry(line.customerId(), Instant.now(clock), "PAYMENT_REFUNDED", "sales",
                "refund:" + id, line.orderNumber(), amount.negate() + " " + line.currency() + " · "
                + line.productName(), user.displayName()));
        events.publishEvent(new PaymentReceived(id, line.orderId(), line.customerId(), amount.negate(),
                line.currency(), method, today));
        return id;
    }

    private static LineFacts map(ResultSet rs, int n) throws SQLException {
        BigDecimal lineTotal = rs.getBigDecimal("line_total");
        BigDecimal linesTotal = rs.getBigDecimal("lines_total");
        BigDecimal grossPaid = rs.getBigDecimal("paid").add(rs.getBigDecimal("order_refunded"));
        BigDecimal share = linesTotal.signum() == 0 ? BigDecimal.ZERO
                : grossPaid.multiply(lineTotal).divide(linesTotal, 2, RoundingMode.DOWN).min(lineTotal);
        Date delivered = rs.getDate("delivered_on");
        return new LineFacts(rs.getLong("id"), rs.getLong("order_id"), Order.number(rs.getLong("order_id")),
                rs.getInt("line_no"), rs.getLong("customer_id"), rs.getLong("owner_id"), (Long) rs.getObject("team_id"),
                rs.getLong("product_id"), rs.getString("product_name"), rs.getBigDecimal("quantity"),
                rs.getBigDecimal("unit_price"), lineTotal, rs.getString("currency"),
                OrderStatus.valueOf(rs.getString("status")), rs.getDate("order_date").toLocalDate(),
                delivered == null ? null : delivered.toLocalDate(), share, rs.getBigDecimal("line_refunded"));
    }
}
