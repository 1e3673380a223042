package dev.guanxi.crm.customer.internal;

import java.time.Instant;

/** A stored customer: its data plus identity, ownership and bookkeeping. */
public record CustomerRecord(long id, CustomerData data, long ownerId, Long teamId, int version, Instant createdAt,
                             Instant updatedAt, Instant deletedAt) {

    public boolean deleted() {
        return deletedAt != null;
    }
}
