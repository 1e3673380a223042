package dev.guanxi.crm.loyalty.internal;

import dev.guanxi.crm.common.PageResult;
import dev.guanxi.crm.identity.CurrentUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Read models of the loyalty pages: a member's tier and history, tier sizes, the member list. */
@Service
public class LoyaltyQueries {

    public record MemberTier(long customerId, TierService.Tier current, Instant since, List<TierService.HistoryEntry> history) {
    }

    public record TierSize(long tierId, long members) {
    }

    public record Member(long customerId, String name, Long tierId, Instant tierSince, long balance) {
    }

    private final JdbcClient jdbc;
    private final TierService tiers;
    private final PointsService points;

    LoyaltyQueries(JdbcClient jdbc, TierService tiers, PointsService points) {
        this.jdbc = jdbc;
        this.tiers = tiers;
        this.points = points;
    }

    @Transactional(readOnly = true)
    public MemberTier memberTier(long customerId) {
        points.visible(customerId);
        Instant since = jdbc.sql("SELECT tier_since FROM loyalty_members WHERE customer_id = ?").param(customerId)
                .query((rs, n) -> rs.getTimestamp(1) == null ? null : rs.getTimestamp(1).toInstant()).optional()
                .orElse(null);
        return new MemberTier(customerId, tiers.current(customerId).orElse(null), since, tiers.history(customerId));
    }

    /** Members per tier id (all members, regardless of visibility: programme figures). */
    @Transactional(readOnly = true)
    public Map<Long, Long> tierSizes() {
        Map<Long, Long> sizes = new java.util.HashMap<>();
        jdbc.sql("SELECT tier_id, count(*) FROM loyalty_members WHERE tier_id IS NOT NULL GROUP BY tier_id")
                .query((rs, n) -> sizes.put(rs.getLong(1), rs.getLong(2))).list();
        return sizes;
    }

    /**
     * Members the signed-in user may see, optionally of one tier, newest in their tier first. Reads the customers
     * table for names and visibility (a read model; the customer module owns that table).
     */
    @Transactional(readOnly = true)
    public PageResult<Member> members(Long tierId, int page, int size) {
        PageResult.checkRequest(page, size);
        CurrentUser.SqlCondition vis = CurrentUser.get().visibility("c.owner_id", "c.team_id");
        List<Member> rows = jdbc.sql("""
                        SELECT m.customer_id, c.name, m.tier_id, m.tier_since,
                               (SELECT coalesce(sum(points), 0) FROM points_ledger l WHERE l.customer_id = m.customer_id)
                        FROM loyalty_members m JOIN customers c ON c.id = m.customer_id AND c.deleted_at IS NULL
                        WHERE (CAST(:tier AS bigint) IS NULL OR m.tier_id = :tier) AND\s""" + vis.sql()
                        + " ORDER BY m.tier_since DESC NULLS LAST, m.customer_id DESC LIMIT :limit OFFSET :offset")
                .params(vis.params()).param("tier", tierId).param("limit", size + 1).param("offset", (page - 1) * size)
                .query((rs, n) -> new Member(rs.getLong(1), rs.getString(2), (Long) rs.getObject(3),
                        rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant(), rs.getLong(5)))
                .list();
        return PageResult.fromProbe(rows, page, size);
    }

    /** Points outstanding across all members, and the number of members. */
    public record Totals(long outstanding, long members) {
    }

    @Transactional(readOnly = true)
    public Totals totals() {
        return jdbc.sql("SELECT (SELECT coalesce(sum(points), 0) FROM points_ledger), (SELECT count(*) FROM loyalty_members)")
                .query((rs, n) -> new Totals(rs.getLong(1), rs.getLong(2))).single();
    }
}
