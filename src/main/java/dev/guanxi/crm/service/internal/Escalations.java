package dev.guanxi.crm.service.internal;

import dev.guanxi.crm.activity.NotificationRequested;
import dev.guanxi.crm.audit.AuditAction;
import dev.guanxi.crm.audit.AuditTrail;
import dev.guanxi.crm.audit.AuditTrail.Change;
import dev.guanxi.crm.identity.Role;
import dev.guanxi.crm.identity.TeamSummary;
import dev.guanxi.crm.identity.UserDirectory;
import dev.guanxi.crm.identity.UserSummary;
import dev.guanxi.crm.service.BreachKind;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Automatic escalation (自动升级). Each run records new SLA breaches of unresolved tickets and escalates each breach
 * once: the breaches of a ticket, in deadline order, escalate to level 1 (the manager of the ticket's team) and then
 * level 2 (identity knows no hierarchy above team managers, so level 2 is every active admin and manager). A ticket
 * without a team manager goes straight to the level-2 people.
 *
 * <p>The claim is the unique key (ticket, breach kind, level) of ticket_escalations with INSERT ... ON CONFLICT DO
 * NOTHING: two runs racing (two instances, or a run overlapping the next) insert the same rows, one of them wins,
 * and only the winner's rows are notified. Notifications are published as events in the claiming transaction.
 */
@Service
public class Escalations {

    /** One escalation this run claimed, and whom it notified. */
    public record Claimed(long ticketId, BreachKind kind, int level, List<Long> notified) {
    }

    private record Row(long id, long ticketId, BreachKind kind, int level, String subject, Long teamId, Instant deadline) {
    }

    private final JdbcClient jdbc;
    private final UserDirectory users;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;

    Escalations(JdbcClient jdbc, UserDirectory users, AuditTrail audit, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.users = users;
        this.audit = audit;
        this.events = events;
    }

    @Transactional
    public List<Claimed> run() {
        // rows are written in key order so that racing runs wait on each other instead of deadlocking
        jdbc.sql("""
                INSERT INTO ticket_breaches (ticket_id, kind, deadline)
                SELECT id, kind, deadline FROM (
                  SELECT id, 'FIRST_RESPONSE' AS kind, first_response_due AS deadline FROM tickets
                  WHERE first_response_at IS NULL AND resolved_at IS NULL AND first_response_due < now()
                  UNION ALL
                  SELECT id, 'RESOLUTION', resolution_due FROM tickets
                  WHERE resolved_at IS NULL AND resolution_due < now()) due
                ORDER BY id, kind
                ON CONFLICT (ticket_id, kind) DO NOTHING""").update();
        List<Row> claimed = jdbc.sql("""
                        WITH claimed AS (
                          INSERT INTO ticket_escalations (ticket_id, breach_kind, level)
                          SELECT ticket_id, kind, lvl FROM (
                            SELECT b.ticket_id, b.kind,
                                   least(2, row_number() OVER (PARTITION BY b.ticket_id ORDER BY b.deadline, b.kind))::int AS lvl
                            FROM ticket_breaches b JOIN tickets t ON t.id = b.ticket_id AND t.resolved_at IS NULL) x
                          WHERE NOT EXISTS (SELECT 1 FROM ticket_escalations e
                                            WHERE e.ticket_id = x.ticket_id AND e.breach_kind = x.kind)
                          ORDER BY ticket_id, kind
                          ON CONFLICT (ticket_id, breach_kind, level) DO NOTHING
                          RETURNING id, ticket_id, breach_kind, level)
                        SELECT c.id, c.ticket_id, c.breach_kind, c.level, t.subject, t.team_id, b.deadline
                        FROM claimed c JOIN tickets t ON t.id = c.ticket_id
                        JOIN ticket_breaches b ON b.ticket_id = c.ticket_id AND b.kind = c.breach_kind
                        ORDER BY c.ticket_id, c.level""")
                .query((rs, n) -> new Row(rs.getLong("id"), rs.getLong("ticket_id"),
                        BreachKind.valueOf(rs.getString("breach_kind")), rs.getInt("level"), rs.getString("subject"),
                        rs.getObject("team_id", Long.class), rs.getTimestamp("deadline").toInstant())).list();
        if (claimed.isEmpty()) {
            return List.of();
        }
        List<TeamSummary> teams = users.teams();
        List<Long> managers = users.activeUsers().stream()
                .filter(u -> u.role() == Role.ADMIN || u.role() == Role.MANAGER).map(UserSummary::id).toList();
        List<Claimed> result = new ArrayList<>();
        for (Row r : claimed) {
            Set<Long> notify = new LinkedHashSet<>();
            if (r.level() == 1 && r.teamId() != null) {
                teams.stream().filter(t -> t.id() == r.teamId() && t.managerId() != null)
                        .forEach(t -> notify.add(t.managerId()));
            }
            if (notify.isEmpty()) {
                notify.addAll(managers);
            }
            jdbc.sql("UPDATE ticket_escalations SET notified = CAST(:ids AS bigint[]) WHERE id = :id")
                    .param("ids", notify.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}")))
                    .param("id", r.id()).update();
            int before = jdbc.sql("SELECT escalation_level FROM tickets WHERE id = ? FOR UPDATE").param(r.ticketId())
                    .query(Integer.class).single();
            if (r.level() > before) {
                jdbc.sql("UPDATE tickets SET escalation_level = ? WHERE id = ?").params(r.level(), r.ticketId()).update();
                audit.record("ticket", r.ticketId(), AuditAction.UPDATE,
                        java.util.Map.of("escalationLevel", new Change(before, r.level())),
                        "Escalated: " + r.kind() + " breached");
            }
            String what = r.kind() == BreachKind.FIRST_RESPONSE ? "First response overdue 首次响应超时"
                    : "Resolution overdue 解决超时";
            for (long userId : notify) {
                events.publishEvent(new NotificationRequested(userId, "TICKET_ESCALATED",
                        "ticket:" + r.ticketId() + ":breach:" + r.kind() + ":" + r.level(),
                        "#" + r.ticketId() + " " + r.subject(),
                        what + " · level " + r.level() + " · deadline " + r.deadline(),
                        "/service/tickets/" + r.ticketId(), "Ticket escalated 工单升级"));
            }
            result.add(new Claimed(r.ticketId(), r.kind(), r.level(), List.copyOf(notify)));
        }
        return result;
    }
}
