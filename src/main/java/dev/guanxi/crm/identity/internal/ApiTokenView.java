package dev.guanxi.crm.identity.internal;

import java.time.Instant;

/** An API token as listed on the tokens page; never the token itself. */
public record ApiTokenView(long id, String name, String prefix, Instant createdAt, Instant lastUsedAt, Instant revokedAt) {

    public boolean active() {
        return revokedAt == null;
    }
}
