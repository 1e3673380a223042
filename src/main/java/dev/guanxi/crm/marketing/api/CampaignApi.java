package dev.guanxi.crm.marketing.api;

import dev.guanxi.crm.common.PageResult;
import dev.guanxi.crm.common.Versions;
import dev.guanxi.crm.marketing.CampaignChannel;
import dev.guanxi.crm.marketing.CampaignMemberStatus;
import dev.guanxi.crm.marketing.CampaignStatus;
import dev.guanxi.crm.marketing.internal.CampaignData;
import dev.guanxi.crm.marketing.internal.CampaignRoi;
import dev.guanxi.crm.marketing.internal.CampaignService;
import dev.guanxi.crm.marketing.internal.CampaignView;
import dev.guanxi.crm.marketing.internal.ExpenseData;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** REST API of campaigns: members, expenses and the ROI report. */
@RestController
@RequestMapping("/api/v1/campaigns")
@Tag(name = "Marketing")
class CampaignApi {

    private final CampaignService campaigns;

    CampaignApi(CampaignService campaigns) {
        this.campaigns = campaigns;
    }

    @GetMapping
    PageResult<CampaignView> list(@RequestParam(required = false) CampaignStatus status,
                                  @RequestParam(required = false) CampaignChannel channel,
                                  @RequestParam(defaultValue = "1") int page,
                                  @RequestParam(defaultValue = "50") int size) {
        return campaigns.list(status, channel, page, size);
    }

    @GetMapping("/{id}")
    ResponseEntity<CampaignView> get(@PathVariable long id) {
        CampaignView c = campaigns.get(id);
        return Versions.ok(c, c.version());
    }

    @PostMapping
    ResponseEntity<CampaignView> create(@Valid @RequestBody CampaignData body) {
        long id = campaigns.create(body);
        CampaignView c = campaigns.get(id);
        return Versions.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").build(id), c, c.version());
    }

    @PutMapping("/{id}")
    ResponseEntity<CampaignView> update(@PathVariable long id, @Valid @RequestBody CampaignData body,
                                        @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                        @RequestParam(required = false) Integer version) {
        campaigns.update(id, Versions.expected(ifMatch, version), body);
        CampaignView c = campaigns.get(id);
        return Versions.ok(c, c.version());
    }

    record AddMembers(Long segmentId) {
    }

    @PostMapping("/{id}/members")
    @Operation(summary = "Add the customers of a segment (default: the campaign's) as members; returns how many were added")
    Map<String, Integer> addMembers(@PathVariable long id, @RequestBody(required = false) AddMembers body) {
        return Map.of("added", campaigns.addMembers(id, body == null ? null : body.segmentId()));
    }

    @GetMapping("/{id}/members")
    PageResult<CampaignService.MemberRow> members(@PathVariable long id,
                                                  @RequestParam(required = false) CampaignMemberStatus status,
                                                  @RequestParam(defaultValue = "1") int page,
                                                  @RequestParam(defaultValue = "50") int size) {
        return campaigns.members(id, status, page, size);
    }

    record MemberStatus(CampaignMemberStatus status) {
    }

    @PutMapping("/{id}/members/{customerId}")
    @Operation(summary = "Move a member forward: SENT, RESPONDED or CONVERTED (never back)")
    ResponseEntity<Void> memberStatus(@PathVariable long id, @PathVariable long customerId,
                                      @RequestBody MemberStatus body) {
        if (body == null || body.status() == null) {
            throw new dev.guanxi.crm.common.InvalidInputException("status", "validation.required");
        }
        campaigns.setMemberStatus(id, customerId, body.status());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{id}/expenses")
    List<CampaignService.ExpenseView> expenses(@PathVariable long id) {
        return campaigns.expenses(id);
    }

    @PostMapping("/{id}/expenses")
    ResponseEntity<List<CampaignService.ExpenseView>> addExpense(@PathVariable long id,
                                                                 @Valid @RequestBody ExpenseData body) {
        campaigns.addExpense(id, body);
        return ResponseEntity.status(HttpStatus.CREATED).body(campaigns.expenses(id));
    }

    @DeleteMapping("/{id}/expenses/{expenseId}")
    ResponseEntity<Void> deleteExpense(@PathVariable long id, @PathVariable long expenseId) {
        campaigns.deleteExpense(id, expenseId);
        return ResponseEntity.noContent().build();
    }

    /** The ROI figures of a campaign; ratios are null when undefined (no expenses, responses or members). */
    record RoiView(long campaignId, String name, BigDecimal expenses, BigDecimal revenue, BigDecimal roi,
                   BigDecimal costPerResponse, BigDecimal conversionRate, long targeted, long responded,
                   long converted, long opportunities, long wonOpportunities, BigDecimal wonAmount, long orders) {

        static RoiView of(Long id, String name, CampaignRoi r) {
            return new RoiView(id == null ? 0 : id, name, r.expenses(), r.revenue(), r.roi(), r.costPerResponse(),
                    r.conversionRate(), r.targeted(), r.responded(), r.converted(), r.opportunities(),
                    r.wonOpportunities(), r.wonAmount(), r.orders());
        }
    }

    @GetMapping("/{id}/roi")
    @Operation(summary = "Expenses, attributed revenue (payments), ROI = (revenue − expenses) / expenses, cost per response, conversion rate")
    RoiView roi(@PathVariable long id) {
        CampaignView c = campaigns.get(id);
        return RoiView.of(id, c.name(), campaigns.roi(id));
    }

    record ReportView(List<RoiView> campaigns, RoiView total) {
    }

    @GetMapping("/report")
    @Operation(summary = "The ROI report across the campaigns that started in the period, with totals")
    ReportView report(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        CampaignService.Report report = campaigns.report(from, to);
        return new ReportView(report.rows().stream().map(r -> RoiView.of(r.campaign().id(), r.campaign().name(),
                r.roi())).toList(), RoiView.of(null, null, report.total()));
    }
}
