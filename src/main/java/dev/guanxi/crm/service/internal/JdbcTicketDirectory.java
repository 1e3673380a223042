package dev.guanxi.crm.service.internal;

import dev.guanxi.crm.service.OpenComplaints;
import dev.guanxi.crm.service.TicketDirectory;
import dev.guanxi.crm.service.TicketPriority;
import dev.guanxi.crm.service.TicketStatus;
import dev.guanxi.crm.service.TicketSummary;
import dev.guanxi.crm.service.TicketType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The service module's public read API over tickets (no visibility filter, see the interfaces). */
@Component
class JdbcTicketDirectory implements OpenComplaints, TicketDirectory {

    private final JdbcClient jdbc;

    JdbcTicketDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public long count(long customerId) {
        return jdbc.sql("SELECT count(*) FROM tickets WHERE customer_id = ? AND type = 'COMPLAINT' AND closed_at IS NULL")
                .param(customerId).query(Long.class).single();
    }

    @Override
    public Map<Long, Long> counts(Collection<Long> customerIds) {
        Map<Long, Long> counts = new HashMap<>();
        if (customerIds.isEmpty()) {
            return counts;
        }
        jdbc.sql("""
                        SELECT customer_id, count(*) AS n FROM tickets
                        WHERE customer_id IN (:ids) AND type = 'COMPLAINT' AND closed_at IS NULL GROUP BY customer_id""")
                .param("ids", customerIds)
                .query((rs, n) -> counts.put(rs.getLong("customer_id"), rs.getLong("n"))).list();
        return counts;
    }

    @Override
    public Optional<TicketSummary> find(long ticketId) {
        return jdbc.sql("""
                        SELECT id, type, status, priority, subject, customer_id, contact_id, owner_id, team_id, created_at,
                               closed_at FROM tickets WHERE id = ?""")
                .param(ticketId).query((rs, n) -> new TicketSummary(rs.getLong("id"),
                        TicketType.valueOf(rs.getString("type")), TicketStatus.valueOf(rs.getString("status")),
                        TicketPriority.valueOf(rs.getString("priority")), rs.getString("subject"),
                        rs.getLong("customer_id"), rs.getObject("contact_id", Long.class),
                        rs.getObject("owner_id", Long.class), rs.getObject("team_id", Long.class),
                        Tickets.instant(rs, "created_at"), Tickets.instant(rs, "closed_at"))).optional();
    }
}
