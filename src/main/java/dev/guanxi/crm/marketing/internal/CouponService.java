package dev.guanxi.crm.marketing.internal;

import dev.guanxi.crm.audit.AuditAction;
import dev.guanxi.crm.audit.AuditTrail;
import dev.guanxi.crm.audit.AuditTrail.Change;
import dev.guanxi.crm.common.FieldProblem;
import dev.guanxi.crm.common.InvalidInputException;
import dev.guanxi.crm.common.NotFoundException;
import dev.guanxi.crm.common.PageResult;
import dev.guanxi.crm.customer.CustomerDirectory;
import dev.guanxi.crm.customer.CustomerSelection;
import dev.guanxi.crm.customer.TimelineEntry;
import dev.guanxi.crm.identity.CurrentUser;
import dev.guanxi.crm.sales.DiscountProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Coupons (优惠券): definition, codes generated in bulk or issued to a segment, and redemption against orders as the
 * sales module's {@link DiscountProvider}. The last use of a coupon goes to exactly one order: a use is claimed
 * with one atomic {@code UPDATE ... WHERE used < total_limit}, which also serializes the per-customer check.
 */
@Service
public class CouponService implements DiscountProvider {

    static final int MAX_GENERATE = 100_000;
    private static final String FIELD = "couponCode";

    private final JdbcClient jdbc;
    private final SegmentService segments;
    private final CampaignService campaigns;
    private final CustomerSelection customers;
    private final CustomerDirectory directory;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final ZoneId zone;

    CouponService(JdbcClient jdbc, SegmentService segments, CampaignService campaigns, CustomerSelection customers,
                  CustomerDirectory directory, AuditTrail audit, ApplicationEventPublisher events,
                  @Value("${guanxi.activity.zone:Asia/Shanghai}") ZoneId zone) {
        this.jdbc = jdbc;
        this.segments = segments;
        this.campaigns = campaigns;
        this.customers = customers;
        this.directory = directory;
        this.audit = audit;
        this.events = events;
        this.zone = zone;
    }

    // ---- definition

    @Transactional
    public long create(CouponData d) {
        CurrentUser user = MarketingAccess.manager();
        List<FieldProblem> problems = new ArrayList<>();
        if (d.validUntil().isBefore(d.validFrom())) {
            problems.add(new FieldProblem("validUntil", "coupon.until-before-from"));
        }
        if (d.discountType() == CouponData.DiscountType.PERCENT && d.discountValue().compareTo(BigDecimal.valueOf(100)) > 0) {
            problems.add(new FieldProblem("discountValue", "validation.percent"));
        }
        String shared = d.sharedCode() == null || d.sharedCode().isBlank() ? null
                : d.sharedCode().strip().toUpperCase(Locale.ROOT);
        if (shared != null && (jdbc.sql("SELECT count(*) FROM coupons WHERE upper(shared_code) = ?").param(shared)
                .query(Long.class).single() > 0 || jdbc.sql("SELECT count(*) FROM coupon_codes WHERE code = ?")
                .param(shared).query(Long.class).single() > 0)) {
            problems.add(new FieldProblem("sharedCode", "coupon.code-taken"));
        }
        if (d.campaignId() != null && jdbc.sql("SELECT count(*) FROM campaigns WHERE id = ?").param(d.campaignId())
                .query(Long.class).single() == 0) {
            problems.add(new FieldProblem("campaignId", "coupon.unknown-campaign"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        long id = jdbc.sql("""
                        INSERT INTO coupons (name, campaign_id, discount_type, discount_value, min_spend, valid_from,
                          valid_until, total_limit, per_customer_limit, code_mode, shared_code, owner_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(d.name().strip(), d.campaignId(), d.discountType().name(), d.discountValue(),
                        d.minSpend() == null ? BigDecimal.ZERO : d.minSpend(), CampaignService.date(d.validFrom()),
                        CampaignService.date(d.validUntil()), d.totalLimit(),
                        d.perCustomerLimit() == null ? 1 : d.perCustomerLimit(), shared == null ? "UNIQUE" : "SHARED",
                        shared, user.id())
                .query(Long.class).single();
        audit.record("coupon", id, AuditAction.CREATE, Map.of("name", new Change(null, d.name().strip()),
                "discount", new Change(null, d.discountValue() + " " + d.discountType()),
                "code", new Change(null, shared)), d.name().strip());
        return id;
    }

    @Transactional
    public void setActive(long id, boolean active) {
        MarketingAccess.manager();
        CouponView c = find(id);
        jdbc.sql("UPDATE coupons SET active = ?, version = version + 1, updated_at = now() WHERE id = ?")
                .params(active, id).update();
        audit.record("coupon", id, AuditAction.UPDATE, Map.of("active", new Change(c.active(), active)), c.name());
    }

    @Transactional(readOnly = true)
    public CouponView get(long id) {
        MarketingAccess.viewer();
        return find(id);
    }

    CouponView find(long id) {
        return jdbc.sql(SELECT + " WHERE k.id = ?").param(id).query(CouponService::map).optional()
                .orElseThrow(() -> new NotFoundException("Coupon", id));
    }

    @Transactional(readOnly = true)
    public PageResult<CouponView> list(Long campaignId, int page, int size) {
        PageResult.checkRequest(page, size);
        MarketingAccess.viewer();
        return PageResult.fromProbe(jdbc.sql(SELECT + " WHERE (CAST(:campaign AS bigint) IS NULL OR k.campaign_id = :campaign)"
                        + " ORDER BY k.created_at DESC, k.id DESC LIMIT " + (size + 1) + " OFFSET " + (page - 1) * size)
                .param("campaign", campaignId).query(CouponService::map).list(), page, size);
    }

    // ---- codes

    /** Generates {@code count} new unassigned unique codes; returns how many were made. */
    @Transactional
    public int generateCodes(long id, int count) {
        MarketingAccess.manager();
        CouponView c = requireUnique(find(id));
        if (count < 1 || count > MAX_GENERATE) {
            throw new InvalidInputException("count", "coupon.generate-count", MAX_GENERATE);
        }
        int made = 0;
        // a random code may collide with an existing one (rarely): those rows are skipped and made up for
        for (int attempt = 0; attempt < 10 && made < count; attempt++) {
            made += jdbc.sql("""
                            INSERT INTO coupon_codes (coupon_id, code)
                            SELECT ?, marketing_coupon_code() FROM generate_series(1, ?) ON CONFLICT DO NOTHING""")
                    .params(id, count - made).update();
        }
        audit.record("coupon", id, AuditAction.UPDATE, Map.of("codes", new Change(null, "+" + made)), c.name());
        return made;
    }

    /** Issues a personal code to every customer of the segment who has none of this coupon; returns how many. */
    @Transactional
    public int issueToSegment(long id, long segmentId) {
        MarketingAccess.manager();
        CouponView c = requireUnique(find(id));
        if (segments.find(segmentId).isEmpty()) {
            throw new InvalidInputException("segmentId", "campaign.unknown-segment");
        }
        int issued = issue(id, customers.idQuery(segments.condition(segmentId), null));
        audit.record("coupon", id, AuditAction.UPDATE, Map.of("issued", new Change(null, "+" + issued
                + " to segment " + segmentId)), c.name());
        return issued;
    }

    /**
     * Issues a personal code to every customer id the sub-query returns (column {@code id}) who has none of this
     * coupon yet; set-based, for any number of customers.
     */
    int issue(long couponId, CustomerSelection.Sql customerIds) {
        int issued = 0;
        for (int attempt = 0; attempt < 10; attempt++) {
            int n = jdbc.sql("INSERT INTO coupon_codes (coupon_id, code, customer_id) "
                            + "SELECT :issueCoupon, marketing_coupon_code(), s.id FROM (" + customerIds.sql() + ") s "
                            + "WHERE NOT EXISTS (SELECT 1 FROM coupon_codes x WHERE x.coupon_id = :issueCoupon "
                            + "AND x.customer_id = s.id) ON CONFLICT DO NOTHING")
                    .params(customerIds.params()).param("issueCoupon", couponId).update();
            issued += n;
            if (n == 0) {
                break;
            }
        }
        return issued;
    }

    private static CouponView requireUnique(CouponView c) {
        if (!c.unique()) {
            throw new InvalidInputException("couponId", "coupon.shared-no-codes");
        }
        return c;
    }

    public record CodeView(long id, String code, Long customerId, String customerName, Instant issuedAt, Long orderId,
                           Instant redeemedAt) {
    }

    @Transactional(readOnly = true)
    public PageResult<CodeView> codes(long id, int page, int size) {
        PageResult.checkRequest(page, size);
        MarketingAccess.viewer();
        find(id);
        List<CodeView> rows = jdbc.sql("""
                        SELECT id, code, customer_id, issued_at, order_id, redeemed_at FROM coupon_codes
                        WHERE coupon_id = ? ORDER BY id LIMIT ? OFFSET ?""")
                .params(id, size + 1, (page - 1) * size)
                .query((rs, n) -> new CodeView(rs.getLong(1), rs.getString(2), (Long) rs.getObject(3), null,
                        rs.getTimestamp(4).toInstant(), (Long) rs.getObject(5), instant(rs.getTimestamp(6))))
                .list();
        Map<Long, String> names = directory.names(rows.stream().map(CodeView::customerId)
                .filter(java.util.Objects::nonNull).toList());
        return PageResult.fromProbe(rows.stream().map(r -> new CodeView(r.id(), r.code(), r.customerId(),
                r.customerId() == null ? null : names.get(r.customerId()), r.issuedAt(), r.orderId(), r.redeemedAt()))
                .toList(), page, size);
    }

    public record RedemptionView(long id, String code, long customerId, String customerName, long orderId,
                                 BigDecimal discount, Instant redeemedAt, Instant releasedAt) {
    }

    @Transactional(readOnly = true)
    public List<RedemptionView> redemptions(long id) {
        MarketingAccess.viewer();
        find(id);
        List<RedemptionView> rows = jdbc.sql("""
                        SELECT id, code, customer_id, order_id, discount, redeemed_at, released_at
                        FROM coupon_redemptions WHERE coupon_id = ? ORDER BY redeemed_at DESC, id DESC LIMIT 200""")
                .param(id)
                .query((rs, n) -> new RedemptionView(rs.getLong(1), rs.getString(2), rs.getLong(3), null,
                        rs.getLong(4), rs.getBigDecimal(5), rs.getTimestamp(6).toInstant(), instant(rs.getTimestamp(7))))
                .list();
        Map<Long, String> names = directory.names(rows.stream().map(RedemptionView::customerId).toList());
        return rows.stream().map(r -> new RedemptionView(r.id(), r.code(), r.customerId(), names.get(r.customerId()),
                r.orderId(), r.discount(), r.redeemedAt(), r.releasedAt())).toList();
    }

    // ---- redemption (DiscountProvider)

    /** A code looked up: its coupon, and the unique code's row when it is one. */
    private record Match(CouponView coupon, Long codeId, Long codeCustomerId, Long codeOrderId, String code) {
    }

    private Match lookup(String raw) {
        String code = raw == null ? "" : raw.strip().toUpperCase(Locale.ROOT);
        if (code.isEmpty() || code.length() > 40) {
            throw new InvalidInputException(FIELD, "coupon.unknown");
        }
        Match unique = jdbc.sql("SELECT id, coupon_id, customer_id, order_id FROM coupon_codes WHERE code = ?")
                .param(code)
                .query((rs, n) -> new Match(find(rs.getLong(2)), rs.getLong(1), (Long) rs.getObject(3),
                        (Long) rs.getObject(4), code))
                .optional().orElse(null);
        if (unique != null) {
            return unique;
        }
        return jdbc.sql(SELECT + " WHERE upper(k.shared_code) = ?").param(code).query(CouponService::map).optional()
                .map(c -> new Match(c, null, null, null, code))
                .orElseThrow(() -> new InvalidInputException(FIELD, "coupon.unknown"));
    }

    /** The rules that do not need the lock: active, in its window, the customer's code, unused, minimum spend. */
    private void check(Match m, long customerId, BigDecimal subtotal) {
        CouponView c = m.coupon();
        LocalDate today = LocalDate.now(zone);
        if (!c.active()) {
            throw new InvalidInputException(FIELD, "coupon.inactive");
        }
        if (today.isBefore(c.validFrom())) {
            throw new InvalidInputException(FIELD, "coupon.not-yet-valid");
        }
        if (today.isAfter(c.validUntil())) {
            throw new InvalidInputException(FIELD, "coupon.expired");
        }
        if (m.codeCustomerId() != null && m.codeCustomerId() != customerId) {
            throw new InvalidInputException(FIELD, "coupon.not-yours");
        }
        if (m.codeOrderId() != null) {
            throw new InvalidInputException(FIELD, "coupon.used-code");
        }
        if (subtotal.compareTo(c.minSpend()) < 0) {
            throw new InvalidInputException(FIELD, "coupon.min-spend");
        }
    }

    private long usesBy(long couponId, long customerId) {
        return jdbc.sql("""
                        SELECT count(*) FROM coupon_redemptions
                        WHERE coupon_id = ? AND customer_id = ? AND released_at IS NULL""")
                .params(couponId, customerId).query(Long.class).single();
    }

    @Override
    @Transactional(readOnly = true)
    public Discount quote(long customerId, String code, BigDecimal subtotal) {
        Match m = lookup(code);
        check(m, customerId, subtotal);
        CouponView c = m.coupon();
        if (usesBy(c.id(), customerId) >= c.perCustomerLimit()) {
            throw new InvalidInputException(FIELD, "coupon.customer-limit");
        }
        if (c.totalLimit() != null && c.used() >= c.totalLimit()) {
            throw new InvalidInputException(FIELD, "coupon.exhausted");
        }
        return new Discount(m.code(), c.discountOn(subtotal), c.name());
    }

    @Override
    @Transactional
    public Discount redeem(long orderId, long customerId, String code, BigDecimal subtotal) {
        Match m = lookup(code);
        check(m, customerId, subtotal);
        CouponView c = m.coupon();
        // claim one use atomically; a concurrent redemption of the same coupon waits here for our commit
        boolean claimed = !jdbc.sql("""
                        UPDATE coupons SET used = used + 1
                        WHERE id = ? AND active AND (total_limit IS NULL OR used < total_limit) RETURNING used""")
                .param(c.id()).query(Integer.class).list().isEmpty();
        if (!claimed) {
            throw new InvalidInputException(FIELD, "coupon.exhausted");
        }
        if (m.codeId() != null && jdbc.sql("""
                        UPDATE coupon_codes SET order_id = ?, redeemed_at = now() WHERE id = ? AND order_id IS NULL""")
                .params(orderId, m.codeId()).update() != 1) {
            throw new InvalidInputException(FIELD, "coupon.used-code");
        }
        if (usesBy(c.id(), customerId) >= c.perCustomerLimit()) {
            throw new InvalidInputException(FIELD, "coupon.customer-limit");
        }
        BigDecimal amount = c.discountOn(subtotal);
        jdbc.sql("""
                        INSERT INTO coupon_redemptions (coupon_id, code_id, code, customer_id, order_id, discount)
                        VALUES (?, ?, ?, ?, ?, ?)""")
                .params(c.id(), m.codeId(), m.code(), customerId, orderId, amount).update();
        audit.record("coupon", c.id(), AuditAction.UPDATE, Map.of("redeemed", new Change(null, m.code() + " → order "
                + orderId + " (−" + amount + ")")), c.name());
        events.publishEvent(new TimelineEntry(customerId, Instant.now(), "COUPON_REDEEMED", "marketing",
                "coupon-redeemed:" + orderId, c.name(), m.code() + " · −" + amount + " CNY", actor()));
        if (c.campaignId() != null) {
            campaigns.convert(c.campaignId(), customerId, "coupon:" + m.code());
        }
        return new Discount(m.code(), amount, c.name());
    }

    @Override
    @Transactional
    public void release(long orderId) {
        record Released(long couponId, Long codeId, long customerId, String code) {
        }
        List<Released> released = jdbc.sql("""
                        UPDATE coupon_redemptions SET released_at = now() WHERE order_id = ? AND released_at IS NULL
                        RETURNING coupon_id, code_id, customer_id, code""")
                .param(orderId)
                .query((rs, n) -> new Released(rs.getLong(1), (Long) rs.getObject(2), rs.getLong(3), rs.getString(4)))
                .list();
        for (Released r : released) {
            jdbc.sql("UPDATE coupons SET used = used - 1 WHERE id = ? AND used > 0").param(r.couponId()).update();
            if (r.codeId() != null) {
                jdbc.sql("UPDATE coupon_codes SET order_id = NULL, redeemed_at = NULL WHERE id = ? AND order_id = ?")
                        .params(r.codeId(), orderId).update();
            }
            audit.record("coupon", r.couponId(), AuditAction.UPDATE, Map.of("released", new Change(null, r.code()
                    + " ← order " + orderId)), r.code());
            events.publishEvent(new TimelineEntry(r.customerId(), Instant.now(), "COUPON_RELEASED", "marketing",
                    "coupon-released:" + orderId, r.code(), "order " + orderId, actor()));
        }
    }

    private static String actor() {
        return CurrentUser.find().map(CurrentUser::displayName).orElse(null);
    }

    // ---- rows

    private static final String SELECT = """
            SELECT k.id, k.name, k.campaign_id, p.name AS campaign_name, k.discount_type, k.discount_value, k.min_spend,
                   k.valid_from, k.valid_until, k.total_limit, k.per_customer_limit, k.code_mode, k.shared_code, k.used,
                   k.active, k.version, (SELECT count(*) FROM coupon_codes x WHERE x.coupon_id = k.id) AS codes
            FROM coupons k LEFT JOIN campaigns p ON p.id = k.campaign_id""";

    private static CouponView map(ResultSet rs, int n) throws SQLException {
        return new CouponView(rs.getLong("id"), rs.getString("name"), (Long) rs.getObject("campaign_id"),
                rs.getString("campaign_name"), CouponData.DiscountType.valueOf(rs.getString("discount_type")),
                rs.getBigDecimal("discount_value"), rs.getBigDecimal("min_spend"),
                rs.getDate("valid_from").toLocalDate(), rs.getDate("valid_until").toLocalDate(),
                (Integer) rs.getObject("total_limit"), rs.getInt("per_customer_limit"),
                "UNIQUE".equals(rs.getString("code_mode")), rs.getString("shared_code"), rs.getInt("used"),
                rs.getBoolean("active"), rs.getInt("version"), rs.getLong("codes"));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
