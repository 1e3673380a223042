package dev.guanxi.crm.audit.web;

import java.time.Instant;

/** One line of the audit page. */
public record AuditEntryView(long id, Instant occurredAt, String actorName, String entityType, String entityId,
                             String action, String changes, String summary) {
}
