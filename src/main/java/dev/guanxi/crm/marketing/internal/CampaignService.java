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
import dev.guanxi.crm.marketing.CampaignChannel;
import dev.guanxi.crm.marketing.CampaignMemberStatus;
import dev.guanxi.crm.marketing.CampaignMembers;
import dev.guanxi.crm.marketing.CampaignStatus;
import dev.guanxi.crm.sales.SalesFigures;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Campaigns (市场活动): members from segments, member statuses, expenses and the ROI report (效果报表). */
@Service
public class CampaignService implements CampaignMembers {

    private final JdbcClient jdbc;
    private final SegmentService segments;
    private final CustomerSelection customers;
    private final CustomerDirectory directory;
    private final SalesFigures sales;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;

    CampaignService(JdbcClient jdbc, SegmentService segments, CustomerSelection customers, CustomerDirectory directory,
                    SalesFigures sales, AuditTrail audit, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.segments = segments;
        this.customers = customers;
        this.directory = directory;
        this.sales = sales;
        this.audit = audit;
        this.events = events;
    }

    // ---- campaigns

    @Transactional(readOnly = true)
    public PageResult<CampaignView> list(CampaignStatus status, CampaignChannel channel, int page, int size) {
        PageResult.checkRequest(page, size);
        MarketingAccess.viewer();
        List<String> where = new ArrayList<>(List.of("TRUE"));
        Map<String, Object> params = new HashMap<>();
        if (status != null) {
            where.add("k.status = :status");
            params.put("status", status.name());
        }
        if (channel != null) {
            where.add("k.channel = :channel");
            params.put("channel", channel.name());
        }
        return PageResult.fromProbe(jdbc.sql(SELECT + " WHERE " + String.join(" AND ", where)
                        + " ORDER BY k.start_date DESC NULLS FIRST, k.id DESC LIMIT " + (size + 1) + " OFFSET "
                        + (page - 1) * size)
                .params(params).query(CampaignService::map).list(), page, size);
    }

    /** Every campaign by name, for choosers. */
    @Transactional(readOnly = true)
    public List<CampaignView> all() {
        return jdbc.sql(SELECT + " ORDER BY k.start_date DESC NULLS FIRST, k.id DESC LIMIT 500")
                .query(CampaignService::map).list();
    }

    @Transactional(readOnly = true)
    public CampaignView get(long id) {
        MarketingAccess.viewer();
        return find(id);
    }

    CampaignView find(long id) {
        return jdbc.sql(SELECT + " WHERE k.id = ?").param(id).query(CampaignService::map).optional()
                .orElseThrow(() -> new NotFoundException("Campaign", id));
    }

    @Transactional
    public long create(CampaignData d) {
        CurrentUser user = MarketingAccess.manager();
        check(d);
        long id = jdbc.sql("""
                        INSERT INTO campaigns (name, channel, status, budget, start_date, end_date, segment_id,
                          description, scheduled_on, coupon_id, buyer_months, owner_id, message_template_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(d.name().strip(), d.channel().name(), d.statusOrDefault().name(), d.budget(),
                        date(d.startDate()), date(d.endDate()), d.segmentId(),
                        SegmentService.blankToNull(d.description()), date(d.scheduledOn()), d.couponId(),
                        memberDayMonths(d), user.id(), memberDayTemplate(d))
                .query(Long.class).single();
        audit.record("campaign", id, AuditAction.CREATE, Map.of("name", new Change(null, d.name().strip()),
                "channel", new Change(null, d.channel()), "budget", new Change(null, d.budget())), d.name().strip());
        return id;
    }

    @Transactional
    public void update(long id, int version, CampaignData d) {
        MarketingAccess.manager();
        CampaignView current = find(id);
        check(d);
        int n = jdbc.sql("""
                        UPDATE campaigns SET name = ?, channel = ?, status = ?, budget = ?, start_date = ?, end_date = ?,
                          segment_id = ?, description = ?, scheduled_on = ?, coupon_id = ?, buyer_months = ?,
                          message_template_id = ?, version = version + 1, updated_at = now()
                        WHERE id = ? AND version = ?""")
                .params(d.name().strip(), d.channel().name(), d.statusOrDefault().name(), d.budget(),
                        date(d.startDate()), date(d.endDate()), d.segmentId(),
                        SegmentService.blankToNull(d.description()), date(d.scheduledOn()), d.couponId(),
                        memberDayMonths(d), memberDayTemplate(d), id, version)
                .update();
        if (n != 1) {
            throw Stale.of("Campaign", id);
        }
        Map<String, Change> changes = new LinkedHashMap<>();
        diff(changes, "name", current.name(), d.name().strip());
        diff(changes, "status", current.status(), d.statusOrDefault());
        diff(changes, "budget", current.budget(), d.budget());
        diff(changes, "segment", current.segmentId(), d.segmentId());
        diff(changes, "startDate", current.startDate(), d.startDate());
        diff(changes, "endDate", current.endDate(), d.endDate());
        audit.record("campaign", id, AuditAction.UPDATE, changes, d.name().strip());
    }

    private static void diff(Map<String, Change> changes, String field, Object from, Object to) {
        boolean same = from instanceof BigDecimal a && to instanceof BigDecimal b ? a.compareTo(b) == 0
                : Objects.equals(from, to);
        if (!same) {
            changes.put(field, new Change(from, to));
        }
    }

    private static Integer memberDayMonths(CampaignData d) {
        if (d.channel() != CampaignChannel.MEMBER_DAY) {
            return null;
        }
        return d.buyerMonths() == null ? 12 : d.buyerMonths();
    }

    private static Long memberDayTemplate(CampaignData d) {
        return d.channel() == CampaignChannel.MEMBER_DAY ? d.messageTemplateId() : null;
    }

    private void check(CampaignData d) {
        List<FieldProblem> problems = new ArrayList<>();
        if (d.messageTemplateId() != null && !jdbc.sql("SELECT EXISTS (SELECT 1 FROM message_templates WHERE id = ?)")
                .param(d.messageTemplateId()).query(Boolean.class).single()) {
            problems.add(new FieldProblem("messageTemplateId", "campaign.message-template-unknown"));
        }
        if (d.startDate() != null && d.endDate() != null && d.endDate().isBefore(d.startDate())) {
            problems.add(new FieldProblem("endDate", "campaign.end-before-start"));
        }
        if (d.segmentId() != null && segments.find(d.segmentId()).isEmpty()) {
            problems.add(new FieldProblem("segmentId", "campaign.unknown-segment"));
        }
        if (d.channel() == CampaignChannel.MEMBER_DAY) {
            if (d.scheduledOn() == null) {
                problems.add(new FieldProblem("scheduledOn", "validation.required"));
            }
            if (d.segmentId() == null) {
                problems.add(new FieldProblem("segmentId", "validation.required"));
            }
            if (d.couponId() == null) {
                problems.add(new FieldProblem("couponId", "validation.required"));
            } else if (!"UNIQUE".equals(jdbc.sql("SELECT code_mode FROM coupons WHERE id = ?").param(d.couponId())
                    .query(String.class).optional().orElse(null))) {
                problems.add(new FieldProblem("couponId", "memberday.coupon-unique"));
            }
        } else if (d.couponId() != null
                && jdbc.sql("SELECT count(*) FROM coupons WHERE id = ?").param(d.couponId()).query(Long.class).single() == 0) {
            problems.add(new FieldProblem("couponId", "campaign.unknown-coupon"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    // ---- members

    /** Adds every customer of the segment (the campaign's own when null) who is not a member yet; returns how many. */
    @Transactional
    public int addMembers(long id, Long segmentId) {
        MarketingAccess.manager();
        CampaignView campaign = find(id);
        Long from = segmentId != null ? segmentId : campaign.segmentId();
        if (from == null) {
            throw new InvalidInputException("segmentId", "validation.required");
        }
        if (segments.find(from).isEmpty()) {
            throw new InvalidInputException("segmentId", "campaign.unknown-segment");
        }
        int added = insertMembers(id, segments.condition(from));
        audit.record("campaign", id, AuditAction.UPDATE, Map.of("members", new Change(null, "+" + added
                + " from segment " + from)), campaign.name());
        return added;
    }

    /** Set-based: INSERT ... SELECT over the customers matching the condition. */
    int insertMembers(long campaignId, CustomerSelection.Sql condition) {
        CustomerSelection.Sql ids = customers.idQuery(condition, null);
        return jdbc.sql("INSERT INTO campaign_members (campaign_id, customer_id) SELECT :memberCampaign, s.id FROM ("
                        + ids.sql() + ") s ON CONFLICT DO NOTHING")
                .params(ids.params()).param("memberCampaign", campaignId).update();
    }

    public record MemberRow(long customerId, String customerName, CampaignMemberStatus status, Instant addedAt,
                            Instant statusAt) {
    }

    /** Members of a campaign the signed-in user may see, newest first. */
    @Transactional(readOnly = true)
    public PageResult<MemberRow> members(long id, CampaignMemberStatus status, int page, int size) {
        PageResult.checkRequest(page, size);
        CurrentUser viewer = MarketingAccess.viewer();
        find(id);
        Map<String, Object> params = new HashMap<>();
        String where = "m.campaign_id = :campaign";
        params.put("campaign", id);
        if (status != null) {
            where += " AND m.status = :status";
            params.put("status", status.name());
        }
        if (!viewer.seesAll()) {
            CustomerSelection.Sql visible = customers.idQuery(CustomerSelection.Sql.TRUE, viewer);
            where += " AND m.customer_id IN (" + visible.sql() + ")";
            params.putAll(visible.params());
        }
        List<Object[]> rows = jdbc.sql("SELECT m.customer_id, m.status, m.added_at, m.status_at FROM campaign_members m"
                        + " WHERE " + where + " ORDER BY m.added_at DESC, m.customer_id DESC LIMIT " + (size + 1)
                        + " OFFSET " + (page - 1) * size)
                .params(params)
                .query((rs, n) -> new Object[]{rs.getLong(1), rs.getString(2), rs.getTimestamp(3), rs.getTimestamp(4)})
                .list();
        Map<Long, String> names = directory.names(rows.stream().map(r -> (Long) r[0]).toList());
        return PageResult.fromProbe(rows.stream().map(r -> new MemberRow((Long) r[0], names.get((Long) r[0]),
                CampaignMemberStatus.valueOf((String) r[1]), ((Timestamp) r[2]).toInstant(),
                ((Timestamp) r[3]).toInstant())).toList(), page, size);
    }

    /** Moves one member forward (e.g. marks a response by hand). */
    @Transactional
    public void setMemberStatus(long id, long customerId, CampaignMemberStatus status) {
        MarketingAccess.manager();
        CampaignView campaign = find(id);
        if (jdbc.sql("SELECT count(*) FROM campaign_members WHERE campaign_id = ? AND customer_id = ?")
                .params(id, customerId).query(Long.class).single() == 0) {
            throw new NotFoundException("Campaign member", customerId);
        }
        if (advance(id, List.of(customerId), status) > 0) {
            audit.record("campaign", id, AuditAction.UPDATE, Map.of("member " + customerId, new Change(null, status)),
                    campaign.name());
        }
    }

    private static final String STATUS_ORDER = "ARRAY['TARGETED','SENT','RESPONDED','CONVERTED']";

    @Override
    @Transactional
    public int advance(long campaignId, Collection<Long> customerIds, CampaignMemberStatus status) {
        if (customerIds.isEmpty()) {
            return 0;
        }
        return jdbc.sql("UPDATE campaign_members SET status = :status, status_at = now() "
                        + "WHERE campaign_id = :campaign AND customer_id IN (:customers) "
                        + "AND array_position(" + STATUS_ORDER + ", status) < array_position(" + STATUS_ORDER
                        + ", CAST(:status AS text))")
                .param("status", status.name()).param("campaign", campaignId).param("customers", customerIds)
                .update();
    }

    /**
     * Marks a customer converted by a campaign (an attributed opportunity won, or one of its coupons redeemed),
     * adding them as a member when they were not one; idempotent, with one timeline entry per conversion source.
     */
    @Transactional
    public void convert(long campaignId, long customerId, String sourceRef) {
        String name = jdbc.sql("SELECT name FROM campaigns WHERE id = ?").param(campaignId).query(String.class)
                .optional().orElse(null);
        if (name == null) {
            return;
        }
        int changed = jdbc.sql("""
                        INSERT INTO campaign_members (campaign_id, customer_id, status) VALUES (?, ?, 'CONVERTED')
                        ON CONFLICT (campaign_id, customer_id) DO UPDATE SET status = 'CONVERTED', status_at = now()
                        WHERE campaign_members.status <> 'CONVERTED'""")
                .params(campaignId, customerId).update();
        if (changed > 0) {
            events.publishEvent(new TimelineEntry(customerId, Instant.now(), "CAMPAIGN_CONVERTED", "marketing",
                    "campaign-converted:" + campaignId + ":" + customerId, name, sourceRef, null));
        }
    }

    // ---- expenses

    public record ExpenseView(long id, long campaignId, ExpenseCategory category, BigDecimal amount, String currency,
                              String receiptRef, LocalDate spentOn, String notes) {
    }

    @Transactional(readOnly = true)
    public List<ExpenseView> expenses(long id) {
        MarketingAccess.viewer();
        find(id);
        return jdbc.sql("""
                        SELECT id, campaign_id, category, amount, currency, receipt_ref, spent_on, notes
                        FROM campaign_expenses WHERE campaign_id = ? ORDER BY spent_on, id""")
                .param(id)
                .query((rs, n) -> new ExpenseView(rs.getLong(1), rs.getLong(2), ExpenseCategory.valueOf(rs.getString(3)),
                        rs.getBigDecimal(4), rs.getString(5), rs.getString(6), rs.getDate(7).toLocalDate(),
                        rs.getString(8)))
                .list();
    }

    @Transactional
    public long addExpense(long id, ExpenseData e) {
        CurrentUser user = MarketingAccess.manager();
        CampaignView campaign = find(id);
        LocalDate spentOn = e.spentOn() == null ? LocalDate.now() : e.spentOn();
        long expenseId = jdbc.sql("""
                        INSERT INTO campaign_expenses (campaign_id, category, amount, receipt_ref, spent_on, notes,
                          recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(id, e.category().name(), e.amount(), SegmentService.blankToNull(e.receiptRef()),
                        Date.valueOf(spentOn), SegmentService.blankToNull(e.notes()), user.id())
                .query(Long.class).single();
        audit.record("campaign-expense", expenseId, AuditAction.CREATE, Map.of("campaign", new Change(null, id),
                "category", new Change(null, e.category()), "amount", new Change(null, e.amount()),
                "receipt", new Change(null, e.receiptRef())), campaign.name());
        return expenseId;
    }

    @Transactional
    public void deleteExpense(long id, long expenseId) {
        MarketingAccess.manager();
        CampaignView campaign = find(id);
        BigDecimal amount = jdbc.sql("DELETE FROM campaign_expenses WHERE id = ? AND campaign_id = ? RETURNING amount")
                .params(expenseId, id).query(BigDecimal.class).optional()
                .orElseThrow(() -> new NotFoundException("Expense", expenseId));
        audit.record("campaign-expense", expenseId, AuditAction.DELETE, Map.of("amount", new Change(amount, null)),
                campaign.name());
    }

    // ---- ROI

    @Transactional(readOnly = true)
    public CampaignRoi roi(long id) {
        MarketingAccess.viewer();
        find(id);
        return figures(List.of(id)).get(id);
    }

    public record ReportRow(CampaignView campaign, CampaignRoi roi) {
    }

    public record Report(List<ReportRow> rows, CampaignRoi total) {
    }

    /** The ROI report across campaigns that started in the period (all when from and to are null). */
    @Transactional(readOnly = true)
    public Report report(LocalDate from, LocalDate to) {
        MarketingAccess.viewer();
        List<CampaignView> campaigns = jdbc.sql(SELECT + " WHERE (CAST(:from AS date) IS NULL OR k.start_date >= :from)"
                        + " AND (CAST(:to AS date) IS NULL OR k.start_date <= :to)"
                        + " ORDER BY k.start_date DESC NULLS FIRST, k.id DESC LIMIT 500")
                .param("from", date(from)).param("to", date(to)).query(CampaignService::map).list();
        Map<Long, CampaignRoi> figures = figures(campaigns.stream().map(CampaignView::id).toList());
        List<ReportRow> rows = campaigns.stream().map(c -> new ReportRow(c, figures.get(c.id()))).toList();
        CampaignRoi total = rows.stream().map(ReportRow::roi).reduce(CampaignRoi.zero(), CampaignRoi::plus);
        return new Report(rows, total);
    }

    private Map<Long, CampaignRoi> figures(List<Long> ids) {
        Map<Long, CampaignRoi> result = new HashMap<>();
        if (ids.isEmpty()) {
            return result;
        }
        Map<Long, BigDecimal> expenses = new HashMap<>();
        jdbc.sql("SELECT campaign_id, sum(amount) FROM campaign_expenses WHERE campaign_id IN (:ids) GROUP BY 1")
                .param("ids", ids).query((rs, n) -> expenses.put(rs.getLong(1), rs.getBigDecimal(2))).list();
        Map<Long, long[]> members = new HashMap<>();
        jdbc.sql("""
                        SELECT campaign_id, count(*), count(*) FILTER (WHERE status IN ('RESPONDED','CONVERTED')),
                               count(*) FILTER (WHERE status = 'CONVERTED')
                        FROM campaign_members WHERE campaign_id IN (:ids) GROUP BY 1""")
                .param("ids", ids)
                .query((rs, n) -> members.put(rs.getLong(1), new long[]{rs.getLong(2), rs.getLong(3), rs.getLong(4)}))
                .list();
        Map<Long, List<Long>> couponOrders = new HashMap<>();
        jdbc.sql("""
                        SELECT k.campaign_id, r.order_id FROM coupon_redemptions r JOIN coupons k ON k.id = r.coupon_id
                        WHERE k.campaign_id IN (:ids) AND r.released_at IS NULL""")
                .param("ids", ids)
                .query((rs, n) -> couponOrders.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2)))
                .list();
        Map<Long, SalesFigures.CampaignResult> attributed = sales.campaignResults(ids, couponOrders);
        for (long id : ids) {
            long[] m = members.getOrDefault(id, new long[3]);
            SalesFigures.CampaignResult a = attributed.getOrDefault(id, SalesFigures.CampaignResult.none(id));
            result.put(id, new CampaignRoi(expenses.getOrDefault(id, BigDecimal.ZERO), a.revenue(), a.opportunities(),
                    a.wonOpportunities(), a.wonAmount(), a.orders(), m[0], m[1], m[2]));
        }
        return result;
    }

    // ---- rows

    private static final String SELECT = """
            SELECT k.id, k.name, k.channel, k.status, k.budget, k.currency, k.start_date, k.end_date, k.segment_id,
                   s.name AS segment_name, k.description, k.scheduled_on, k.coupon_id, k.buyer_months, k.executed_at,
                   k.owner_id, k.version, k.message_template_id,
                   (SELECT count(*) FROM campaign_members m WHERE m.campaign_id = k.id) AS members
            FROM campaigns k LEFT JOIN segments s ON s.id = k.segment_id""";

    private static CampaignView map(ResultSet rs, int n) throws SQLException {
        Timestamp executed = rs.getTimestamp("executed_at");
        return new CampaignView(rs.getLong("id"), rs.getString("name"), CampaignChannel.valueOf(rs.getString("channel")),
                CampaignStatus.valueOf(rs.getString("status")), rs.getBigDecimal("budget"), rs.getString("currency"),
                localDate(rs.getDate("start_date")), localDate(rs.getDate("end_date")),
                (Long) rs.getObject("segment_id"), rs.getString("segment_name"), rs.getString("description"),
                localDate(rs.getDate("scheduled_on")), (Long) rs.getObject("coupon_id"),
                (Integer) rs.getObject("buyer_months"), executed == null ? null : executed.toInstant(),
                rs.getLong("owner_id"), rs.getInt("version"), rs.getLong("members"),
                (Long) rs.getObject("message_template_id"));
    }

    static LocalDate localDate(Date d) {
        return d == null ? null : d.toLocalDate();
    }

    static Date date(LocalDate d) {
        return d == null ? null : Date.valueOf(d);
    }
}
