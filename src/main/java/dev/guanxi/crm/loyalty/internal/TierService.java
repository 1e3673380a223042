package dev.guanxi.crm.loyalty.internal;

import dev.guanxi.crm.audit.AuditAction;
import dev.guanxi.crm.audit.AuditTrail;
import dev.guanxi.crm.audit.AuditTrail.Change;
import dev.guanxi.crm.common.ConflictException;
import dev.guanxi.crm.common.InvalidInputException;
import dev.guanxi.crm.common.NotFoundException;
import dev.guanxi.crm.customer.TimelineEntry;
import dev.guanxi.crm.loyalty.TierBasis;
import dev.guanxi.crm.loyalty.TierChanged;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Member tiers (会员等级): definitions, and the evaluation that puts each member in the highest active tier whose
 * rule it meets within the tier's rolling period (spend or points earned, refunds deducted). A change is applied only
 * if the member still holds the tier the evaluation started from, so a payment and the nightly job evaluating the
 * same member at once record the change once.
 */
@Service
public class TierService {

    public record Tier(long id, String nameEn, String nameZh, TierBasis basis, BigDecimal threshold, int periodMonths,
                       String benefits, int rank, BigDecimal pointsMultiplier, boolean active, int version) {

        public String name(java.util.Locale locale) {
            return locale != null && "zh".equals(locale.getLanguage()) ? nameZh : nameEn;
        }
    }

    public record TierData(
            @NotBlank(message = "{validation.required}") @Size(max = 60, message = "{validation.size.max}") String nameEn,
            @NotBlank(message = "{validation.required}") @Size(max = 60, message = "{validation.size.max}") String nameZh,
            @NotNull(message = "{validation.required}") TierBasis basis,
            @NotNull(message = "{validation.required}") @DecimalMin(value = "0", message = "{validation.not-negative}")
            @Digits(integer = 16, fraction = 2, message = "{validation.money}") BigDecimal threshold,
            @NotNull(message = "{validation.required}") @Min(value = 1, message = "{loyalty.validation.period}")
            @Max(value = 120, message = "{loyalty.validation.period}") Integer periodMonths,
            @Size(max = 1000, message = "{validation.size.max}") String benefits,
            @NotNull(message = "{validation.required}") @Min(value = 1, message = "{loyalty.validation.rank}")
            @Max(value = 100, message = "{loyalty.validation.rank}") Integer rank,
            @DecimalMin(value = "0.01", message = "{validation.positive}") @Digits(integer = 4, fraction = 2,
                    message = "{loyalty.validation.multiplier}") BigDecimal pointsMultiplier,
            Boolean active) {

        TierData normalized() {
            return new TierData(nameEn.strip(), nameZh.strip(), basis, threshold, periodMonths,
                    benefits == null || benefits.isBlank() ? null : benefits.strip(), rank,
                    pointsMultiplier == null ? BigDecimal.ONE : pointsMultiplier, active == null || active);
        }
    }

    /** One change of a member's tier as the history shows it. */
    public record HistoryEntry(Long fromTierId, Long toTierId, Instant changedAt, String cause, String reason) {
    }

    /** A change found by an evaluation, not yet applied. */
    record TierMove(long customerId, Long fromTierId, Long toTierId, BigDecimal measure, TierBasis basis) {
    }

    private static final String COLUMNS = "id, name_en, name_zh, basis, threshold, period_months, benefits, rank, "
            + "points_multiplier, active, version";

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;

    TierService(JdbcClient jdbc, AuditTrail audit, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.events = events;
    }

    // ---- definitions

    @Transactional(readOnly = true)
    public List<Tier> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM loyalty_tiers ORDER BY active DESC, rank, id").query(Tier.class).list();
    }

    @Transactional(readOnly = true)
    public Tier get(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM loyalty_tiers WHERE id = ?").param(id).query(Tier.class).optional()
                .orElseThrow(() -> new NotFoundException("Tier", id));
    }

    @Transactional
    public long create(TierData input) {
        LoyaltyAccess.requireConfigure();
        TierData d = input.normalized();
        checkRank(d, null);
        long id = jdbc.sql("""
                        INSERT INTO loyalty_tiers (name_en, name_zh, basis, threshold, period_months, benefits, rank,
                          points_multiplier, active) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(d.nameEn(), d.nameZh(), d.basis().name(), d.threshold(), d.periodMonths(), d.benefits(),
                        d.rank(), d.pointsMultiplier(), d.active())
                .query(Long.class).single();
        audit.record("loyalty-tier", id, AuditAction.CREATE, Map.of("name", new Change(null, d.nameEn()),
                "threshold", new Change(null, d.threshold())), d.nameZh());
        return id;
    }

    @Transactional
    public void update(long id, int version, TierData input) {
        LoyaltyAccess.requireConfigure();
        Tier current = get(id);
        TierData d = input.normalized();
        checkRank(d, id);
        int n = jdbc.sql("""
                        UPDATE loyalty_tiers SET name_en = ?, name_zh = ?, basis = ?, threshold = ?, period_months = ?,
                          benefits = ?, rank = ?, points_multiplier = ?, active = ?, version = version + 1
                        WHERE id = ? AND version = ?""")
                .params(d.nameEn(), d.nameZh(), d.basis().name(), d.threshold(), d.periodMonths(), d.benefits(),
                        d.rank(), d.pointsMultiplier(), d.active(), id, version)
                .update();
        if (n != 1) {
            throw new ConflictException("Tier " + id + " was changed meanwhile (version " + current.version()
                    + "). Reload it.");
        }
        audit.record("loyalty-tier", id, AuditAction.UPDATE, Map.of(
                "threshold", new Change(current.threshold(), d.threshold()),
                "active", new Change(current.active(), d.active())), d.nameEn());
    }

    private void checkRank(TierData d, Long exceptId) {
        if (d.active() && jdbc.sql("SELECT EXISTS (SELECT 1 FROM loyalty_tiers WHERE active AND rank = ? AND id <> ?)")
                .params(d.rank(), exceptId == null ? -1L : exceptId).query(Boolean.class).single()) {
            throw new InvalidInputException("rank", "loyalty.validation.rank-taken");
        }
    }

    // ---- members

    /** The points multiplier of the customer's current tier (1 without a tier). */
    BigDecimal multiplier(long customerId) {
        return jdbc.sql("""
                        SELECT t.points_multiplier FROM loyalty_members m JOIN loyalty_tiers t ON t.id = m.tier_id
                        WHERE m.customer_id = ?""")
                .param(customerId).query(BigDecimal.class).optional().orElse(BigDecimal.ONE);
    }

    Optional<Tier> current(long customerId) {
        return jdbc.sql("""
                        SELECT t.id, t.name_en, t.name_zh, t.basis, t.threshold, t.period_months, t.benefits, t.rank,
                               t.points_multiplier, t.active, t.version
                        FROM loyalty_members m JOIN loyalty_tiers t ON t.id = m.tier_id WHERE m.customer_id = ?""")
                .param(customerId).query(Tier.class).optional();
    }

    List<HistoryEntry> history(long customerId) {
        return jdbc.sql("""
                        SELECT from_tier_id, to_tier_id, changed_at, cause, reason FROM loyalty_tier_history
                        WHERE customer_id = ? ORDER BY changed_at DESC, id DESC LIMIT 50""")
                .param(customerId)
                .query((rs, n) -> new HistoryEntry((Long) rs.getObject(1), (Long) rs.getObject(2),
                        rs.getTimestamp(3).toInstant(), rs.getString(4), rs.getString(5)))
                .list();
    }

    /** Re-evaluates one member; returns the change applied, if any. */
    @Transactional
    public Optional<TierMove> evaluate(long customerId, String cause, LocalDate today) {
        return changes(customerId, today).stream().filter(c -> apply(c, cause)).findFirst();
    }

    /** Re-evaluates every member (the nightly job); returns how many changed tier. */
    @Transactional
    public int evaluateAll(String cause, LocalDate today) {
        return (int) changes(null, today).stream().filter(c -> apply(c, cause)).count();
    }

    /** Members whose current tier differs from the one their figures qualify for (all members, or one). */
    private List<TierMove> changes(Long customerId, LocalDate today) {
        return jdbc.sql("""
                        WITH desired AS (
                          SELECT DISTINCT ON (m.customer_id) m.customer_id, t.id AS tier_id, t.basis,
                                 CASE WHEN t.basis = 'SPEND' THEN coalesce(sum(l.amount), 0)
                                      ELSE coalesce(sum(l.points), 0) END AS measure
                          FROM loyalty_members m CROSS JOIN loyalty_tiers t
                          LEFT JOIN points_ledger l ON l.customer_id = m.customer_id AND l.kind IN ('EARN','REVERSAL')
                               AND l.occurred_on > CAST(:today AS date) - make_interval(months => t.period_months)
                          WHERE t.active AND (CAST(:cid AS bigint) IS NULL OR m.customer_id = :cid)
                          GROUP BY m.customer_id, t.id
                          HAVING (CASE WHEN t.basis = 'SPEND' THEN coalesce(sum(l.amount), 0)
                                       ELSE coalesce(sum(l.points), 0) END) >= t.threshold
                          ORDER BY m.customer_id, t.rank DESC)
                        SELECT m.customer_id, m.tier_id AS from_tier_id, d.tier_id AS to_tier_id, d.measure, d.basis
                        FROM loyalty_members m LEFT JOIN desired d ON d.customer_id = m.customer_id
                        WHERE (CAST(:cid AS bigint) IS NULL OR m.customer_id = :cid)
                          AND m.tier_id IS DISTINCT FROM d.tier_id""")
                .param("today", today).param("cid", customerId)
                .query((rs, n) -> new TierMove(rs.getLong(1), (Long) rs.getObject(2), (Long) rs.getObject(3),
                        rs.getBigDecimal(4), rs.getString(5) == null ? null : TierBasis.valueOf(rs.getString(5))))
                .list();
    }

    private boolean apply(TierMove c, String cause) {
        int n = jdbc.sql("""
                        UPDATE loyalty_members SET tier_id = ?, tier_since = now()
                        WHERE customer_id = ? AND tier_id IS NOT DISTINCT FROM ?""")
                .params(c.toTierId(), c.customerId(), c.fromTierId()).update();
        if (n != 1) {
            return false;
        }
        String reason = c.basis() == null ? null : c.basis().name() + " " + c.measure().stripTrailingZeros().toPlainString();
        long historyId = jdbc.sql("""
                        INSERT INTO loyalty_tier_history (customer_id, from_tier_id, to_tier_id, cause, reason)
                        VALUES (?, ?, ?, ?, ?) RETURNING id""")
                .params(c.customerId(), c.fromTierId(), c.toTierId(), cause, reason).query(Long.class).single();
        String from = name(c.fromTierId());
        String to = name(c.toTierId());
        events.publishEvent(new TimelineEntry(c.customerId(), Instant.now(), "TIER_CHANGED", "loyalty",
                "tier:" + historyId, from + " → " + to, reason, "系统 System"));
        events.publishEvent(new TierChanged(c.customerId(), c.fromTierId(), c.toTierId(), cause));
        return true;
    }

    private String name(Long tierId) {
        if (tierId == null) {
            return "—";
        }
        return jdbc.sql("SELECT name_zh || ' ' || name_en FROM loyalty_tiers WHERE id = ?").param(tierId)
                .query(String.class).single();
    }
}
