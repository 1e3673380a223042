package dev.guanxi.crm.marketing;

import dev.guanxi.crm.customer.CustomerSelection;

import java.util.List;
import java.util.Optional;

/**
 * Membership of segments for campaigns, coupons, messaging and other modules. Dynamic segments are evaluated at
 * the moment of the call; static ones return their frozen members (deleted customers left out). Membership is
 * organization-wide (no per-user visibility): callers act for the organization, e.g. when sending a campaign.
 */
public interface Segments {

    record SegmentInfo(long id, String name, boolean dynamic, Long memberCount) {
    }

    Optional<SegmentInfo> find(long segmentId);

    List<SegmentInfo> all();

    /** Number of members now. */
    long count(long segmentId);

    /** Member customer ids above {@code afterId}, ascending, at most {@code limit} (page with the last id seen). */
    List<Long> customerIds(long segmentId, long afterId, int limit);

    /**
     * The members as a condition over the customers alias {@code c}, to combine with other conditions in
     * {@link CustomerSelection} (e.g. {@code idQuery} for a set-based insert).
     *
     * @throws dev.guanxi.crm.common.NotFoundException for an unknown segment
     */
    CustomerSelection.Sql condition(long segmentId);

    /**
     * Saves the given customers as a new static segment (e.g. a cluster of the analytics module), as the signed-in
     * user, who must be allowed to manage segments; returns its id.
     */
    long saveStatic(String name, String description, java.util.Collection<Long> customerIds);
}
