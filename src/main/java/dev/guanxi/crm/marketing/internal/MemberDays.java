package dev.guanxi.crm.marketing.internal;

import dev.guanxi.crm.audit.AuditAction;
import dev.guanxi.crm.audit.AuditTrail;
import dev.guanxi.crm.audit.AuditTrail.Change;
import dev.guanxi.crm.customer.CustomerSelection;
import dev.guanxi.crm.marketing.SegmentField;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Member days (会员日) and repeat-customer marketing (老客户营销): on its scheduled day, a MEMBER_DAY campaign adds the
 * past buyers of its segment (last confirmed order within {@code buyer_months}) as members and issues each a personal
 * code of its coupon. Each campaign runs once: the run claims it ({@code executed_at}) with
 * {@code FOR UPDATE SKIP LOCKED} in the same transaction as the work, so concurrent runs never repeat it.
 * Sending the codes (e-mail, SMS) is messaging's part.
 */
@Service
public class MemberDays {

    public record Run(long campaignId, int members, int codes) {
    }

    private record Due(long id, String name, long segmentId, long couponId, int buyerMonths) {
    }

    private final JdbcClient jdbc;
    private final SegmentService segments;
    private final CampaignService campaigns;
    private final CouponService coupons;
    private final CustomerSelection customers;
    private final AuditTrail audit;
    private final ZoneId zone;

    MemberDays(JdbcClient jdbc, SegmentService segments, CampaignService campaigns, CouponService coupons,
               CustomerSelection customers, AuditTrail audit,
               @Value("${guanxi.activity.zone:Asia/Shanghai}") ZoneId zone) {
        this.jdbc = jdbc;
        this.segments = segments;
        this.campaigns = campaigns;
        this.coupons = coupons;
        this.customers = customers;
        this.audit = audit;
        this.zone = zone;
    }

    /** Runs the member days due today or earlier that have not run yet. */
    @Transactional
    public List<Run> runDue() {
        LocalDate today = LocalDate.now(zone);
        List<Due> due = jdbc.sql("""
                        UPDATE campaigns SET executed_at = now(), version = version + 1, updated_at = now(),
                          status = CASE WHEN status = 'PLANNED' THEN 'ACTIVE' ELSE status END
                        WHERE id IN (SELECT id FROM campaigns
                                     WHERE channel = 'MEMBER_DAY' AND executed_at IS NULL AND scheduled_on <= :today
                                       AND status IN ('PLANNED','ACTIVE') AND segment_id IS NOT NULL
                                       AND coupon_id IS NOT NULL
                                     ORDER BY scheduled_on, id LIMIT 20
                                     FOR UPDATE SKIP LOCKED)
                          AND executed_at IS NULL
                        RETURNING id, name, segment_id, coupon_id, coalesce(buyer_months, 12)""")
                .param("today", CampaignService.date(today))
                .query((rs, n) -> new Due(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getInt(5)))
                .list();
        List<Run> runs = new ArrayList<>();
        for (Due d : due) {
            SegmentField lastOrder = segments.field(CoreSegmentFields.LAST_ORDER_DATE).orElseThrow();
            CustomerSelection.Sql buyers = segments.condition(d.segmentId()).and(new CustomerSelection.Sql(
                    "(" + lastOrder.sql() + ") >= :memberDaySince",
                    Map.of("memberDaySince", CampaignService.date(today.minusMonths(d.buyerMonths())))));
            int members = campaigns.insertMembers(d.id(), buyers);
            int codes = coupons.issue(d.couponId(), new CustomerSelection.Sql(
                    "SELECT m.customer_id AS id FROM campaign_members m WHERE m.campaign_id = :memberDayCampaign",
                    Map.of("memberDayCampaign", d.id())));
            audit.record("campaign", d.id(), AuditAction.UPDATE, Map.of("memberDay", new Change(null,
                    members + " members, " + codes + " codes of coupon " + d.couponId())), d.name());
            runs.add(new Run(d.id(), members, codes));
        }
        return runs;
    }
}
