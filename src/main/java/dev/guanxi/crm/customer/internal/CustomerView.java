package dev.guanxi.crm.customer.internal;

import java.time.Instant;

/** A customer as shown to one user: personal data masked unless the user may see it. */
public record CustomerView(long id, CustomerData data, long ownerId, String ownerName, Long teamId, String teamName,
                           int version, Instant createdAt, Instant updatedAt, Instant deletedAt, boolean masked) {

    public boolean deleted() {
        return deletedAt != null;
    }
}
