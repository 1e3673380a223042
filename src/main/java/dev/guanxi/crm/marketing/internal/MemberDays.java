package dev.guanxi.crm.marketing.internal;

import dev.guanxi.crm.marketing.CampaignMemberStatus;
import dev.guanxi.crm.marketing.CampaignMembers;
import dev.guanxi.crm.marketing.MessageSender;
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
 * {@code FOR UPDATE SKIP LOCKED} in the same transaction as the work, so concurrent runs never repeat it. When the
 * campaign names a message template, each member's code is sent with it ({@code {{coupon}}}) by a messaging job
 * started after the commit (opt-outs honoured), and the members are marked sent.
 */
@Service
public class MemberDays {

    public record Run(long campaignId, int members, int codes, Long messageJobId) {
    }

    private record Due(long id, String name, long segmentId, long couponId, int buyerMonths, Long templateId) {
    }

    private final JdbcClient jdbc;
    private final SegmentService segments;
    private final CampaignService campaigns;
    private final CouponService coupons;
    private final CustomerSelection customers;
    private final AuditTrail audit;
    private final ZoneId zone;
    private final MessageSender messages;
    private final CampaignMembers members;

    MemberDays(JdbcClient jdbc, SegmentService segments, CampaignService campaigns, CouponService coupons,
               CustomerSelection customers, AuditTrail audit,
               @Value("${guanxi.activity.zone:Asia/Shanghai}") ZoneId zone, MessageSender messages,
               CampaignMembers members) {
        this.messages = messages;
        this.members = members;
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
                        RETURNING id, name, segment_id, coupon_id, coalesce(buyer_months, 12), message_template_id""")
                .param("today", CampaignService.date(today))
                .query((rs, n) -> new Due(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getLong(4), rs.getInt(5),
                        (Long) rs.getObject(6)))
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
            runs.add(new Run(d.id(), members, codes, d.templateId() == null ? null : sendCodes(d)));
        }
        return runs;
    }

    /** Sends each member of the member day its personal code; empty campaigns send nothing. */
    private Long sendCodes(Due d) {
        Map<Long, Map<String, String>> codes = new java.util.LinkedHashMap<>();
        jdbc.sql("""
                        SELECT m.customer_id, c.code FROM campaign_members m
                        JOIN coupon_codes c ON c.coupon_id = :coupon AND c.customer_id = m.customer_id
                        WHERE m.campaign_id = :campaign ORDER BY m.customer_id""")
                .param("coupon", d.couponId()).param("campaign", d.id())
                .query(rs -> {
                    codes.put(rs.getLong(1), Map.of("coupon", rs.getString(2)));
                });
        if (codes.isEmpty()) {
            return null;
        }
        long job = messages.send(d.templateId(), codes, "campaign:" + d.id());
        members.advance(d.id(), codes.keySet(), CampaignMemberStatus.SENT);
        return job;
    }
}
