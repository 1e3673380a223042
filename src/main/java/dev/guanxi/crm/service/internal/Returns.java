package dev.guanxi.crm.service.internal;

import dev.guanxi.crm.identity.CurrentUser;
import dev.guanxi.crm.sales.OrderLedger.LineFacts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** After-sales requests in PostgreSQL; reads are filtered by the user's visibility of the customer's owner/team. */
@Repository
class Returns {

    private static final String COLUMNS = """
            id, return_type, status, order_id, order_line_id, order_number, line_no, product_name, customer_id,
            owner_id, team_id, quantity, amount, currency, reason, reject_reason, resellable, inspection_note,
            refunded_amount, refund_payment_id, created_at, decided_at, goods_returned_at, inspected_at, closed_at,
            version""";

    private final JdbcClient jdbc;

    Returns(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(ReturnType type, LineFacts line, BigDecimal quantity, BigDecimal amount, String reason,
                long requestedBy) {
        return jdbc.sql("""
                        INSERT INTO return_requests (return_type, status, order_id, order_line_id, order_number, line_no,
                          product_name, customer_id, owner_id, team_id, quantity, amount, currency, reason, requested_by)
                        VALUES (?, 'REQUESTED', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(type.name(), line.orderId(), line.orderLineId(), line.orderNumber(), line.lineNo(),
                        line.productName(), line.customerId(), line.ownerId(), line.teamId(), quantity, amount,
                        line.currency(), reason, requestedBy)
                .query(Long.class).single();
    }

    Optional<ReturnRequest> find(long id, CurrentUser user) {
        CurrentUser.SqlCondition visible = user.visibility("owner_id", "team_id");
        return jdbc.sql("SELECT " + COLUMNS + " FROM return_requests WHERE id = :id AND " + visible.sql())
                .param("id", id).params(visible.params()).query(Returns::map).optional();
    }

    /** One step: writes the new status and the step's columns when status and version are still as read. */
    boolean step(ReturnRequest r, ReturnStatus to, Map<String, Object> columns) {
        StringBuilder set = new StringBuilder("status = :to, version = version + 1, updated_at = now()");
        columns.keySet().forEach(c -> set.append(", ").append(c).append(" = :").append(c));
        return jdbc.sql("UPDATE return_requests SET " + set
                        + " WHERE id = :id AND status = :from AND version = :version")
                .params(columns).param("to", to.name()).param("id", r.id()).param("from", r.status().name())
                .param("version", r.version()).update() == 1;
    }

    record Query(ReturnStatus status, ReturnType type, Long customerId) {
    }

    /** One page (+1 row to tell whether more follow), newest first. */
    List<ReturnRequest> search(Query q, CurrentUser user, int limit, int offset) {
        CurrentUser.SqlCondition visible = user.visibility("owner_id", "team_id");
        List<String> where = new ArrayList<>(List.of(visible.sql()));
        Map<String, Object> params = new LinkedHashMap<>(visible.params());
        if (q.status() != null) {
            where.add("status = :status");
            params.put("status", q.status().name());
        }
        if (q.type() != null) {
            where.add("return_type = :type");
            params.put("type", q.type().name());
        }
        if (q.customerId() != null) {
            where.add("customer_id = :customerId");
            params.put("customerId", q.customerId());
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM return_requests WHERE " + String.join(" AND ", where)
                        + " ORDER BY created_at DESC, id DESC LIMIT " + limit + " OFFSET " + offset)
                .params(params).query(Returns::map).list();
    }

    /** Requests still open (not rejected, refunded or exchanged) per status, for the sub-navigation badges. */
    Map<ReturnStatus, Long> openCounts(CurrentUser user) {
        CurrentUser.SqlCondition visible = user.visibility("owner_id", "team_id");
        Map<ReturnStatus, Long> counts = new LinkedHashMap<>();
        jdbc.sql("SELECT status, count(*) FROM return_requests WHERE status IN ('REQUESTED','APPROVED',"
                        + "'GOODS_RETURNED','INSPECTED') AND " + visible.sql() + " GROUP BY status")
                .params(visible.params())
                .query((rs, n) -> counts.put(ReturnStatus.valueOf(rs.getString(1)), rs.getLong(2))).list();
        return counts;
    }

    private static ReturnRequest map(ResultSet rs, int n) throws SQLException {
        long id = rs.getLong("id");
        ReturnType type = ReturnType.valueOf(rs.getString("return_type"));
        ReturnStatus status = ReturnStatus.valueOf(rs.getString("status"));
        return new ReturnRequest(id, ReturnRequest.number(id), type, status, rs.getLong("order_id"),
                rs.getLong("order_line_id"), rs.getString("order_number"), rs.getInt("line_no"),
                rs.getString("product_name"), rs.getLong("customer_id"), null, rs.getLong("owner_id"),
                (Long) rs.getObject("team_id"), rs.getBigDecimal("quantity"), rs.getBigDecimal("amount"),
                rs.getString("currency"), rs.getString("reason"), rs.getString("reject_reason"),
                (Boolean) rs.getObject("resellable"), rs.getString("inspection_note"),
                rs.getBigDecimal("refunded_amount"), (Long) rs.getObject("refund_payment_id"),
                instant(rs, "created_at"), instant(rs, "decided_at"), instant(rs, "goods_returned_at"),
                instant(rs, "inspected_at"), instant(rs, "closed_at"), rs.getInt("version"),
                ReturnFlow.next(type, status));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
