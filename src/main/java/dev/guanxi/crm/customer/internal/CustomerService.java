package dev.guanxi.crm.customer.internal;

import dev.guanxi.crm.customer.CustomerQuery;
import dev.guanxi.crm.audit.AuditAction;
import dev.guanxi.crm.audit.AuditTrail;
import dev.guanxi.crm.audit.AuditTrail.Change;
import dev.guanxi.crm.common.GenericPlans;
import dev.guanxi.crm.common.ConflictException;
import dev.guanxi.crm.common.FieldProblem;
import dev.guanxi.crm.common.InvalidInputException;
import dev.guanxi.crm.common.Masking;
import dev.guanxi.crm.common.NotFoundException;
import dev.guanxi.crm.common.KeptJson;
import dev.guanxi.crm.common.PageResult;
import dev.guanxi.crm.customer.Settlement;
import dev.guanxi.crm.customer.TimelineEntry;
import dev.guanxi.crm.identity.CurrentUser;
import dev.guanxi.crm.identity.Permission;
import dev.guanxi.crm.identity.UserDirectory;
import dev.guanxi.crm.identity.UserSummary;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Use cases on customers and contacts: visibility, permissions, rules, audit and timeline in one place. */
@Service
public class CustomerService {

    static final String ENTITY = "customer";
    static final String CONTACT_ENTITY = "contact";

    private final Customers customers;
    private final Contacts contacts;
    private final Timeline timeline;
    private final AuditTrail audit;
    private final UserDirectory users;
    private final Duplicates duplicates;
    private final CustomerListCache lists;

    CustomerService(Customers customers, Contacts contacts, Timeline timeline, AuditTrail audit, UserDirectory users,
                    Duplicates duplicates, CustomerListCache lists) {
        this.duplicates = duplicates;
        this.lists = lists;
        this.customers = customers;
        this.contacts = contacts;
        this.timeline = timeline;
        this.audit = audit;
        this.users = users;
    }

    @Transactional(readOnly = true)
    public PageResult<CustomerView> search(CustomerQuery query, CustomerSort sort, int page, int size) {
        return search(query, sort, page, size, true, null);
    }

    /**
     * One page numbered {@code page} (counted), or with {@code after} the page after that cursor (from the
     * {@code next} of an earlier page; not counted, at any depth).
     */
    @Transactional(readOnly = true)
    public PageResult<CustomerView> search(CustomerQuery query, CustomerSort sort, int page, int size, String after) {
        return search(query, sort, page, size, true, after);
    }

    /** The capped number of customers matching the query that the signed-in user may see. */
    @Transactional(readOnly = true)
    public PageResult<Void> count(CustomerQuery query) {
        CurrentUser user = CurrentUser.get();
        long total = lists.count(query, user, () -> customers.count(query, user));
        return new PageResult<>(List.of(), 1, 1, false, Math.min(total, PageResult.COUNT_CAP),
                total > PageResult.COUNT_CAP);
    }

    /** One page; {@code countTotal} false leaves the total to a separate {@link #count} (lists load it later). */
    @Transactional(readOnly = true)
    public PageResult<CustomerView> search(CustomerQuery query, CustomerSort sort, int page, int size,
                                           boolean countTotal) {
        return search(query, sort, page, size, countTotal, null);
    }

    /**
     * {@link #search(CustomerQuery, CustomerSort, int, int, String)} as the API's JSON body: a kept page (and its
     * masking) is serialized once, not on every request that shows it.
     */
    @Transactional(readOnly = true)
    public KeptJson<PageResult<CustomerView>> searchJson(CustomerQuery query, CustomerSort sort, int page, int size,
                                                         String after) {
        CurrentUser user = CurrentUser.get();
        CustomerListCache.NamedPage named = named(query, sort, page, size, true, after, user);
        return named.json().computeIfAbsent(masks(user), mask -> new KeptJson<>(views(named, user)));
    }

    private PageResult<CustomerView> search(CustomerQuery query, CustomerSort sort, int page, int size,
                                            boolean countTotal, String after) {
        CurrentUser user = CurrentUser.get();
        return views(named(query, sort, page, size, countTotal, after, user), user);
    }

    private CustomerListCache.NamedPage named(CustomerQuery query, CustomerSort sort, int page, int size,
                                              boolean countTotal, String after, CurrentUser user) {
        PageResult.checkRequest(page, size);
        CustomerCursor cursor = cursor(query, sort, page, size, after);
        return lists.page(query, user, sort, page, size, countTotal, cursor,
                () -> named(customers.search(query, user, sort, page, size, countTotal, cursor)));
    }

    private static PageResult<CustomerView> views(CustomerListCache.NamedPage named, CurrentUser user) {
        return named.rows().map(r -> view(r, user, named.ownerNames().get(r.ownerId()),
                r.teamId() == null ? null : named.teamNames().get(r.teamId())));
    }

    /** The decoded {@code after} cursor, or null for a page by number (which may not go past the counted matches). */
    private static CustomerCursor cursor(CustomerQuery query, CustomerSort sort, int page, int size, String after) {
        if (after != null && !after.isBlank()) {
            if (page != 1) {
                throw new InvalidInputException("after", "validation.cursor-with-page");
            }
            return CustomerCursor.decode(after, CustomerCursor.Order.of(sort, query.showDeleted()));
        }
        if (page > PageResult.COUNT_CAP / size + 1) {
            throw new InvalidInputException("page", "validation.page-too-deep");
        }
        return null;
    }

    /** A page of customers with the names of their owners and teams. */
    private CustomerListCache.NamedPage named(PageResult<CustomerRecord> rows) {
        Set<Long> owners = new HashSet<>();
        Set<Long> teams = new HashSet<>();
        rows.items().forEach(r -> {
            owners.add(r.ownerId());
            if (r.teamId() != null) {
                teams.add(r.teamId());
            }
        });
        return new CustomerListCache.NamedPage(rows, users.displayNames(owners), users.teamNames(teams));
    }

    /**
     * For a page that reads one customer's records by id (the 360 page, with the other modules' panels) in one
     * transaction: its statements' plans do not depend on the id, so they may be reused ({@link GenericPlans}).
     */
    @Transactional(readOnly = true)
    public void readingOneCustomer() {
        customers.reuseGenericPlans();
    }

    @Transactional(readOnly = true)
    public CustomerView get(long id) {
        CurrentUser user = CurrentUser.get();
        CustomerRecord r = visible(id, user);
        return view(r, user, users.displayNames(List.of(r.ownerId())).get(r.ownerId()),
                r.teamId() == null ? null : users.teamNames(List.of(r.teamId())).get(r.teamId()));
    }

    @Transactional
    public long create(CustomerData input) {
        CurrentUser user = CurrentUser.get();
        requireEdit(user);
        CustomerData d = input.normalized();
        UserSummary owner = resolveOwner(d.ownerId(), user);
        check(d);
        long id = customers.insert(d, owner.id(), owner.teamId());
        duplicates.check(List.of(id));
        Map<String, Change> changes = diff(null, d);
        audit.record(ENTITY, id, AuditAction.CREATE, changes, d.name());
        timeline.add(new TimelineEntry(id, Instant.now(), "CUSTOMER_CREATED", "customer", "created:" + id,
                d.name(), null, user.displayName()));
        return id;
    }

    @Transactional
    public void update(long id, int expectedVersion, CustomerData input) {
        CurrentUser user = CurrentUser.get();
        CustomerRecord current = visible(id, user);
        requireEdit(user);
        if (current.deleted()) {
            throw new ConflictException("Customer " + id + " is deleted; restore it before editing.");
        }
        CustomerData d = input.normalized();
        Long requestedOwner = d.ownerId() == null ? current.ownerId() : d.ownerId();
        UserSummary owner = requestedOwner == current.ownerId()
                ? users.find(current.ownerId()).orElseThrow() : resolveOwner(requestedOwner, user);
        check(d);
        Long teamId = owner.id() == current.ownerId() ? current.teamId() : owner.teamId();
        if (current.version() != expectedVersion
                || !customers.update(id, expectedVersion, d, owner.id(), teamId)) {
            throw stale("Customer", id);
        }
        duplicates.check(List.of(id));
        Map<String, Change> changes = diff(current.data(), d);
        changes.remove("ownerId");
        if (owner.id() != current.ownerId()) {
            changes.put("owner", new Change(current.ownerId(), owner.id()));
        }
        if (!changes.isEmpty()) {
            long auditId = audit.record(ENTITY, id, AuditAction.UPDATE, changes, d.name());
            timeline.add(new TimelineEntry(id, Instant.now(), "CUSTOMER_UPDATED", "customer", "audit:" + auditId,
                    String.join(", ", changes.keySet()), null, user.displayName()));
        }
    }

    @Transactional
    public void delete(long id, int expectedVersion) {
        setDeleted(id, expectedVersion, true);
    }

    @Transactional
    public void restore(long id, int expectedVersion) {
        setDeleted(id, expectedVersion, false);
    }

    private void setDeleted(long id, int expectedVersion, boolean deleted) {
        CurrentUser user = CurrentUser.get();
        CustomerRecord current = visible(id, user);
        requireEdit(user);
        if (current.deleted() == deleted) {
            throw new ConflictException("Customer " + id + (deleted ? " is already deleted." : " is not deleted."));
        }
        if (current.version() != expectedVersion || !customers.markDeleted(id, expectedVersion, deleted)) {
            throw stale("Customer", id);
        }
        AuditAction action = deleted ? AuditAction.DELETE : AuditAction.RESTORE;
        long auditId = audit.record(ENTITY, id, action, Map.of("deleted", new Change(!deleted, deleted)),
                current.data().name());
        timeline.add(new TimelineEntry(id, Instant.now(), deleted ? "CUSTOMER_DELETED" : "CUSTOMER_RESTORED",
                "customer", "audit:" + auditId, current.data().name(), null, user.displayName()));
    }

    @Transactional(readOnly = true)
    public List<ContactView> contacts(long customerId) {
        CurrentUser user = CurrentUser.get();
        visible(customerId, user);
        boolean mask = !user.can(Permission.VIEW_PERSONAL_DATA);
        return contacts.ofCustomer(customerId).stream().map(c -> contactView(c, mask)).toList();
    }

    @Transactional(readOnly = true)
    public ContactView contact(long customerId, long contactId) {
        CurrentUser user = CurrentUser.get();
        visible(customerId, user);
        return contacts.find(customerId, contactId)
                .map(c -> contactView(c, !user.can(Permission.VIEW_PERSONAL_DATA)))
                .orElseThrow(() -> new NotFoundException("Contact", contactId));
    }

    @Transactional
    public long addContact(long customerId, ContactData input) {
        CurrentUser user = CurrentUser.get();
        CustomerRecord customer = visible(customerId, user);
        requireEdit(user);
        if (customer.deleted()) {
            throw new ConflictException("Customer " + customerId + " is deleted; restore it before adding contacts.");
        }
        ContactData d = input.normalized();
        long id = contacts.insert(customerId, d);
        if (Boolean.TRUE.equals(d.primary())) {
            contacts.clearPrimary(customerId, id);
        }
        audit.record(CONTACT_ENTITY, id, AuditAction.CREATE, diff(null, d), d.name() + " @ customer " + customerId);
        timeline.add(new TimelineEntry(customerId, Instant.now(), "CONTACT_ADDED", "customer", "contact:" + id,
                d.name(), d.title(), user.displayName()));
        return id;
    }

    @Transactional
    public void updateContact(long customerId, long contactId, int expectedVersion, ContactData input) {
        CurrentUser user = CurrentUser.get();
        visible(customerId, user);
        requireEdit(user);
        Contacts.Stored current = contacts.find(customerId, contactId)
                .orElseThrow(() -> new NotFoundException("Contact", contactId));
        ContactData d = input.normalized();
        if (current.version() != expectedVersion || !contacts.update(contactId, expectedVersion, d)) {
            throw stale("Contact", contactId);
        }
        if (Boolean.TRUE.equals(d.primary())) {
            contacts.clearPrimary(customerId, contactId);
        }
        Map<String, Change> changes = diff(current.data(), d);
        if (!changes.isEmpty()) {
            audit.record(CONTACT_ENTITY, contactId, AuditAction.UPDATE, changes, d.name() + " @ customer " + customerId);
        }
    }

    @Transactional
    public void deleteContact(long customerId, long contactId, int expectedVersion) {
        CurrentUser user = CurrentUser.get();
        visible(customerId, user);
        requireEdit(user);
        Contacts.Stored current = contacts.find(customerId, contactId)
                .orElseThrow(() -> new NotFoundException("Contact", contactId));
        if (current.version() != expectedVersion || !contacts.delete(contactId, expectedVersion)) {
            throw stale("Contact", contactId);
        }
        audit.record(CONTACT_ENTITY, contactId, AuditAction.DELETE, Map.of(),
                current.data().name() + " @ customer " + customerId);
    }

    @Transactional(readOnly = true)
    public List<TimelineEntry> timeline(long customerId, int limit) {
        visible(customerId, CurrentUser.get());
        return timeline.recent(customerId, limit);
    }

    /** Users the current user may make owner of a customer: anyone for admins, their teams otherwise. */
    @Transactional(readOnly = true)
    public List<UserSummary> assignableOwners() {
        CurrentUser user = CurrentUser.get();
        return users.activeUsers().stream().filter(user::mayAssignTo).toList();
    }

    private CustomerRecord visible(long id, CurrentUser user) {
        return customers.find(id, user).orElseThrow(() -> new NotFoundException("Customer", id));
    }

    public static void requireEdit(CurrentUser user) {
        if (!user.can(Permission.EDIT_CUSTOMERS)) {
            throw new AccessDeniedException("Role " + user.role() + " may not change customers");
        }
    }

    private UserSummary resolveOwner(Long ownerId, CurrentUser user) {
        if (ownerId == null || ownerId == user.id()) {
            return users.find(user.id()).orElseThrow();
        }
        UserSummary owner = users.find(ownerId).filter(user::mayAssignTo)
                .orElseThrow(() -> new InvalidInputException("ownerId", "validation.owner"));
        return owner;
    }

    /** Rules beyond single-field validation. */
    static void check(CustomerData d) {
        List<FieldProblem> problems = ruleProblems(d);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    /** What breaks the rules beyond single-field validation; empty when the data is fine. */
    static List<FieldProblem> ruleProblems(CustomerData d) {
        List<FieldProblem> problems = new ArrayList<>();
        if (d.settlement() == Settlement.CREDIT) {
            if (d.creditLimit() == null) {
                problems.add(new FieldProblem("creditLimit", "validation.credit-limit-required"));
            }
            if (d.creditTerms() == null) {
                problems.add(new FieldProblem("creditTerms", "validation.credit-terms-required"));
            }
        }
        d.customFields().keySet().forEach(key -> {
            if (!key.matches("[A-Za-z0-9_\\-\\p{IsHan}]{1,40}")) {
                problems.add(new FieldProblem("customFields", "validation.custom-field-key"));
            }
        });
        return problems;
    }

    private static ConflictException stale(String entity, long id) {
        return new ConflictException(entity + " " + id + " was changed by someone else since you loaded it "
                + "(version mismatch). Reload it and apply your change again.");
    }

    /** Whether this viewer sees personal data masked (DOMAIN §7). */
    private static boolean masks(CurrentUser user) {
        return !user.can(Permission.VIEW_PERSONAL_DATA);
    }

    private static CustomerView view(CustomerRecord r, CurrentUser user, String ownerName, String teamName) {
        boolean mask = masks(user);
        CustomerData d = mask ? masked(r.data()) : r.data();
        return new CustomerView(r.id(), d, r.ownerId(), ownerName, r.teamId(), teamName, r.version(), r.createdAt(),
                r.updatedAt(), r.deletedAt(), mask);
    }

    /** The data with phone, e-mail, ID number and address masked (DOMAIN §7). */
    static CustomerData masked(CustomerData d) {
        return new CustomerData(d.kind(), d.name(), d.customerType(), d.valueTier(), d.loyaltyStatus(),
                d.settlement(), d.creditTerms(), d.creditLimit(), d.lifecycleStage(), d.relationshipLevel(),
                d.industry(), d.occupation(), d.birthDate(), d.gender(), d.province(), d.city(), d.district(),
                Masking.address(d.address()), d.source(), d.tags(), Masking.phone(d.phone()),
                Masking.email(d.email()), Masking.idNumber(d.idNumber()), d.notes(), d.customFields(),
                d.ownerId());
    }

    private static ContactView contactView(Contacts.Stored c, boolean mask) {
        ContactData d = c.data();
        if (mask) {
            d = new ContactData(d.name(), d.title(), d.role(), Masking.phone(d.phone()), Masking.email(d.email()),
                    d.primary(), d.notes());
        }
        return new ContactView(c.id(), c.customerId(), d, c.version(), mask);
    }

    /** Field name → (old, new) for every record component that differs; all set fields when {@code before} is null. */
    static <T extends Record> Map<String, Change> diff(T before, T after) {
        Map<String, Change> changes = new LinkedHashMap<>();
        for (RecordComponent component : after.getClass().getRecordComponents()) {
            try {
                Object newValue = component.getAccessor().invoke(after);
                Object oldValue = before == null ? null : component.getAccessor().invoke(before);
                if (newValue instanceof java.math.BigDecimal a && oldValue instanceof java.math.BigDecimal b
                        && a.compareTo(b) == 0) {
                    continue;
                }
                if (isEmpty(newValue) && isEmpty(oldValue)) {
                    continue;
                }
                if (!Objects.equals(oldValue, newValue)) {
                    changes.put(component.getName(), new Change(oldValue, newValue));
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return changes;
    }

    static boolean isEmpty(Object value) {
        return value == null || (value instanceof java.util.Collection<?> c && c.isEmpty())
                || (value instanceof Map<?, ?> m && m.isEmpty()) || Boolean.FALSE.equals(value);
    }
}
