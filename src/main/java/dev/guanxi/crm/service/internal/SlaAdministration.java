package dev.guanxi.crm.service.internal;

import dev.guanxi.crm.audit.AuditAction;
import dev.guanxi.crm.audit.AuditTrail;
import dev.guanxi.crm.audit.AuditTrail.Change;
import dev.guanxi.crm.common.ConflictException;
import dev.guanxi.crm.common.InvalidInputException;
import dev.guanxi.crm.common.NotFoundException;
import dev.guanxi.crm.identity.CurrentUser;
import dev.guanxi.crm.identity.Role;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/** Reading and (for admins and managers) changing SLA policies and the business calendar, audited. */
@Service
public class SlaAdministration {

    private final SlaSettings settings;
    private final AuditTrail audit;

    SlaAdministration(SlaSettings settings, AuditTrail audit) {
        this.settings = settings;
        this.audit = audit;
    }

    public static boolean mayEdit(CurrentUser user) {
        return user.role() == Role.ADMIN || user.role() == Role.MANAGER;
    }

    @Transactional(readOnly = true)
    public List<SlaPolicy> policies() {
        return settings.policies();
    }

    @Transactional(readOnly = true)
    public CalendarSettings calendar() {
        return settings.settings();
    }

    /** Sets the times of (priority, tier), adding a tier's own policy when it has none yet. */
    @Transactional
    public SlaPolicy savePolicy(SlaPolicy p) {
        checkEditor();
        SlaPolicy before = settings.policyFor(p.priority(), p.valueTier())
                .filter(x -> x.valueTier() == p.valueTier()).orElse(null);
        long id = settings.save(p);
        audit.record("sla_policy", id, before == null ? AuditAction.CREATE : AuditAction.UPDATE, Map.of(
                "firstResponseMinutes", new Change(before == null ? null : before.firstResponseMinutes(), p.firstResponseMinutes()),
                "resolutionMinutes", new Change(before == null ? null : before.resolutionMinutes(), p.resolutionMinutes())),
                p.priority() + (p.valueTier() == null ? "" : " " + p.valueTier()));
        return settings.policy(id).orElseThrow();
    }

    @Transactional
    public void deletePolicy(long id) {
        checkEditor();
        SlaPolicy p = settings.policy(id).orElseThrow(() -> new NotFoundException("SLA policy", id));
        if (p.valueTier() == null) {
            throw new ConflictException("The default policy of a priority cannot be deleted; change its times instead.");
        }
        settings.deleteTierPolicy(id);
        audit.record("sla_policy", id, AuditAction.DELETE, Map.of(), p.priority() + " " + p.valueTier());
    }

    /** Replaces the calendar (working days, hours, zone and the list of holidays) when {@code version} is current. */
    @Transactional
    public CalendarSettings saveCalendar(CalendarSettings c) {
        checkEditor();
        try {
            ZoneId.of(c.zone());
        } catch (DateTimeException e) {
            throw new InvalidInputException("zone", "sla.validation.zone");
        }
        if (!c.dayEnd().isAfter(c.dayStart())) {
            throw new InvalidInputException("dayEnd", "sla.validation.hours");
        }
        if (c.holidays() != null && new HashSet<>(c.holidays().stream().map(CalendarSettings.Holiday::day).toList())
                .size() != c.holidays().size()) {
            throw new InvalidInputException("holidays", "sla.validation.holiday-twice");
        }
        CalendarSettings before = settings.settings();
        if (!settings.saveCalendar(c)) {
            throw new ConflictException("The business calendar was changed by someone else since you loaded it "
                    + "(version mismatch). Reload it and apply your change again.");
        }
        audit.record("business_calendar", 1, AuditAction.UPDATE, Map.of(
                "workDays", new Change(before.workDays(), c.workDays()),
                "hours", new Change(before.dayStart() + "-" + before.dayEnd(), c.dayStart() + "-" + c.dayEnd()),
                "holidays", new Change(before.holidays().size(), c.holidays() == null ? before.holidays().size() : c.holidays().size())),
                c.zone());
        return settings.settings();
    }

    private static void checkEditor() {
        if (!mayEdit(CurrentUser.get())) {
            throw new AccessDeniedException("Only admins and managers change SLA policies and the business calendar");
        }
    }
}
