package dev.guanxi.crm.sales.internal;

import dev.guanxi.crm.audit.AuditAction;
import dev.guanxi.crm.audit.AuditTrail;
import dev.guanxi.crm.audit.AuditTrail.Change;
import dev.guanxi.crm.common.ConflictException;
import dev.guanxi.crm.common.InvalidInputException;
import dev.guanxi.crm.common.Masking;
import dev.guanxi.crm.common.NotFoundException;
import dev.guanxi.crm.customer.CustomerDirectory;
import dev.guanxi.crm.customer.CustomerKind;
import dev.guanxi.crm.customer.CustomerRegistration;
import dev.guanxi.crm.customer.CustomerSummary;
import dev.guanxi.crm.customer.CustomerType;
import dev.guanxi.crm.customer.TimelineEntry;
import dev.guanxi.crm.identity.CurrentUser;
import dev.guanxi.crm.identity.Permission;
import dev.guanxi.crm.identity.UserDirectory;
import dev.guanxi.crm.identity.UserSummary;
import dev.guanxi.crm.sales.LeadStatus;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Leads (潜在客户): capture, assign, qualify or disqualify, and convert without creating duplicate customers. */
@Service
public class LeadService {

    private final Leads leads;
    private final CustomerRegistration registration;
    private final CustomerDirectory customers;
    private final OpportunityService opportunities;
    private final UserDirectory users;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;

    LeadService(Leads leads, CustomerRegistration registration, CustomerDirectory customers,
                OpportunityService opportunities, UserDirectory users, AuditTrail audit,
                ApplicationEventPublisher events) {
        this.leads = leads;
        this.registration = registration;
        this.customers = customers;
        this.opportunities = opportunities;
        this.users = users;
        this.audit = audit;
        this.events = events;
    }

    public record Converted(long customerId, Long contactId, Long opportunityId) {
    }

    @Transactional
    public long create(LeadData input) {
        CurrentUser user = require();
        LeadData d = input.normalized();
        UserSummary owner = owner(d.ownerId(), user);
        long id = leads.insert(d, owner.id(), owner.teamId());
        audit.record("lead", id, AuditAction.CREATE, Map.of("name", new Change(null, d.name()),
                "company", new Change(null, d.company())), d.name());
        return id;
    }

    @Transactional
    public void update(long id, int version, LeadData input) {
        CurrentUser user = require();
        Leads.Row current = row(id, user);
        LeadData d = input.normalized();
        UserSummary owner = d.ownerId() == null || d.ownerId() == current.ownerId()
                ? users.find(current.ownerId()).orElseThrow() : owner(d.ownerId(), user);
        if (current.version() != version || !leads.update(id, version, d, owner.id(), owner.teamId())) {
            throw conflict(id, current.status());
        }
        Map<String, Change> changes = new LinkedHashMap<>();
        if (owner.id() != current.ownerId()) {
            changes.put("owner", new Change(current.ownerId(), owner.id()));
        }
        if (!d.name().equals(current.data().name())) {
            changes.put("name", new Change(current.data().name(), d.name()));
        }
        audit.record("lead", id, AuditAction.UPDATE, changes, d.name());
    }

    @Transactional(readOnly = true)
    public LeadView get(long id) {
        CurrentUser user = CurrentUser.get();
        return view(row(id, user), user);
    }

    @Transactional(readOnly = true)
    public List<LeadView> search(String q, LeadStatus status, Long ownerId, int page, int size) {
        dev.guanxi.crm.common.PageResult.checkRequest(page, size);
        CurrentUser user = CurrentUser.get();
        return leads.search(q, status, ownerId, user, size, (page - 1) * size).stream().map(r -> view(r, user)).toList();
    }

    @Transactional
    public void qualify(long id, int version) {
        CurrentUser user = require();
        Leads.Row lead = row(id, user);
        if (lead.status() != LeadStatus.NEW || lead.version() != version
                || !leads.setStatus(id, version, LeadStatus.QUALIFIED, null)) {
            throw conflict(id, lead.status());
        }
        audit.record("lead", id, AuditAction.UPDATE, Map.of("status", new Change(lead.status(), LeadStatus.QUALIFIED)),
                lead.data().name());
    }

    @Transactional
    public void disqualify(long id, int version, String reason) {
        CurrentUser user = require();
        Leads.Row lead = row(id, user);
        if (reason == null || reason.isBlank()) {
            throw new InvalidInputException("reason", "validation.disqualify-reason");
        }
        if ((lead.status() != LeadStatus.NEW && lead.status() != LeadStatus.QUALIFIED) || lead.version() != version
                || !leads.setStatus(id, version, LeadStatus.DISQUALIFIED, reason.strip())) {
            throw conflict(id, lead.status());
        }
        audit.record("lead", id, AuditAction.UPDATE, Map.of("status", new Change(lead.status(), LeadStatus.DISQUALIFIED),
                "reason", new Change(null, reason.strip())), lead.data().name());
    }

    /** Existing customers the lead probably is (same phone, e-mail or organization). */
    @Transactional(readOnly = true)
    public List<CustomerSummary> matches(long id) {
        Leads.Row lead = row(id, CurrentUser.get());
        return registration.findMatches(lead.data().phone(), lead.data().email(), lead.data().company());
    }

    /**
     * Converts the lead in one transaction: attaches it to {@code customerId} or creates the customer (refused
     * while matching customers exist unless {@code createNew}), adds the person as a contact of an organization,
     * and opens the opportunity when named.
     */
    @Transactional
    public Converted convert(long id, int version, Conversion c, boolean createNew) {
        CurrentUser user = require();
        Leads.Row lead = row(id, user);
        if (lead.status() != LeadStatus.NEW && lead.status() != LeadStatus.QUALIFIED) {
            throw conflict(id, lead.status());
        }
        if (lead.version() != version) {
            throw conflict(id, lead.status());
        }
        LeadData d = lead.data();
        long customerId;
        boolean organization;
        if (c.customerId() != null) {
            CustomerSummary existing = customers.findVisible(c.customerId()).filter(s -> !s.deleted())
                    .orElseThrow(() -> new InvalidInputException("customerId", "validation.customer"));
            customerId = existing.id();
            organization = existing.kind() == CustomerKind.ORGANIZATION;
        } else {
            List<CustomerSummary> matches = registration.findMatches(d.phone(), d.email(), d.company());
            if (!matches.isEmpty() && !createNew) {
                throw new ConflictException("Matching customers exist: " + matches.stream()
                        .map(m -> m.name() + " (#" + m.id() + ")").collect(Collectors.joining(", "))
                        + ". Attach the lead to one of them (customerId) or confirm a new customer (createNew=true).");
            }
            organization = d.company() != null;
            customerId = registration.register(new CustomerRegistration.NewCustomer(
                    organization ? CustomerKind.ORGANIZATION : CustomerKind.PERSON,
                    organization ? d.company() : d.name(), organization ? CustomerType.BUSINESS : CustomerType.CONSUMER,
                    organization ? null : d.phone(), organization ? null : d.email(), d.source()));
        }
        Long contactId = organization ? registration.addContact(customerId,
                new CustomerRegistration.NewContact(d.name(), d.title(), d.phone(), d.email(), c.customerId() == null))
                : null;
        Long opportunityId = null;
        if (c.opportunityName() != null && !c.opportunityName().isBlank()) {
            opportunityId = opportunities.create(new OpportunityData(customerId, c.opportunityName(),
                    c.amount() == null ? BigDecimal.ZERO : c.amount(), c.expectedClose(), null, null, null));
        }
        if (!leads.markConverted(id, version, customerId, contactId, opportunityId)) {
            throw conflict(id, lead.status());
        }
        audit.record("lead", id, AuditAction.UPDATE, Map.of("status", new Change(lead.status(), LeadStatus.CONVERTED),
                "customer", new Change(null, customerId)), d.name());
        events.publishEvent(new TimelineEntry(customerId, Instant.now(), "LEAD_CONVERTED", "sales", "lead:" + id,
                d.name(), d.company(), user.displayName()));
        return new Converted(customerId, contactId, opportunityId);
    }

    private Leads.Row row(long id, CurrentUser user) {
        return leads.find(id, user).orElseThrow(() -> new NotFoundException("Lead", id));
    }

    private UserSummary owner(Long ownerId, CurrentUser user) {
        if (ownerId == null || ownerId == user.id()) {
            return users.find(user.id()).orElseThrow();
        }
        return users.find(ownerId).filter(user::mayAssignTo)
                .orElseThrow(() -> new InvalidInputException("ownerId", "validation.owner"));
    }

    private static LeadView view(Leads.Row r, CurrentUser user) {
        boolean mask = !user.can(Permission.VIEW_PERSONAL_DATA);
        LeadData d = r.data();
        if (mask) {
            d = new LeadData(d.name(), d.company(), d.title(), Masking.phone(d.phone()), Masking.email(d.email()),
                    d.source(), d.notes(), d.ownerId());
        }
        return new LeadView(r.id(), d, r.status(), r.disqualifyReason(), r.ownerId(), r.teamId(),
                r.convertedCustomerId(), r.convertedOpportunityId(), r.createdAt(), r.version(), mask);
    }

    static CurrentUser require() {
        CurrentUser user = CurrentUser.get();
        if (!user.can(Permission.SELL)) {
            throw new AccessDeniedException("Role " + user.role() + " may not work on leads");
        }
        return user;
    }

    private static ConflictException conflict(long id, LeadStatus status) {
        return new ConflictException("Lead " + id + " is " + status + " or was changed by someone else since you "
                + "loaded it; only new or qualified leads can change. Reload it.");
    }
}
