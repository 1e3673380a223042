package dev.guanxi.crm.service.internal;

import dev.guanxi.crm.identity.CurrentUser;
import dev.guanxi.crm.service.TicketPriority;
import dev.guanxi.crm.service.TicketStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;

/**
 * Ticket figures of the service dashboard over the tickets the user sees. Average times are wall-clock hours
 * (created → first response, created → resolved) of tickets opened in the last 90 days.
 */
@Service
public class ServiceDashboard {

    public record Figures(Map<TicketStatus, Map<TicketPriority, Long>> openByStatus, long open, long overdue,
                          long breachesThisWeek, long escalationsThisWeek, Double avgFirstResponseHours,
                          Double avgResolutionHours, LocalDate weekStart) {
    }

    private final JdbcClient jdbc;
    private final SlaSettings sla;

    ServiceDashboard(JdbcClient jdbc, SlaSettings sla) {
        this.jdbc = jdbc;
        this.sla = sla;
    }

    @Transactional(readOnly = true)
    public Figures figures() {
        CurrentUser user = CurrentUser.get();
        Map<String, Object> params = new HashMap<>();
        String vis = Tickets.visibility(user, params);
        Map<TicketStatus, Map<TicketPriority, Long>> byStatus = new EnumMap<>(TicketStatus.class);
        long[] open = {0};
        jdbc.sql("SELECT status, priority, count(*) AS n FROM tickets t WHERE t.closed_at IS NULL AND " + vis
                        + " GROUP BY status, priority")
                .params(params).query((rs, n) -> {
                    long count = rs.getLong("n");
                    open[0] += count;
                    return byStatus.computeIfAbsent(TicketStatus.valueOf(rs.getString("status")),
                                    s -> new EnumMap<>(TicketPriority.class))
                            .put(TicketPriority.valueOf(rs.getString("priority")), count);
                }).list();
        long overdue = jdbc.sql("SELECT count(*) FROM tickets t WHERE t.resolved_at IS NULL AND (t.resolution_due < now()"
                        + " OR (t.first_response_at IS NULL AND t.first_response_due < now())) AND " + vis)
                .params(params).query(Long.class).single();
        ZoneId zone = ZoneId.of(sla.settings().zone());
        LocalDate monday = LocalDate.now(zone).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        params.put("weekStart", java.sql.Timestamp.from(monday.atStartOfDay(zone).toInstant()));
        long breaches = jdbc.sql("SELECT count(*) FROM ticket_breaches b JOIN tickets t ON t.id = b.ticket_id"
                        + " WHERE b.detected_at >= :weekStart AND " + vis)
                .params(params).query(Long.class).single();
        long escalations = jdbc.sql("SELECT count(*) FROM ticket_escalations e JOIN tickets t ON t.id = e.ticket_id"
                        + " WHERE e.escalated_at >= :weekStart AND " + vis)
                .params(params).query(Long.class).single();
        Double[] avg = jdbc.sql("""
                        SELECT CAST(avg(extract(epoch FROM t.first_response_at - t.created_at)) / 3600 AS float8) AS fr,
                               CAST(avg(extract(epoch FROM t.resolved_at - t.created_at)) / 3600 AS float8) AS res
                        FROM tickets t WHERE t.created_at >= now() - interval '90 days' AND """ + " " + vis)
                .params(params).query((rs, n) -> new Double[]{rs.getObject("fr", Double.class),
                        rs.getObject("res", Double.class)}).single();
        return new Figures(byStatus, open[0], overdue, breaches, escalations, avg[0], avg[1], monday);
    }
}
