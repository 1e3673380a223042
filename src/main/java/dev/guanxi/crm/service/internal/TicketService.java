package dev.guanxi.crm.service.internal;

import dev.guanxi.crm.audit.AuditAction;
import dev.guanxi.crm.audit.AuditTrail;
import dev.guanxi.crm.audit.AuditTrail.Change;
import dev.guanxi.crm.common.ConflictException;
import dev.guanxi.crm.common.InvalidInputException;
import dev.guanxi.crm.common.NotFoundException;
import dev.guanxi.crm.common.PageResult;
import dev.guanxi.crm.customer.CustomerDirectory;
import dev.guanxi.crm.customer.CustomerSummary;
import dev.guanxi.crm.customer.TimelineEntry;
import dev.guanxi.crm.identity.CurrentUser;
import dev.guanxi.crm.identity.TeamSummary;
import dev.guanxi.crm.identity.UserDirectory;
import dev.guanxi.crm.identity.UserSummary;
import dev.guanxi.crm.service.TicketClosed;
import dev.guanxi.crm.service.TicketPriority;
import dev.guanxi.crm.service.TicketStatus;
import dev.guanxi.crm.service.TicketType;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Use cases of tickets: open, edit, move through the workflow, comment; with SLA deadlines, audit and timeline. */
@Service
public class TicketService {

    private final Tickets tickets;
    private final SlaSettings sla;
    private final CustomerDirectory customers;
    private final UserDirectory users;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final MessageSource messages;
    private final JdbcClient jdbc;

    TicketService(Tickets tickets, SlaSettings sla, CustomerDirectory customers, UserDirectory users, AuditTrail audit,
                  ApplicationEventPublisher events, MessageSource messages, JdbcClient jdbc) {
        this.tickets = tickets;
        this.sla = sla;
        this.customers = customers;
        this.users = users;
        this.audit = audit;
        this.events = events;
        this.messages = messages;
        this.jdbc = jdbc;
    }

    /** A step of the workflow as requested: the target status, what the step records, and an optional note. */
    public record TransitionRequest(TicketStatus status, TicketState.Step step, String note) {
    }

    @Transactional
    public long open(TicketData d) {
        CurrentUser user = CurrentUser.get();
        CustomerSummary customer = customer(d.customerId());
        checkContact(d);
        Long ownerId = owner(d.ownerId(), user);
        Long teamId = team(d.teamId(), ownerId);
        Instant now = Instant.now();
        Deadlines due = deadlines(d.priority(), customer, now);
        TicketState state = TicketState.opened(d.type());
        long id = tickets.insert(d, state.status(), ownerId, teamId, user.id(), now, due.response(), due.resolution());
        tickets.recordTransition(id, null, state.status(), user.id(), null);
        Map<String, Change> changes = new LinkedHashMap<>();
        changes.put("type", new Change(null, d.type()));
        changes.put("priority", new Change(null, d.priority()));
        changes.put("subject", new Change(null, d.subject().strip()));
        changes.put("customerId", new Change(null, customer.id()));
        if (ownerId != null) {
            changes.put("ownerId", new Change(null, ownerId));
        }
        audit.record("ticket", id, AuditAction.CREATE, changes, d.subject().strip());
        events.publishEvent(new TimelineEntry(customer.id(), now, "TICKET_OPENED", "service", "ticket:" + id,
                "#" + id + " " + d.subject().strip(), label("enum.TicketType." + d.type().name()), user.displayName()));
        return id;
    }

    @Transactional(readOnly = true)
    public Ticket get(long id) {
        Ticket t = tickets.find(id, CurrentUser.get()).orElseThrow(() -> new NotFoundException("Ticket", id));
        return withDetails(List.of(t)).get(0);
    }

    /** The given tickets that the signed-in user sees (others are left out), newest first. */
    @Transactional(readOnly = true)
    public List<Ticket> visible(java.util.Collection<Long> ids) {
        return withDetails(tickets.findAll(ids, CurrentUser.get()));
    }

    @Transactional
    public void update(long id, int version, TicketData d) {
        CurrentUser user = CurrentUser.get();
        Ticket current = get(id);
        if (current.type() != d.type()) {
            throw new InvalidInputException("type", "ticket.validation.type-fixed");
        }
        if (current.customerId() != d.customerId()) {
            throw new InvalidInputException("customerId", "ticket.validation.customer-fixed");
        }
        if (current.status() == TicketStatus.CLOSED) {
            throw new ConflictException("Ticket " + id + " is closed and can no longer be edited.");
        }
        checkContact(d);
        Long ownerId = Objects.equals(d.ownerId(), current.ownerId()) ? current.ownerId() : owner(d.ownerId(), user);
        Long teamId = d.teamId() == null && Objects.equals(ownerId, current.ownerId()) ? current.teamId() : team(d.teamId(), ownerId);
        Instant responseDue = current.firstResponseDue();
        Instant resolutionDue = current.resolutionDue();
        if (current.priority() != d.priority()) {
            // a new priority sets new deadlines, counted from when the ticket was opened
            CustomerSummary customer = customers.findVisible(current.customerId()).orElse(null);
            Deadlines due = deadlines(d.priority(), customer, current.createdAt());
            responseDue = due.response();
            resolutionDue = due.resolution();
        }
        if (current.version() != version
                || !tickets.update(id, version, d, ownerId, teamId, responseDue, resolutionDue)) {
            throw stale(id);
        }
        Map<String, Change> changes = new LinkedHashMap<>();
        change(changes, "channel", current.channel(), d.channel());
        change(changes, "priority", current.priority(), d.priority());
        change(changes, "contactId", current.contactId(), d.contactId());
        change(changes, "subject", current.subject(), d.subject().strip());
        change(changes, "description", current.description(), Tickets.blankToNull(d.description()));
        change(changes, "ownerId", current.ownerId(), ownerId);
        change(changes, "teamId", current.teamId(), teamId);
        audit.record("ticket", id, AuditAction.UPDATE, changes, d.subject().strip());
    }

    /** Moves the ticket one step on; the aggregate ({@link TicketState}) decides whether the step is allowed. */
    @Transactional
    public void transition(long id, int version, TransitionRequest request) {
        CurrentUser user = CurrentUser.get();
        if (request.status() == null) {
            throw new InvalidInputException("status", "ticket.validation.status");
        }
        Ticket current = get(id);
        if (current.version() != version) {
            throw stale(id);
        }
        TicketState next = current.state().moveTo(request.status(), request.step());
        if (!tickets.moveTo(id, version, next, true)) {
            throw stale(id);
        }
        tickets.recordTransition(id, current.status(), next.status(), user.id(), request.note());
        Map<String, Change> changes = new LinkedHashMap<>();
        change(changes, "status", current.status(), next.status());
        change(changes, "keyPoints", current.keyPoints(), next.keyPoints());
        change(changes, "valid", current.valid(), next.valid());
        change(changes, "invalidReason", current.invalidReason(), next.invalidReason());
        change(changes, "cause", current.cause(), next.cause());
        change(changes, "solution", current.solution(), next.solution());
        change(changes, "followUp", current.followUp(), next.followUp());
        audit.record("ticket", id, AuditAction.UPDATE, changes, current.subject());
        if (next.status() == TicketStatus.CLOSED) {
            Instant now = Instant.now();
            events.publishEvent(new TicketClosed(id, current.customerId(), current.contactId(), current.ownerId(),
                    current.teamId(), current.type().name(), now));
            events.publishEvent(new TimelineEntry(current.customerId(), now, "TICKET_CLOSED", "service",
                    "ticket:" + id, "#" + id + " " + current.subject(),
                    label("enum.TicketType." + current.type().name()), user.displayName()));
        }
    }

    @Transactional
    public long comment(long ticketId, String body, boolean customerVisible) {
        CurrentUser user = CurrentUser.get();
        if (body == null || body.isBlank()) {
            throw new InvalidInputException("body", "ticket.validation.comment");
        }
        if (body.length() > 20000) {
            throw new InvalidInputException("body", "ticket.validation.comment-length", 20000);
        }
        Ticket t = get(ticketId);
        long id = jdbc.sql("""
                        INSERT INTO ticket_comments (ticket_id, author_id, body, customer_visible)
                        VALUES (?, ?, ?, ?) RETURNING id""")
                .params(ticketId, user.id(), body.strip(), customerVisible).query(Long.class).single();
        audit.record("ticket", ticketId, AuditAction.UPDATE, Map.of("comment", new Change(null,
                (customerVisible ? "customer-visible " : "internal ") + "#" + id)), t.subject());
        if (customerVisible) {
            tickets.markFirstResponse(ticketId);
            events.publishEvent(new TimelineEntry(t.customerId(), Instant.now(), "TICKET_REPLIED", "service",
                    "ticket-comment:" + id, "#" + ticketId + " " + t.subject(), abbreviate(body.strip()),
                    user.displayName()));
        }
        return id;
    }

    @Transactional(readOnly = true)
    public List<TicketComment> comments(long ticketId) {
        get(ticketId);
        List<TicketComment> rows = jdbc.sql("""
                        SELECT id, ticket_id, author_id, body, customer_visible, created_at FROM ticket_comments
                        WHERE ticket_id = ? ORDER BY created_at, id""")
                .param(ticketId).query((rs, n) -> new TicketComment(rs.getLong("id"), rs.getLong("ticket_id"),
                        rs.getLong("author_id"), null, rs.getString("body"), rs.getBoolean("customer_visible"),
                        rs.getTimestamp("created_at").toInstant())).list();
        Set<Long> authors = new HashSet<>();
        rows.forEach(c -> authors.add(c.authorId()));
        Map<Long, String> names = authors.isEmpty() ? Map.of() : users.displayNames(authors);
        return rows.stream().map(c -> new TicketComment(c.id(), c.ticketId(), c.authorId(), names.get(c.authorId()),
                c.body(), c.customerVisible(), c.createdAt())).toList();
    }

    @Transactional(readOnly = true)
    public TicketHistory history(long ticketId) {
        get(ticketId);
        List<TicketHistory.Transition> transitions = tickets.transitions(ticketId);
        Set<Long> actors = new HashSet<>();
        transitions.forEach(t -> {
            if (t.actorId() != null) {
                actors.add(t.actorId());
            }
        });
        List<TicketHistory.Breach> breaches = jdbc.sql(
                        "SELECT kind, deadline, detected_at FROM ticket_breaches WHERE ticket_id = ? ORDER BY detected_at")
                .param(ticketId).query((rs, n) -> new TicketHistory.Breach(
                        dev.guanxi.crm.service.BreachKind.valueOf(rs.getString("kind")),
                        rs.getTimestamp("deadline").toInstant(), rs.getTimestamp("detected_at").toInstant())).list();
        List<Object[]> raw = jdbc.sql("""
                        SELECT breach_kind, level, escalated_at, notified FROM ticket_escalations
                        WHERE ticket_id = ? ORDER BY escalated_at, level""")
                .param(ticketId).query((rs, n) -> new Object[]{rs.getString("breach_kind"), rs.getInt("level"),
                        rs.getTimestamp("escalated_at").toInstant(), (Object[]) rs.getArray("notified").getArray()}).list();
        for (Object[] r : raw) {
            for (Object u : (Object[]) r[3]) {
                actors.add(((Number) u).longValue());
            }
        }
        Map<Long, String> names = actors.isEmpty() ? Map.of() : users.displayNames(actors);
        List<TicketHistory.Escalation> escalations = raw.stream().map(r -> new TicketHistory.Escalation(
                dev.guanxi.crm.service.BreachKind.valueOf((String) r[0]), (Integer) r[1], (Instant) r[2],
                java.util.Arrays.stream((Object[]) r[3]).map(u -> names.getOrDefault(((Number) u).longValue(), "#" + u))
                        .toList())).toList();
        return new TicketHistory(transitions.stream().map(t -> new TicketHistory.Transition(t.from(), t.to(),
                t.actorId(), t.actorId() == null ? null : names.get(t.actorId()), t.note(), t.at())).toList(),
                breaches, escalations);
    }

    @Transactional(readOnly = true)
    public PageResult<Ticket> search(TicketQuery q, int page, int size) {
        PageResult.checkRequest(page, size);
        PageResult<Ticket> rows = PageResult.fromProbe(tickets.search(q, CurrentUser.get(), size + 1,
                (page - 1) * size), page, size);
        return new PageResult<>(withDetails(rows.items()), rows.page(), rows.size(), rows.hasNext(), rows.total(),
                rows.totalCapped());
    }

    private List<Ticket> withDetails(List<Ticket> rows) {
        if (rows.isEmpty()) {
            return rows;
        }
        Set<Long> customerIds = new HashSet<>();
        Set<Long> ownerIds = new HashSet<>();
        Set<Long> teamIds = new HashSet<>();
        Set<Long> contactIds = new HashSet<>();
        rows.forEach(t -> {
            if (t.contactId() != null) {
                contactIds.add(t.contactId());
            }
            customerIds.add(t.customerId());
            if (t.ownerId() != null) {
                ownerIds.add(t.ownerId());
            }
            if (t.teamId() != null) {
                teamIds.add(t.teamId());
            }
        });
        Map<Long, String> customerNames = customers.names(customerIds);
        // HashMaps: owner and team may be null (unassigned)
        Map<Long, String> ownerNames = new java.util.HashMap<>(ownerIds.isEmpty() ? Map.of() : users.displayNames(ownerIds));
        Map<Long, String> teamNames = new java.util.HashMap<>(teamIds.isEmpty() ? Map.of() : users.teamNames(teamIds));
        Map<Long, String> contactNames = tickets.contactNames(contactIds);
        BusinessCalendar calendar = sla.calendar();
        Instant now = Instant.now();
        return rows.stream().map(t -> t.with(customerNames.get(t.customerId()), contactNames.get(t.contactId()),
                ownerNames.get(t.ownerId()),
                teamNames.get(t.teamId()),
                t.firstResponseAt() == null && t.resolvedAt() == null ? minutesLeft(calendar, now, t.firstResponseDue()) : null,
                t.resolvedAt() == null ? minutesLeft(calendar, now, t.resolutionDue()) : null)).toList();
    }

    /**
     * Business minutes until the deadline; past it, the business minutes overdue, at least one (a deadline passed
     * outside working hours is overdue although no working time has passed since).
     */
    private static long minutesLeft(BusinessCalendar calendar, Instant now, Instant deadline) {
        long minutes = calendar.between(now, deadline).toMinutes();
        return deadline.isBefore(now) ? Math.min(-1, minutes) : minutes;
    }

    record Deadlines(Instant response, Instant resolution) {
    }

    private Deadlines deadlines(TicketPriority priority, CustomerSummary customer, Instant from) {
        BusinessCalendar calendar = sla.calendar();
        SlaPolicy p = sla.policyFor(priority, customer == null ? null : customer.valueTier())
                .orElse(new SlaPolicy(null, priority, null, 9 * 60, 5 * 9 * 60, null));
        return new Deadlines(calendar.plus(from, Duration.ofMinutes(p.firstResponseMinutes())),
                calendar.plus(from, Duration.ofMinutes(p.resolutionMinutes())));
    }

    private CustomerSummary customer(Long customerId) {
        return customers.findVisible(customerId).filter(c -> !c.deleted())
                .orElseThrow(() -> new InvalidInputException("customerId", "validation.customer"));
    }

    private void checkContact(TicketData d) {
        if (d.contactId() != null && !tickets.contactOf(d.contactId(), d.customerId())) {
            throw new InvalidInputException("contactId", "ticket.validation.contact");
        }
    }

    private Long owner(Long ownerId, CurrentUser user) {
        if (ownerId == null) {
            return null;
        }
        return users.find(ownerId).filter(user::mayAssignTo).map(UserSummary::id)
                .orElseThrow(() -> new InvalidInputException("ownerId", "ticket.validation.owner"));
    }

    /** The chosen team, else the owner's team. */
    private Long team(Long teamId, Long ownerId) {
        if (teamId != null) {
            return users.teams().stream().map(TeamSummary::id).filter(teamId::equals).findFirst()
                    .orElseThrow(() -> new InvalidInputException("teamId", "ticket.validation.team"));
        }
        return ownerId == null ? null : users.find(ownerId).map(UserSummary::teamId).orElse(null);
    }

    /** The timeline stores text, not keys: both languages, e.g. "Complaint 投诉". */
    String label(String key) {
        return messages.getMessage(key, null, key, Locale.ENGLISH) + " "
                + messages.getMessage(key, null, key, Locale.SIMPLIFIED_CHINESE);
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 199) + "…";
    }

    private static void change(Map<String, Change> changes, String field, Object from, Object to) {
        if (!Objects.equals(from, to)) {
            changes.put(field, new Change(from, to));
        }
    }

    static ConflictException stale(long id) {
        return new ConflictException("Ticket " + id + " was changed by someone else since you loaded it "
                + "(version mismatch). Reload it and apply your change again.");
    }

    /** Whether this ticket type uses the complaint steps. */
    public static boolean isComplaint(TicketType type) {
        return type == TicketType.COMPLAINT;
    }
}
