package dev.guanxi.crm.service.internal;

import dev.guanxi.crm.common.InvalidInputException;
import dev.guanxi.crm.identity.CurrentUser;
import dev.guanxi.crm.service.ComplaintCause;
import dev.guanxi.crm.service.TicketChannel;
import dev.guanxi.crm.service.TicketPriority;
import dev.guanxi.crm.service.TicketStatus;
import dev.guanxi.crm.service.TicketType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Tickets in PostgreSQL. Visibility: users who see all customers see every ticket; others the tickets they own, of
 * their teams, or of customers they see (read from the customer module's customers table, owner and team).
 */
@Repository
class Tickets {

    static final String COLUMNS = """
            t.id, t.type, t.channel, t.priority, t.status, t.customer_id, t.contact_id, t.subject, t.description,
            t.owner_id, t.team_id, t.created_at, t.first_response_due, t.resolution_due, t.first_response_at,
            t.resolved_at, t.closed_at, t.escalation_level, t.key_points, t.valid, t.invalid_reason, t.cause,
            t.solution, t.follow_up, t.version""";

    private static final Map<String, String> SORTS = Map.of(
            "created", "t.created_at DESC, t.id DESC",
            "priority", "CASE t.priority WHEN 'URGENT' THEN 0 WHEN 'HIGH' THEN 1 WHEN 'NORMAL' THEN 2 ELSE 3 END, t.created_at DESC, t.id DESC",
            "due", "t.resolution_due, t.id",
            "subject", "t.subject, t.id");

    private final JdbcClient jdbc;

    Tickets(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(TicketData d, TicketStatus status, Long ownerId, Long teamId, long createdBy, Instant createdAt,
                Instant responseDue, Instant resolutionDue) {
        return jdbc.sql("""
                        INSERT INTO tickets (type, channel, priority, status, customer_id, contact_id, subject, description,
                          owner_id, team_id, created_by, created_at, first_response_due, resolution_due)
                        VALUES (:type, :channel, :priority, :status, :customer, :contact, :subject, :description, :owner,
                          :team, :createdBy, :createdAt, :responseDue, :resolutionDue) RETURNING id""")
                .param("type", d.type().name()).param("channel", d.channel().name())
                .param("priority", d.priority().name()).param("status", status.name())
                .param("customer", d.customerId()).param("contact", d.contactId())
                .param("subject", d.subject().strip()).param("description", blankToNull(d.description()))
                .param("owner", ownerId).param("team", teamId).param("createdBy", createdBy)
                .param("createdAt", Timestamp.from(createdAt)).param("responseDue", Timestamp.from(responseDue))
                .param("resolutionDue", Timestamp.from(resolutionDue))
                .query(Long.class).single();
    }

    boolean update(long id, int version, TicketData d, Long ownerId, Long teamId, Instant responseDue,
                   Instant resolutionDue) {
        return jdbc.sql("""
                        UPDATE tickets SET channel = :channel, priority = :priority, contact_id = :contact,
                          subject = :subject, description = :description, owner_id = :owner, team_id = :team,
                          first_response_due = :responseDue, resolution_due = :resolutionDue, version = version + 1
                        WHERE id = :id AND version = :version""")
                .param("channel", d.channel().name()).param("priority", d.priority().name())
                .param("contact", d.contactId()).param("subject", d.subject().strip())
                .param("description", blankToNull(d.description())).param("owner", ownerId).param("team", teamId)
                .param("responseDue", Timestamp.from(responseDue)).param("resolutionDue", Timestamp.from(resolutionDue))
                .param("id", id).param("version", version).update() == 1;
    }

    /** Stores a workflow step; the first response, resolution and closing times are set as the new status implies. */
    boolean moveTo(long id, int version, TicketState s, boolean firstResponse) {
        return jdbc.sql("""
                        UPDATE tickets SET status = :status, key_points = :keyPoints, valid = :valid,
                          invalid_reason = :invalidReason, cause = :cause, solution = :solution, follow_up = :followUp,
                          first_response_at = CASE WHEN :firstResponse THEN coalesce(first_response_at, now())
                                                   ELSE first_response_at END,
                          resolved_at = CASE WHEN :resolved THEN coalesce(resolved_at, now()) END,
                          closed_at = CASE WHEN :closed THEN now() END,
                          version = version + 1
                        WHERE id = :id AND version = :version""")
                .param("status", s.status().name()).param("keyPoints", s.keyPoints()).param("valid", s.valid())
                .param("invalidReason", s.invalidReason()).param("cause", s.cause() == null ? null : s.cause().name())
                .param("solution", s.solution()).param("followUp", s.followUp())
                .param("firstResponse", firstResponse).param("resolved", s.status().isResolved())
                .param("closed", s.status() == TicketStatus.CLOSED)
                .param("id", id).param("version", version).update() == 1;
    }

    /** Marks the first response (a customer-visible reply) unless there was one; true when this was the first. */
    boolean markFirstResponse(long id) {
        return jdbc.sql("UPDATE tickets SET first_response_at = now() WHERE id = ? AND first_response_at IS NULL")
                .param(id).update() == 1;
    }

    void recordTransition(long ticketId, TicketStatus from, TicketStatus to, Long actorId, String note) {
        jdbc.sql("INSERT INTO ticket_transitions (ticket_id, from_status, to_status, actor_id, note) VALUES (?, ?, ?, ?, ?)")
                .params(ticketId, from == null ? null : from.name(), to.name(), actorId, blankToNull(note)).update();
    }

    Optional<Ticket> find(long id, CurrentUser user) {
        Map<String, Object> params = new HashMap<>();
        String vis = visibility(user, params);
        return jdbc.sql("SELECT " + COLUMNS + " FROM tickets t WHERE t.id = :id AND " + vis)
                .params(params).param("id", id).query(Tickets::map).optional();
    }

    /** The given tickets the user sees, newest first. */
    List<Ticket> findAll(java.util.Collection<Long> ids, CurrentUser user) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<String, Object> params = new HashMap<>();
        String vis = visibility(user, params);
        return jdbc.sql("SELECT " + COLUMNS + " FROM tickets t WHERE t.id IN (:ids) AND " + vis
                        + " ORDER BY t.created_at DESC, t.id DESC")
                .params(params).param("ids", ids).query(Tickets::map).list();
    }

    /** One page, plus one row telling whether more follow. */
    List<Ticket> search(TicketQuery q, CurrentUser user, int limit, int offset) {
        Map<String, Object> params = new HashMap<>();
        StringBuilder w = new StringBuilder(visibility(user, params));
        if (q.q() != null && !q.q().isBlank()) {
            String text = q.q().strip();
            if (text.matches("#?\\d{1,18}")) {
                w.append(" AND (t.id = :qid OR t.subject ILIKE :qLike ESCAPE '\\')");
                params.put("qid", Long.parseLong(text.replace("#", "")));
            } else {
                w.append(" AND t.subject ILIKE :qLike ESCAPE '\\'");
            }
            params.put("qLike", "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        eq(w, params, "t.status", "status", q.status());
        eq(w, params, "t.type", "type", q.type());
        eq(w, params, "t.priority", "priority", q.priority());
        eq(w, params, "t.owner_id", "owner", q.ownerId());
        eq(w, params, "t.team_id", "team", q.teamId());
        eq(w, params, "t.customer_id", "customer", q.customerId());
        if ("open".equals(q.state())) {
            w.append(" AND t.closed_at IS NULL");
        } else if ("closed".equals(q.state())) {
            w.append(" AND t.closed_at IS NOT NULL");
        } else if (q.state() != null && !q.state().isBlank()) {
            throw new InvalidInputException("state", "ticket.validation.state");
        }
        if (Boolean.TRUE.equals(q.overdue())) {
            w.append(" AND t.resolved_at IS NULL AND (t.resolution_due < now()"
                    + " OR (t.first_response_at IS NULL AND t.first_response_due < now()))");
        }
        String sort = SORTS.get(q.sort() == null || q.sort().isBlank() ? "created" : q.sort());
        if (sort == null) {
            throw new InvalidInputException("sort", "ticket.validation.sort");
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM tickets t WHERE " + w + " ORDER BY " + sort
                        + " LIMIT :limit OFFSET :offset")
                .params(params).param("limit", limit).param("offset", offset).query(Tickets::map).list();
    }

    /** Whether the contact belongs to the customer (contacts of the customer module, not deleted). */
    boolean contactOf(long contactId, long customerId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM contacts WHERE id = ? AND customer_id = ? AND deleted_at IS NULL)")
                .params(contactId, customerId).query(Boolean.class).single();
    }

    /** Names of the given contacts (the customer module's contacts table). */
    Map<Long, String> contactNames(java.util.Collection<Long> ids) {
        Map<Long, String> names = new HashMap<>();
        if (!ids.isEmpty()) {
            jdbc.sql("SELECT id, name FROM contacts WHERE id IN (:ids)").param("ids", ids)
                    .query((rs, n) -> names.put(rs.getLong("id"), rs.getString("name"))).list();
        }
        return names;
    }

    List<TicketHistory.Transition> transitions(long ticketId) {
        return jdbc.sql("SELECT from_status, to_status, actor_id, note, at FROM ticket_transitions WHERE ticket_id = ? ORDER BY at, id")
                .param(ticketId).query((rs, n) -> new TicketHistory.Transition(
                        rs.getString("from_status") == null ? null : TicketStatus.valueOf(rs.getString("from_status")),
                        TicketStatus.valueOf(rs.getString("to_status")), rs.getObject("actor_id", Long.class), null,
                        rs.getString("note"), rs.getTimestamp("at").toInstant())).list();
    }

    static String visibility(CurrentUser user, Map<String, Object> params) {
        if (user.seesAll()) {
            return "TRUE";
        }
        CurrentUser.SqlCondition own = user.visibility("t.owner_id", "t.team_id");
        CurrentUser.SqlCondition customer = user.visibility("c.owner_id", "c.team_id");
        params.putAll(own.params());
        params.putAll(customer.params());
        return "(" + own.sql() + " OR EXISTS (SELECT 1 FROM customers c WHERE c.id = t.customer_id AND "
                + customer.sql() + "))";
    }

    private static void eq(StringBuilder w, Map<String, Object> params, String column, String name, Object value) {
        if (value != null) {
            w.append(" AND ").append(column).append(" = :").append(name);
            params.put(name, value instanceof Enum<?> e ? e.name() : value);
        }
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static Ticket map(ResultSet rs, int row) throws SQLException {
        String cause = rs.getString("cause");
        return new Ticket(rs.getLong("id"), TicketType.valueOf(rs.getString("type")),
                TicketChannel.valueOf(rs.getString("channel")), TicketPriority.valueOf(rs.getString("priority")),
                TicketStatus.valueOf(rs.getString("status")), rs.getLong("customer_id"), null,
                rs.getObject("contact_id", Long.class), null, rs.getString("subject"), rs.getString("description"),
                rs.getObject("owner_id", Long.class), null, rs.getObject("team_id", Long.class), null,
                instant(rs, "created_at"), instant(rs, "first_response_due"), instant(rs, "resolution_due"),
                instant(rs, "first_response_at"), instant(rs, "resolved_at"), instant(rs, "closed_at"),
                rs.getInt("escalation_level"), rs.getString("key_points"), rs.getObject("valid", Boolean.class),
                rs.getString("invalid_reason"), cause == null ? null : ComplaintCause.valueOf(cause),
                rs.getString("solution"), rs.getString("follow_up"), rs.getInt("version"), null, null, null);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
