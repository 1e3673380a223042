package dev.guanxi.crm.activity.internal;

import dev.guanxi.crm.activity.ActivityType;
import org.springframework.format.annotation.DateTimeFormat;

import java.time.LocalDate;

/** Filters of the activity list (mutable so that bad filter input is bound and reported, not a 500). */
public class ActivityQuery {

    private ActivityType type;
    private Long ownerId;
    private Long customerId;
    /** "open", "done" or empty for both. */
    private String status;
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate from;
    @DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
    private LocalDate to;
    private int page = 1;

    public ActivityType getType() { return type; }
    public void setType(ActivityType type) { this.type = type; }
    public Long getOwnerId() { return ownerId; }
    public void setOwnerId(Long ownerId) { this.ownerId = ownerId; }
    public Long getCustomerId() { return customerId; }
    public void setCustomerId(Long customerId) { this.customerId = customerId; }
    public String getStatus() { return status; }
    public void setStatus(String status) { this.status = status; }
    public LocalDate getFrom() { return from; }
    public void setFrom(LocalDate from) { this.from = from; }
    public LocalDate getTo() { return to; }
    public void setTo(LocalDate to) { this.to = to; }
    public int getPage() { return Math.max(1, page); }
    public void setPage(int page) { this.page = page; }
}
