package dev.guanxi.crm.sales.internal;

import dev.guanxi.crm.identity.CurrentUser;
import dev.guanxi.crm.sales.OrderStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Orders, their lines and payments in PostgreSQL; reads are filtered by the user's visibility. */
@Repository
class Orders {

    private static final String COLUMNS = """
            o.id, o.customer_id, o.owner_id, o.team_id, o.status, o.order_date, o.due_date, o.currency, o.total,
            o.paid, o.notes, o.version""";

    private final JdbcClient jdbc;

    Orders(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(long customerId, long ownerId, Long teamId, LocalDate orderDate, String notes, List<OrderLine> lines,
                BigDecimal total) {
        return insert(customerId, ownerId, teamId, OrderStatus.DRAFT, orderDate, null, null, notes, lines, total);
    }

    /** An order in any status, e.g. an imported one with its number from the system it came from. */
    long insert(long customerId, long ownerId, Long teamId, OrderStatus status, LocalDate orderDate,
                LocalDate dueDate, String externalNumber, String notes, List<OrderLine> lines, BigDecimal total) {
        long id = jdbc.sql("""
                        INSERT INTO orders (customer_id, owner_id, team_id, status, order_date, due_date,
                          external_number, total, notes)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(customerId, ownerId, teamId, status.name(), Date.valueOf(orderDate),
                        dueDate == null ? null : Date.valueOf(dueDate), externalNumber, total, notes)
                .query(Long.class).single();
        for (OrderLine l : lines) {
            jdbc.sql("""
                            INSERT INTO order_lines (order_id, line_no, customer_id, order_date, product_id, product_name,
                              quantity, unit_price, discount_pct, tax_pct, line_total)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(id, l.lineNo(), customerId, Date.valueOf(orderDate), l.productId(), l.productName(),
                            l.quantity(), l.unitPrice(), l.discountPct(), l.taxPct(), l.total())
                    .update();
        }
        return id;
    }

    /** Which of these external numbers (lower case) orders already have, whoever may see those orders. */
    java.util.Set<String> takenNumbers(java.util.Collection<String> lowerNumbers) {
        java.util.Set<String> taken = new java.util.HashSet<>();
        if (!lowerNumbers.isEmpty()) {
            jdbc.sql("SELECT lower(external_number) FROM orders WHERE lower(external_number) IN (:numbers)")
                    .param("numbers", java.util.Set.copyOf(lowerNumbers)).query(String.class).list()
                    .forEach(taken::add);
        }
        return taken;
    }

    /**
     * The orders the user sees that these numbers name, by the number as given in lower case: an imported order's
     * external number, else this system's number ({@code SO-000123}). Without their lines: for recording payments.
     */
    Map<String, Order> findByNumbers(java.util.Collection<String> lowerNumbers, CurrentUser user) {
        Map<String, Order> found = new LinkedHashMap<>();
        if (lowerNumbers.isEmpty()) {
            return found;
        }
        Map<Long, String> own = new LinkedHashMap<>();
        for (String n : lowerNumbers) {
            if (n.matches("so-\\d{1,18}")) {
                own.put(Long.parseLong(n.substring(3)), n);
            }
        }
        CurrentUser.SqlCondition visible = user.visibility("o.owner_id", "o.team_id");
        jdbc.sql("SELECT " + COLUMNS + ", lower(o.external_number) AS number FROM orders o WHERE (lower(o.external_number)"
                        + " IN (:numbers) OR o.id IN (:ids)) AND " + visible.sql())
                .param("numbers", java.util.Set.copyOf(lowerNumbers))
                .param("ids", own.isEmpty() ? List.of(-1L) : own.keySet()).params(visible.params())
                .query((org.springframework.jdbc.core.RowCallbackHandler) rs -> {
                    Order order = map(rs, List.of());
                    String number = rs.getString("number");
                    if (number != null && lowerNumbers.contains(number)) {
                        found.put(number, order);
                    }
                    if (own.containsKey(order.id())) {
                        found.putIfAbsent(own.get(order.id()), order);
                    }
                });
        return found;
    }

    /** The references of the orders' payments, as "order id|lower-case reference". */
    java.util.Set<String> paymentReferences(java.util.Collection<Long> orderIds) {
        java.util.Set<String> references = new java.util.HashSet<>();
        if (!orderIds.isEmpty()) {
            jdbc.sql("SELECT order_id || '|' || lower(reference) FROM payments WHERE order_id IN (:ids) "
                            + "AND reference IS NOT NULL")
                    .param("ids", java.util.Set.copyOf(orderIds)).query(String.class).list().forEach(references::add);
        }
        return references;
    }

    /** Deletes an order at this version that has no payments (an import's undo); false otherwise. */
    boolean deleteUnpaid(long id, int version) {
        return jdbc.sql("""
                        DELETE FROM orders o WHERE id = ? AND version = ? AND paid = 0
                          AND NOT EXISTS (SELECT 1 FROM payments WHERE order_id = o.id)
                          AND NOT EXISTS (SELECT 1 FROM quotes WHERE order_id = o.id)""")
                .params(id, version).update() == 1;
    }

    /** The coupon code applied to an order and its discount (zero without one). */
    record Discount(String couponCode, BigDecimal amount) {
    }

    Discount discount(long orderId) {
        return jdbc.sql("SELECT coupon_code, discount FROM orders WHERE id = ?").param(orderId)
                .query((rs, n) -> new Discount(rs.getString(1), rs.getBigDecimal(2))).single();
    }

    /** Takes a coupon's discount off the order's total (right after creating it). */
    void applyDiscount(long orderId, String couponCode, BigDecimal discount) {
        jdbc.sql("UPDATE orders SET coupon_code = ?, discount = ?, total = total - ? WHERE id = ?")
                .params(couponCode, discount, discount, orderId).update();
    }

    Optional<Order> find(long id, CurrentUser user) {
        CurrentUser.SqlCondition visible = user.visibility("o.owner_id", "o.team_id");
        return jdbc.sql("SELECT " + COLUMNS + " FROM orders o WHERE o.id = :id AND " + visible.sql())
                .param("id", id).params(visible.params())
                .query((rs, n) -> map(rs, lines(rs.getLong("id")))).optional();
    }

    /**
     * Writes a new status (and due date) when the stored version is still {@code version}; a delivered order
     * remembers {@code today} as its delivery day.
     */
    boolean updateStatus(Order order, LocalDate today) {
        return jdbc.sql("""
                        UPDATE orders SET status = ?, due_date = ?, version = version + 1, updated_at = now(),
                          delivered_on = CASE WHEN ? = 'DELIVERED' THEN ? ELSE delivered_on END
                        WHERE id = ? AND version = ?""")
                .params(order.status().name(), order.dueDate() == null ? null : Date.valueOf(order.dueDate()),
                        order.status().name(), Date.valueOf(today), order.id(), order.version())
                .update() == 1;
    }

    /** Adds to the paid amount atomically, never beyond the total; false when that would overpay. */
    boolean addPaid(long orderId, BigDecimal amount) {
        return jdbc.sql("""
                        UPDATE orders SET paid = paid + ?, version = version + 1, updated_at = now()
                        WHERE id = ? AND paid + ? <= total
                          AND status IN ('CONFIRMED','SHIPPED','DELIVERED','COMPLETED')""")
                .params(amount, orderId, amount).update() == 1;
    }

    /** Serializes credit decisions per customer until the transaction ends. */
    void lockCustomer(long customerId) {
        jdbc.sql("SELECT pg_advisory_xact_lock(7301, hashint8(?))").param(customerId).query().singleRow();
    }

    BigDecimal openBalance(long customerId) {
        return jdbc.sql("""
                        SELECT coalesce(sum(total - paid), 0) FROM orders
                        WHERE customer_id = ? AND status IN ('CONFIRMED','SHIPPED','DELIVERED','COMPLETED')""")
                .param(customerId).query(BigDecimal.class).single();
    }

    BigDecimal overdueBalance(long customerId, LocalDate today) {
        return jdbc.sql("""
                        SELECT coalesce(sum(total - paid), 0) FROM orders
                        WHERE customer_id = ? AND status IN ('CONFIRMED','SHIPPED','DELIVERED','COMPLETED')
                          AND due_date < ?""")
                .params(customerId, Date.valueOf(today)).query(BigDecimal.class).single();
    }

    long insertPayment(long orderId, long customerId, PaymentData p, LocalDate receivedOn, long recordedBy) {
        return jdbc.sql("""
                        INSERT INTO payments (order_id, customer_id, amount, method, received_on, reference, recorded_by)
                        VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(orderId, customerId, p.amount(), p.method().name(), Date.valueOf(receivedOn),
                        p.reference() == null || p.reference().isBlank() ? null : p.reference().strip(), recordedBy)
                .query(Long.class).single();
    }

    List<PaymentView> payments(long orderId) {
        return jdbc.sql("""
                        SELECT id, order_id, amount, currency, method, received_on, reference FROM payments
                        WHERE order_id = ? ORDER BY received_on, id""")
                .param(orderId)
                .query((rs, n) -> new PaymentView(rs.getLong(1), rs.getLong(2), rs.getBigDecimal(3), rs.getString(4),
                        dev.guanxi.crm.sales.PaymentMethod.valueOf(rs.getString(5)), rs.getDate(6).toLocalDate(),
                        rs.getString(7)))
                .list();
    }

    record Row(long id, long customerId, long ownerId, OrderStatus status, LocalDate orderDate, LocalDate dueDate,
               BigDecimal total, BigDecimal paid, String currency) {
    }

    /** One page (+1 row to tell whether more follow) of orders matching the filters, newest first. */
    List<Row> search(OrderQuery q, CurrentUser user, boolean receivablesOnly, LocalDate today, int limit, int offset) {
        CurrentUser.SqlCondition visible = user.visibility("owner_id", "team_id");
        List<String> where = new ArrayList<>(List.of(visible.sql()));
        Map<String, Object> params = new LinkedHashMap<>(visible.params());
        if (q.customerId() != null) {
            where.add("customer_id = :customerId");
            params.put("customerId", q.customerId());
        }
        if (q.status() != null) {
            where.add("status = :status");
            params.put("status", q.status().name());
        }
        if (q.ownerId() != null) {
            where.add("owner_id = :ownerId");
            params.put("ownerId", q.ownerId());
        }
        if (q.from() != null) {
            where.add("order_date >= :from");
            params.put("from", Date.valueOf(q.from()));
        }
        if (q.to() != null) {
            where.add("order_date <= :to");
            params.put("to", Date.valueOf(q.to()));
        }
        String order = "order_date DESC, id DESC";
        if (receivablesOnly) {
            where.add("status IN ('CONFIRMED','SHIPPED','DELIVERED','COMPLETED') AND paid < total");
            order = "due_date, id";
            if (Boolean.TRUE.equals(q.overdue())) {
                where.add("due_date < :today");
                params.put("today", Date.valueOf(today));
            }
        }
        return jdbc.sql("SELECT id, customer_id, owner_id, status, order_date, due_date, total, paid, currency "
                        + "FROM orders WHERE " + String.join(" AND ", where) + " ORDER BY " + order
                        + " LIMIT " + limit + " OFFSET " + offset)
                .params(params)
                .query((rs, n) -> new Row(rs.getLong(1), rs.getLong(2), rs.getLong(3),
                        OrderStatus.valueOf(rs.getString(4)), rs.getDate(5).toLocalDate(),
                        rs.getDate(6) == null ? null : rs.getDate(6).toLocalDate(), rs.getBigDecimal(7),
                        rs.getBigDecimal(8), rs.getString(9)))
                .list();
    }

    private List<OrderLine> lines(long orderId) {
        return jdbc.sql("""
                        SELECT line_no, product_id, product_name, quantity, unit_price, discount_pct, tax_pct
                        FROM order_lines WHERE order_id = ? ORDER BY line_no""")
                .param(orderId)
                .query((rs, n) -> new OrderLine(rs.getInt(1), rs.getLong(2), rs.getString(3), rs.getBigDecimal(4),
                        rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getBigDecimal(7)))
                .list();
    }

    private static Order map(ResultSet rs, List<OrderLine> lines) throws SQLException {
        Date due = rs.getDate("due_date");
        return new Order(rs.getLong("id"), rs.getLong("customer_id"), rs.getLong("owner_id"),
                (Long) rs.getObject("team_id"), OrderStatus.valueOf(rs.getString("status")),
                rs.getDate("order_date").toLocalDate(), due == null ? null : due.toLocalDate(), rs.getString("currency"),
                lines, rs.getBigDecimal("total"), rs.getBigDecimal("paid"), rs.getString("notes"), rs.getInt("version"));
    }
}
