package dev.guanxi.crm.sales.internal;

import dev.guanxi.crm.sales.LeadStatus;

import java.time.Instant;

/** A lead as shown; personal data masked for roles without the permission. */
public record LeadView(long id, LeadData data, LeadStatus status, String disqualifyReason, long ownerId, Long teamId,
                       Long convertedCustomerId, Long convertedOpportunityId, Instant createdAt, int version,
                       boolean masked) {
}
