package dev.guanxi.crm.activity.web;

import dev.guanxi.crm.activity.ActivityType;
import dev.guanxi.crm.activity.internal.Activity;
import dev.guanxi.crm.activity.internal.ActivityData;
import org.springframework.format.annotation.DateTimeFormat;

import java.time.LocalDateTime;
import java.time.ZoneId;

/** What the activity form binds (mutable, so that input with type errors is shown back as entered). */
public class ActivityForm {

    private ActivityType type = ActivityType.CALL;
    private Long customerId;
    private Long contactId;
    private Long opportunityId;
    private String subject;
    private String notes;
    @DateTimeFormat(pattern = "yyyy-MM-dd'T'HH:mm", fallbackPatterns = {"yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.SSS"})
    private LocalDateTime dueAt;
    private Integer durationMinutes;
    private Long ownerId;
    private Integer version;

    static ActivityForm of(Activity a, ZoneId zone) {
        ActivityForm f = new ActivityForm();
        f.type = a.type();
        f.customerId = a.customerId();
        f.contactId = a.contactId();
        f.opportunityId = a.opportunityId();
        f.subject = a.subject();
        f.notes = a.notes();
        f.dueAt = a.dueAt() == null ? null : LocalDateTime.ofInstant(a.dueAt(), zone).withSecond(0).withNano(0);
        f.durationMinutes = a.durationMinutes();
        f.ownerId = a.ownerId();
        f.version = a.version();
        return f;
    }

    ActivityData toData(ZoneId zone) {
        return new ActivityData(type, customerId, contactId, opportunityId, subject, notes,
                dueAt == null ? null : dueAt.atZone(zone).toInstant(), durationMinutes, ownerId);
    }

    public ActivityType getType() { return type; }
    public void setType(ActivityType type) { this.type = type; }
    public Long getCustomerId() { return customerId; }
    public void setCustomerId(Long customerId) { this.customerId = customerId; }
    public Long getContactId() { return contactId; }
    public void setContactId(Long contactId) { this.contactId = contactId; }
    public Long getOpportunityId() { return opportunityId; }
    public void setOpportunityId(Long opportunityId) { this.opportunityId = opportunityId; }
    public String getSubject() { return subject; }
    public void setSubject(String subject) { this.subject = subject; }
    public String getNotes() { return notes; }
    public void setNotes(String notes) { this.notes = notes; }
    public LocalDateTime getDueAt() { return dueAt; }
    public void setDueAt(LocalDateTime dueAt) { this.dueAt = dueAt; }
    public Integer getDurationMinutes() { return durationMinutes; }
    public void setDurationMinutes(Integer durationMinutes) { this.durationMinutes = durationMinutes; }
    public Long getOwnerId() { return ownerId; }
    public void setOwnerId(Long ownerId) { this.ownerId = ownerId; }
    public Integer getVersion() { return version; }
    public void setVersion(Integer version) { this.version = version; }
}
