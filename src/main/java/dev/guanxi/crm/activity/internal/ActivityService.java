package dev.guanxi.crm.activity.internal;

import dev.guanxi.crm.activity.ActivityType;
import dev.guanxi.crm.audit.AuditAction;
import dev.guanxi.crm.audit.AuditTrail;
import dev.guanxi.crm.audit.AuditTrail.Change;
import dev.guanxi.crm.common.ConflictException;
import dev.guanxi.crm.common.InvalidInputException;
import dev.guanxi.crm.common.NotFoundException;
import dev.guanxi.crm.common.PageResult;
import dev.guanxi.crm.customer.CustomerDirectory;
import dev.guanxi.crm.sales.OpportunityDirectory;
import dev.guanxi.crm.customer.CustomerSummary;
import dev.guanxi.crm.customer.TimelineEntry;
import dev.guanxi.crm.identity.CurrentUser;
import dev.guanxi.crm.identity.UserDirectory;
import dev.guanxi.crm.identity.UserSummary;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Use cases of activities: log, edit, complete, delete, list and calendar, with audit and timeline entries. */
@Service
public class ActivityService {

    public static final int PAGE_SIZE = 25;

    private final Activities activities;
    private final CustomerDirectory customers;
    private final UserDirectory users;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final ZoneId zone;
    private final MessageSource messages;
    private final OpportunityDirectory opportunities;

    ActivityService(Activities activities, CustomerDirectory customers, UserDirectory users, AuditTrail audit,
                    ApplicationEventPublisher events, @Value("${guanxi.activity.zone:Asia/Shanghai}") ZoneId zone,
                    MessageSource messages, OpportunityDirectory opportunities) {
        this.opportunities = opportunities;
        this.activities = activities;
        this.customers = customers;
        this.users = users;
        this.audit = audit;
        this.events = events;
        this.zone = zone;
        this.messages = messages;
    }

    /** The time zone in which days, weeks and months of lists and the calendar begin. */
    public ZoneId zone() {
        return zone;
    }

    @Transactional
    public long create(ActivityData d) {
        CurrentUser user = CurrentUser.get();
        CustomerSummary customer = customer(d.customerId());
        checkLinks(d, customer.id());
        UserSummary owner = owner(d.ownerId(), user);
        long id = activities.insert(d, owner.id(), owner.teamId(), user.id());
        audit.record("activity", id, AuditAction.CREATE, Map.of("type", new Change(null, d.type()),
                "subject", new Change(null, d.subject().strip()), "ownerId", new Change(null, owner.id())), d.subject());
        events.publishEvent(new TimelineEntry(customer.id(), Instant.now(), "ACTIVITY_LOGGED", "activity",
                "activity:" + id, d.subject().strip(), typeLabel(d.type()), user.displayName()));
        return id;
    }

    @Transactional(readOnly = true)
    public Activity get(long id) {
        Activity a = activities.find(id, CurrentUser.get()).orElseThrow(() -> new NotFoundException("Activity", id));
        return withNames(List.of(a)).get(0);
    }

    @Transactional
    public void update(long id, int version, ActivityData d) {
        CurrentUser user = CurrentUser.get();
        Activity current = get(id);
        if (current.customerId() != d.customerId()) {
            throw new InvalidInputException("customerId", "validation.activity.customer-fixed");
        }
        checkLinks(d, current.customerId());
        UserSummary owner = owner(d.ownerId() == null ? current.ownerId() : d.ownerId(), user);
        if (current.version() != version || !activities.update(id, version, d, owner.id(), owner.teamId())) {
            throw stale(id);
        }
        Map<String, Change> changes = new LinkedHashMap<>();
        change(changes, "type", current.type(), d.type());
        change(changes, "subject", current.subject(), d.subject().strip());
        change(changes, "dueAt", current.dueAt(), d.dueAt());
        change(changes, "durationMinutes", current.durationMinutes(), d.durationMinutes());
        change(changes, "ownerId", current.ownerId(), owner.id());
        audit.record("activity", id, AuditAction.UPDATE, changes, d.subject());
    }

    @Transactional
    public void complete(long id, int version) {
        CurrentUser user = CurrentUser.get();
        Activity a = get(id);
        if (a.done()) {
            throw new ConflictException("Activity " + id + " is already done.");
        }
        if (a.version() != version || !activities.complete(id, version)) {
            throw stale(id);
        }
        audit.record("activity", id, AuditAction.UPDATE, Map.of("done", new Change(false, true)), a.subject());
        events.publishEvent(new TimelineEntry(a.customerId(), Instant.now(), "ACTIVITY_COMPLETED", "activity",
                "activity:" + id, a.subject(), typeLabel(a.type()), user.displayName()));
    }

    @Transactional
    public void delete(long id, int version) {
        Activity a = get(id);
        if (a.version() != version || !activities.delete(id, version)) {
            throw stale(id);
        }
        audit.record("activity", id, AuditAction.DELETE, Map.of(), a.subject());
    }

    @Transactional(readOnly = true)
    public PageResult<Activity> search(ActivityQuery q) {
        CurrentUser user = CurrentUser.get();
        Instant from = q.getFrom() == null ? null : q.getFrom().atStartOfDay(zone).toInstant();
        Instant to = q.getTo() == null ? null : q.getTo().plusDays(1).atStartOfDay(zone).toInstant();
        int page = q.getPage();
        List<Activity> rows = activities.search(q, from, to, user, PAGE_SIZE + 1, (page - 1) * PAGE_SIZE);
        boolean hasNext = rows.size() > PAGE_SIZE;
        List<Activity> items = withNames(hasNext ? rows.subList(0, PAGE_SIZE) : rows);
        long total = hasNext || page > 1 ? activities.count(q, from, to, user, PageResult.COUNT_CAP + 1)
                : items.size();
        return new PageResult<>(items, page, PAGE_SIZE, hasNext, Math.min(total, PageResult.COUNT_CAP),
                total > PageResult.COUNT_CAP);
    }

    /** Activities due on the days [first, last] of one user or one team, as the calendar shows them. */
    @Transactional(readOnly = true)
    public List<Activity> calendar(LocalDate first, LocalDate last, Long ownerId, Long teamId) {
        return withNames(activities.due(first.atStartOfDay(zone).toInstant(),
                last.plusDays(1).atStartOfDay(zone).toInstant(), ownerId, teamId, CurrentUser.get()));
    }

    private List<Activity> withNames(List<Activity> rows) {
        Set<Long> customerIds = new HashSet<>();
        Set<Long> ownerIds = new HashSet<>();
        rows.forEach(a -> {
            customerIds.add(a.customerId());
            ownerIds.add(a.ownerId());
        });
        if (rows.isEmpty()) {
            return rows;
        }
        Map<Long, String> customerNames = customers.names(customerIds);
        Map<Long, String> ownerNames = users.displayNames(ownerIds);
        return rows.stream().map(a -> a.withNames(customerNames.get(a.customerId()), ownerNames.get(a.ownerId())))
                .toList();
    }

    private CustomerSummary customer(Long customerId) {
        return customers.findVisible(customerId).filter(c -> !c.deleted())
                .orElseThrow(() -> new InvalidInputException("customerId", "validation.customer"));
    }

    /** The contact and opportunity an activity names must be the customer's own. */
    private void checkLinks(ActivityData d, long customerId) {
        if (d.contactId() != null && !customers.hasContact(customerId, d.contactId())) {
            throw new InvalidInputException("contactId", "validation.activity.contact");
        }
        if (d.opportunityId() != null
                && !opportunities.customerOf(d.opportunityId()).filter(c -> c == customerId).isPresent()) {
            throw new InvalidInputException("opportunityId", "validation.activity.opportunity");
        }
    }

    private UserSummary owner(Long ownerId, CurrentUser user) {
        long id = ownerId == null ? user.id() : ownerId;
        return users.find(id).filter(user::mayAssignTo)
                .orElseThrow(() -> new InvalidInputException("ownerId", "validation.activity.owner"));
    }

    /** The timeline stores text, not keys: the type in both languages, e.g. "Call 电话". */
    private String typeLabel(ActivityType type) {
        String key = "enum.ActivityType." + type.name();
        return messages.getMessage(key, null, type.name(), Locale.ENGLISH) + " "
                + messages.getMessage(key, null, type.name(), Locale.SIMPLIFIED_CHINESE);
    }

    private static void change(Map<String, Change> changes, String field, Object from, Object to) {
        if (!Objects.equals(from, to)) {
            changes.put(field, new Change(from, to));
        }
    }

    private static ConflictException stale(long id) {
        return new ConflictException("Activity " + id + " was changed by someone else since you loaded it "
                + "(version mismatch). Reload it and apply your change again.");
    }
}
