package dev.guanxi.crm.sales.internal;

import dev.guanxi.crm.identity.CurrentUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

@Repository
class Quotes {

    private final JdbcClient jdbc;

    Quotes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(long customerId, Long opportunityId, long ownerId, Long teamId, LocalDate validUntil, String notes,
                List<OrderLine> lines, BigDecimal total) {
        long id = jdbc.sql("""
                        INSERT INTO quotes (customer_id, opportunity_id, owner_id, team_id, quote_date, valid_until, total, notes)
                        VALUES (?, ?, ?, ?, current_date, ?, ?, ?) RETURNING id""")
                .params(customerId, opportunityId, ownerId, teamId, validUntil == null ? null : Date.valueOf(validUntil),
                        total, notes)
                .query(Long.class).single();
        for (OrderLine l : lines) {
            jdbc.sql("""
                            INSERT INTO quote_lines (quote_id, line_no, product_id, product_name, quantity, unit_price,
                              discount_pct, tax_pct, line_total) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(id, l.lineNo(), l.productId(), l.productName(), l.quantity(), l.unitPrice(),
                            l.discountPct(), l.taxPct(), l.total())
                    .update();
        }
        return id;
    }

    record Row(long id, long customerId, Long opportunityId, long ownerId, Long teamId, String status,
               LocalDate quoteDate, LocalDate validUntil, BigDecimal total, String notes, Long orderId, int version) {
    }

    Optional<Row> find(long id, CurrentUser user) {
        CurrentUser.SqlCondition visible = user.visibility("owner_id", "team_id");
        return jdbc.sql("SELECT id, customer_id, opportunity_id, owner_id, team_id, status, quote_date, valid_until, "
                        + "total, notes, order_id, version FROM quotes WHERE id = :id AND " + visible.sql())
                .param("id", id).params(visible.params())
                .query((rs, n) -> new Row(rs.getLong(1), rs.getLong(2), (Long) rs.getObject(3), rs.getLong(4),
                        (Long) rs.getObject(5), rs.getString(6), rs.getDate(7).toLocalDate(),
                        rs.getDate(8) == null ? null : rs.getDate(8).toLocalDate(), rs.getBigDecimal(9),
                        rs.getString(10), (Long) rs.getObject(11), rs.getInt(12)))
                .optional();
    }

    List<Row> recent(Long customerId, CurrentUser user, int limit) {
        CurrentUser.SqlCondition visible = user.visibility("owner_id", "team_id");
        return jdbc.sql("SELECT id, customer_id, opportunity_id, owner_id, team_id, status, quote_date, valid_until, "
                        + "total, notes, order_id, version FROM quotes WHERE " + visible.sql()
                        + (customerId == null ? "" : " AND customer_id = :customerId")
                        + " ORDER BY quote_date DESC, id DESC LIMIT " + limit)
                .params(visible.params()).params(customerId == null ? java.util.Map.of() : java.util.Map.of("customerId", customerId))
                .query((rs, n) -> new Row(rs.getLong(1), rs.getLong(2), (Long) rs.getObject(3), rs.getLong(4),
                        (Long) rs.getObject(5), rs.getString(6), rs.getDate(7).toLocalDate(),
                        rs.getDate(8) == null ? null : rs.getDate(8).toLocalDate(), rs.getBigDecimal(9),
                        rs.getString(10), (Long) rs.getObject(11), rs.getInt(12)))
                .list();
    }

    List<OrderLine> lines(long quoteId) {
        return jdbc.sql("""
                        SELECT line_no, product_id, product_name, quantity, unit_price, discount_pct, tax_pct
                        FROM quote_lines WHERE quote_id = ? ORDER BY line_no""")
                .param(quoteId)
                .query((rs, n) -> new OrderLine(rs.getInt(1), rs.getLong(2), rs.getString(3), rs.getBigDecimal(4),
                        rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getBigDecimal(7)))
                .list();
    }

    boolean setStatus(long id, int version, String from, String to, Long orderId) {
        return jdbc.sql("""
                        UPDATE quotes SET status = ?, order_id = coalesce(?, order_id), version = version + 1,
                          updated_at = now()
                        WHERE id = ? AND version = ? AND status = ?""")
                .params(to, orderId, id, version, from).update() == 1;
    }
}
