package dev.guanxi.crm.marketing.internal;

import java.time.Instant;

/** A segment as listed and shown; {@code memberCount} is known for static segments (frozen members). */
public record SegmentView(long id, String name, String description, boolean dynamic, SegmentRules rules,
                          Long sourceId, Instant frozenAt, Long memberCount, long ownerId, int version,
                          Instant createdAt) {
}
