package dev.guanxi.crm.loyalty.internal;

import dev.guanxi.crm.audit.AuditAction;
import dev.guanxi.crm.audit.AuditTrail;
import dev.guanxi.crm.audit.AuditTrail.Change;
import dev.guanxi.crm.common.ConflictException;
import dev.guanxi.crm.common.InvalidInputException;
import dev.guanxi.crm.common.NotFoundException;
import dev.guanxi.crm.common.PageResult;
import dev.guanxi.crm.customer.CustomerDirectory;
import dev.guanxi.crm.customer.CustomerSummary;
import dev.guanxi.crm.customer.TimelineEntry;
import dev.guanxi.crm.identity.CurrentUser;
import dev.guanxi.crm.loyalty.PointsEntryKind;
import dev.guanxi.crm.sales.PaymentReceived;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Points (积分): earned on payments exactly once, taken back on refunds, redeemed without overdrawing, adjusted with a
 * reason, expired lot by lot. Every change of a customer's points holds that customer's ledger lock
 * ({@link PointsLedger#lock}), so the balance read before writing stays true; the balance never goes below zero.
 */
@Service
public class PointsService {

    static final String PAYMENT = "payment";

    /** Balance and one page of the ledger, newest first. */
    public record Statement(long customerId, long balance, PageResult<PointsLedger.Entry> entries) {
    }

    private final PointsLedger ledger;
    private final EarningRules rules;
    private final TierService tiers;
    private final CustomerDirectory customers;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final ZoneId zone;
    private final int validMonths;

    PointsService(PointsLedger ledger, EarningRules rules, TierService tiers, CustomerDirectory customers,
                  AuditTrail audit, ApplicationEventPublisher events,
                  @Value("${guanxi.activity.zone:Asia/Shanghai}") ZoneId zone,
                  @Value("${guanxi.loyalty.points-valid-months:24}") int validMonths) {
        this.ledger = ledger;
        this.rules = rules;
        this.tiers = tiers;
        this.customers = customers;
        this.audit = audit;
        this.events = events;
        this.zone = zone;
        this.validMonths = validMonths;
    }

    LocalDate today() {
        return LocalDate.now(zone);
    }

    // ---- payments

    /**
     * Applies a payment (positive: earn) or a refund (negative amount: reversal) once per payment id; a
     * redelivered event writes nothing. Re-evaluates the customer's tier afterwards.
     */
    @Transactional
    public void onPayment(PaymentReceived p) {
        if (p.amount() == null || p.amount().signum() == 0) {
            return;
        }
        // Refunds may come from their own table (ids of another sequence): their key must not clash with payments'.
        String ref = (p.amount().signum() > 0 ? "" : "refund:") + p.paymentId();
        if (ledger.exists(PAYMENT, ref)) {
            return;
        }
        ledger.lock(p.customerId());
        String currency = p.currency() == null ? "CNY" : p.currency();
        LocalDate on = p.receivedOn() == null ? today() : p.receivedOn();
        Optional<Long> id;
        int points;
        if (p.amount().signum() > 0) {
            Optional<EarningRules.Rule> rule = rules.base(currency);
            // Campaign hook: PaymentReceived names no campaign yet. When it does (or the order's coupon tells it),
            // multiply by rules.forCampaign(campaignId).map(Rule::multiplier) here.
            BigDecimal campaignMultiplier = BigDecimal.ONE;
            points = rule.map(r -> PointsMath.earned(p.amount(), r.pointsPerUnit(), r.multiplier(),
                    tiers.multiplier(p.customerId()), campaignMultiplier)).orElse(0);
            id = ledger.insert(new PointsLedger.NewEntry(p.customerId(), PointsEntryKind.EARN, points, PAYMENT, ref, on,
                    on.plusMonths(validMonths), null, p.orderId(), p.amount(), currency, 0,
                    rule.map(EarningRules.Rule::id).orElse(null), null, null, null));
            id.filter(x -> points > 0).ifPresent(x -> timeline(p.customerId(), "POINTS_EARNED", x,
                    "+" + points + " 积分 points", p.amount().toPlainString() + " " + currency, null));
        } else {
            long target = PointsMath.toReverse(p.amount(), ledger.orderPoints(p.orderId()));
            long available = Math.max(0, ledger.balance(p.customerId()));
            int taken = (int) Math.min(target, available);
            int shortfall = (int) (target - taken);
            id = ledger.insert(new PointsLedger.NewEntry(p.customerId(), PointsEntryKind.REVERSAL, -taken, PAYMENT, ref,
                    on, null, null, p.orderId(), p.amount(), currency, shortfall, null,
                    shortfall > 0 ? "shortfall " + shortfall : null, null, null));
            id.filter(x -> target > 0).ifPresent(x -> timeline(p.customerId(), "POINTS_REVERSED", x,
                    "-" + taken + " 积分 points", p.amount().toPlainString() + " " + currency
                            + (shortfall > 0 ? " · " + shortfall + " already spent 已使用" : ""), null));
        }
        if (id.isPresent()) {
            tiers.evaluate(p.customerId(), "PAYMENT", today());
        }
    }

    // ---- redemption and adjustment

    @Transactional
    public long redeem(long customerId, int points, String reason, String reference) {
        CurrentUser me = LoyaltyAccess.requireRedeem();
        visible(customerId);
        if (points <= 0) {
            throw new InvalidInputException("points", "validation.positive");
        }
        return debit(customerId, PointsEntryKind.REDEEM, "redemption", reference, -points, reason, me);
    }

    @Transactional
    public long adjust(long customerId, int points, String reason) {
        CurrentUser me = LoyaltyAccess.requireAdjust();
        visible(customerId);
        if (points == 0) {
            throw new InvalidInputException("points", "loyalty.validation.not-zero");
        }
        if (reason == null || reason.isBlank()) {
            throw new InvalidInputException("reason", "validation.required");
        }
        if (points < 0) {
            return debit(customerId, PointsEntryKind.ADJUST, "adjustment", null, points, reason, me);
        }
        ledger.lock(customerId);
        LocalDate today = today();
        long id = ledger.insert(new PointsLedger.NewEntry(customerId, PointsEntryKind.ADJUST, points, "adjustment",
                UUID.randomUUID().toString(), today, today.plusMonths(validMonths), null, null, null, null, 0, null,
                reason.strip(), me.id(), me.displayName())).orElseThrow();
        recorded(customerId, id, PointsEntryKind.ADJUST, points, reason, me);
        return id;
    }

    private long debit(long customerId, PointsEntryKind kind, String source, String reference, int points,
                       String reason, CurrentUser me) {
        ledger.lock(customerId);
        long balance = ledger.balance(customerId);
        if (balance + points < 0) {
            throw new InvalidInputException("points", "loyalty.validation.overdraw", balance);
        }
        String ref = reference == null || reference.isBlank() ? UUID.randomUUID().toString() : reference.strip();
        long id = ledger.insert(new PointsLedger.NewEntry(customerId, kind, points, source, ref, today(), null, null,
                        null, null, null, 0, null, reason == null || reason.isBlank() ? null : reason.strip(), me.id(),
                        me.displayName()))
                .orElseThrow(() -> new ConflictException("A " + source + " with reference " + ref
                        + " is already recorded."));
        recorded(customerId, id, kind, points, reason, me);
        return id;
    }

    private void recorded(long customerId, long id, PointsEntryKind kind, int points, String reason, CurrentUser me) {
        audit.record("points", id, AuditAction.CREATE, Map.of("customer", new Change(null, customerId),
                "kind", new Change(null, kind), "points", new Change(null, points)), reason);
        timeline(customerId, kind == PointsEntryKind.REDEEM ? "POINTS_REDEEMED" : "POINTS_ADJUSTED", id,
                (points > 0 ? "+" : "") + points + " 积分 points", reason, me.displayName());
    }

    // ---- expiry

    /** Writes the EXPIRE entries now due for one customer (idempotent: one per lot); returns the points expired. */
    @Transactional
    public long expire(long customerId, LocalDate today) {
        ledger.lock(customerId);
        long expired = 0;
        for (PointsMath.Expiry e : PointsMath.expiries(ledger.lots(customerId), ledger.debits(customerId), today)) {
            Optional<Long> id = ledger.insert(new PointsLedger.NewEntry(customerId, PointsEntryKind.EXPIRE, -e.points(),
                    "expiry", String.valueOf(e.lotId()), today, null, e.lotId(), null, null, null, 0, null, null, null,
                    null));
            if (id.isPresent() && e.points() > 0) {
                expired += e.points();
                timeline(customerId, "POINTS_EXPIRED", id.get(), "-" + e.points() + " 积分 points", null, null);
            }
        }
        return expired;
    }

    List<Long> customersWithExpiredLots(LocalDate today, int limit) {
        return ledger.customersWithExpiredLots(today, limit);
    }

    // ---- earning rules

    @Transactional(readOnly = true)
    public List<EarningRules.Rule> rules() {
        return rules.all();
    }

    @Transactional
    public long createRule(EarningRules.RuleData input) {
        LoyaltyAccess.requireConfigure();
        EarningRules.RuleData d = input.normalized();
        if (rules.scopeTaken(d, null)) {
            throw new InvalidInputException(d.campaignId() == null ? "currency" : "campaignId",
                    "loyalty.validation.rule-scope");
        }
        long id = rules.insert(d);
        audit.record("points-rule", id, AuditAction.CREATE, Map.of("pointsPerUnit", new Change(null, d.pointsPerUnit()),
                "multiplier", new Change(null, d.multiplier())), d.name());
        return id;
    }

    @Transactional
    public void updateRule(long id, int version, EarningRules.RuleData input) {
        LoyaltyAccess.requireConfigure();
        EarningRules.Rule current = rules.find(id).orElseThrow(() -> new NotFoundException("Rule", id));
        EarningRules.RuleData d = input.normalized();
        if (rules.scopeTaken(d, id)) {
            throw new InvalidInputException(d.campaignId() == null ? "currency" : "campaignId",
                    "loyalty.validation.rule-scope");
        }
        if (!rules.update(id, version, d)) {
            throw new ConflictException("Rule " + id + " was changed meanwhile (version " + current.version()
                    + "). Reload it.");
        }
        audit.record("points-rule", id, AuditAction.UPDATE, Map.of(
                "pointsPerUnit", new Change(current.pointsPerUnit(), d.pointsPerUnit()),
                "multiplier", new Change(current.multiplier(), d.multiplier()),
                "active", new Change(current.active(), d.active())), d.name());
    }

    @Transactional(readOnly = true)
    public EarningRules.Rule rule(long id) {
        return rules.find(id).orElseThrow(() -> new NotFoundException("Rule", id));
    }

    // ---- reading

    @Transactional(readOnly = true)
    public Statement statement(long customerId, int page, int size) {
        PageResult.checkRequest(page, size);
        visible(customerId);
        return new Statement(customerId, ledger.balance(customerId),
                PageResult.fromProbe(ledger.page(customerId, size + 1, (page - 1) * size), page, size));
    }

    public CustomerSummary visible(long customerId) {
        return customers.findVisible(customerId).orElseThrow(() -> new NotFoundException("Customer", customerId));
    }

    private void timeline(long customerId, String kind, long entryId, String title, String detail, String actor) {
        events.publishEvent(new TimelineEntry(customerId, Instant.now(), kind, "loyalty", "points:" + entryId, title,
                detail, actor == null ? "系统 System" : actor));
    }
}
