package dev.guanxi.crm.marketing.web;

import dev.guanxi.crm.common.FieldProblem;
import dev.guanxi.crm.common.Forms;
import dev.guanxi.crm.common.InvalidInputException;
import dev.guanxi.crm.identity.CurrentUser;
import dev.guanxi.crm.marketing.CampaignChannel;
import dev.guanxi.crm.marketing.CampaignMemberStatus;
import dev.guanxi.crm.marketing.CampaignStatus;
import dev.guanxi.crm.marketing.internal.CampaignService;
import dev.guanxi.crm.marketing.internal.CampaignView;
import dev.guanxi.crm.marketing.internal.CouponData;
import dev.guanxi.crm.marketing.internal.CouponService;
import dev.guanxi.crm.marketing.internal.CouponView;
import dev.guanxi.crm.marketing.internal.ExpenseCategory;
import dev.guanxi.crm.marketing.internal.MarketingAccess;
import dev.guanxi.crm.marketing.internal.SegmentService;
import dev.guanxi.crm.marketing.internal.TargetGroups;
import jakarta.validation.Validator;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.LocalDate;
import java.util.function.LongSupplier;

/** Pages of campaigns (members, expenses, ROI), the ROI report, target groups and coupons. */
@Controller
@RequestMapping("/marketing")
class MarketingPages {

    private final dev.guanxi.crm.marketing.internal.MessageTemplates templates;

    private static final int PAGE_SIZE = 50;

    private final CampaignService campaigns;
    private final CouponService coupons;
    private final SegmentService segments;
    private final TargetGroups targetGroups;
    private final Validator validator;

    MarketingPages(CampaignService campaigns, CouponService coupons, SegmentService segments, TargetGroups targetGroups,
                   Validator validator,
                   dev.guanxi.crm.marketing.internal.MessageTemplates templates) {
        this.templates = templates;
        this.campaigns = campaigns;
        this.coupons = coupons;
        this.segments = segments;
        this.targetGroups = targetGroups;
        this.validator = validator;
    }

    @GetMapping
    String home() {
        MarketingAccess.viewer();
        return "redirect:/marketing/campaigns";
    }

    // ---- target groups

    @GetMapping("/target-groups")
    String targetGroups(@RequestParam(defaultValue = "province") String dimension,
                        @ModelAttribute("filter") TargetGroups.Filter filter, Model model) {
        TargetGroups.Dimension dim = TargetGroups.Dimension.parse(dimension)
                .orElseThrow(() -> new InvalidInputException("dimension", "targetgroup.unknown-dimension", dimension));
        model.addAttribute("result", targetGroups.distribution(dim, filter));
        model.addAttribute("dimensions", TargetGroups.Dimension.values());
        model.addAttribute("segments", segments.all());
        model.addAttribute("customerTypes", dev.guanxi.crm.customer.CustomerType.values());
        model.addAttribute("valueTiers", dev.guanxi.crm.customer.ValueTier.values());
        model.addAttribute("genders", dev.guanxi.crm.customer.Gender.values());
        model.addAttribute("filterQuery", query(filter, null));
        model.addAttribute("drillQuery", query(filter, "province"));
        return "marketing/target-groups";
    }

    /** The filters as "&name=value" pairs for links that change the dimension, without {@code except}. */
    private static String query(TargetGroups.Filter f, String except) {
        java.util.Map<String, Object> values = new java.util.LinkedHashMap<>();
        values.put("customerType", f.customerType());
        values.put("valueTier", f.valueTier());
        values.put("gender", f.gender());
        values.put("industry", f.industry());
        values.put("province", f.province());
        values.put("city", f.city());
        values.put("source", f.source());
        values.put("segmentId", f.segmentId());
        StringBuilder q = new StringBuilder();
        values.forEach((name, value) -> {
            if (value != null && !String.valueOf(value).isBlank() && !name.equals(except)) {
                q.append('&').append(name).append('=').append(java.net.URLEncoder.encode(String.valueOf(value),
                        java.nio.charset.StandardCharsets.UTF_8));
            }
        });
        return q.toString();
    }

    // ---- campaigns

    @GetMapping("/campaigns")
    String campaigns(@RequestParam(required = false) CampaignStatus status,
                     @RequestParam(required = false) CampaignChannel channel,
                     @RequestParam(defaultValue = "1") int page, Model model) {
        model.addAttribute("page", campaigns.list(status, channel, page, PAGE_SIZE));
        model.addAttribute("status", status);
        model.addAttribute("channel", channel);
        model.addAttribute("statuses", CampaignStatus.values());
        model.addAttribute("channels", CampaignChannel.values());
        model.addAttribute("canManage", MarketingAccess.canManage(CurrentUser.get()));
        return "marketing/campaigns";
    }

    @GetMapping("/campaigns/new")
    String newCampaign(Model model) {
        MarketingAccess.manager();
        return campaignForm(new CampaignForm(), null, model);
    }

    @PostMapping("/campaigns")
    String createCampaign(@ModelAttribute("form") CampaignForm form, BindingResult binding, Model model,
                          RedirectAttributes redirect) {
        Long id = attempt(form.data(), binding, () -> campaigns.create(form.data()));
        if (id == null) {
            return campaignForm(form, null, model);
        }
        redirect.addFlashAttribute("message", "campaign.saved");
        return "redirect:/marketing/campaigns/" + id;
    }

    @GetMapping("/campaigns/{id}/edit")
    String editCampaign(@PathVariable long id, Model model) {
        MarketingAccess.manager();
        CampaignView c = campaigns.get(id);
        return campaignForm(CampaignForm.of(c), c, model);
    }

    @PostMapping("/campaigns/{id}")
    String updateCampaign(@PathVariable long id, @RequestParam int version, @ModelAttribute("form") CampaignForm form,
                          BindingResult binding, Model model, RedirectAttributes redirect) {
        CampaignView c = campaigns.get(id);
        Long done = attempt(form.data(), binding, () -> {
            campaigns.update(id, version, form.data());
            return id;
        });
        if (done == null) {
            return campaignForm(form, c, model);
        }
        redirect.addFlashAttribute("message", "campaign.saved");
        return "redirect:/marketing/campaigns/" + id;
    }

    private String campaignForm(CampaignForm form, CampaignView existing, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("campaign", existing);
        model.addAttribute("segments", segments.all());
        model.addAttribute("coupons", coupons.list(null, 1, 200).items());
        model.addAttribute("templates", templates.all());
        model.addAttribute("channels", CampaignChannel.values());
        model.addAttribute("statuses", CampaignStatus.values());
        return "marketing/campaign-form";
    }

    @GetMapping("/campaigns/{id}")
    String campaign(@PathVariable long id, @RequestParam(required = false) CampaignMemberStatus memberStatus,
                    @RequestParam(defaultValue = "1") int page, Model model) {
        CampaignView c = campaigns.get(id);
        model.addAttribute("c", c);
        model.addAttribute("roi", campaigns.roi(id));
        model.addAttribute("members", campaigns.members(id, memberStatus, page, PAGE_SIZE));
        model.addAttribute("memberStatus", memberStatus);
        model.addAttribute("memberStatuses", CampaignMemberStatus.values());
        model.addAttribute("expenses", campaigns.expenses(id));
        model.addAttribute("categories", ExpenseCategory.values());
        model.addAttribute("segments", segments.all());
        model.addAttribute("coupons", coupons.list(id, 1, 50).items());
        if (!model.containsAttribute("expense")) {
            model.addAttribute("expense", new ExpenseForm());
        }
        model.addAttribute("canManage", MarketingAccess.canManage(CurrentUser.get()));
        return "marketing/campaign";
    }

    @PostMapping("/campaigns/{id}/members")
    String addMembers(@PathVariable long id, @RequestParam(required = false) Long segmentId,
                      RedirectAttributes redirect) {
        int added = campaigns.addMembers(id, segmentId);
        redirect.addFlashAttribute("added", added);
        return "redirect:/marketing/campaigns/" + id;
    }

    @PostMapping("/campaigns/{id}/members/{customerId}")
    String memberStatus(@PathVariable long id, @PathVariable long customerId, @RequestParam CampaignMemberStatus status,
                        RedirectAttributes redirect) {
        campaigns.setMemberStatus(id, customerId, status);
        redirect.addFlashAttribute("message", "campaign.member-updated");
        return "redirect:/marketing/campaigns/" + id;
    }

    @PostMapping("/campaigns/{id}/expenses")
    String addExpense(@PathVariable long id, @ModelAttribute("expense") ExpenseForm form, BindingResult binding,
                      Model model, RedirectAttributes redirect) {
        Long done = attempt(form.data(), binding, () -> campaigns.addExpense(id, form.data()));
        if (done == null) {
            return campaign(id, null, 1, model);
        }
        redirect.addFlashAttribute("message", "campaign.expense-added");
        return "redirect:/marketing/campaigns/" + id + "#expenses";
    }

    @PostMapping("/campaigns/{id}/expenses/{expenseId}/delete")
    String deleteExpense(@PathVariable long id, @PathVariable long expenseId, RedirectAttributes redirect) {
        campaigns.deleteExpense(id, expenseId);
        redirect.addFlashAttribute("message", "campaign.expense-deleted");
        return "redirect:/marketing/campaigns/" + id + "#expenses";
    }

    @GetMapping("/campaigns/report")
    String report(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                  Model model) {
        model.addAttribute("report", campaigns.report(from, to));
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        return "marketing/report";
    }

    // ---- coupons

    @GetMapping("/coupons")
    String coupons(@RequestParam(defaultValue = "1") int page, Model model) {
        model.addAttribute("page", coupons.list(null, page, PAGE_SIZE));
        model.addAttribute("canManage", MarketingAccess.canManage(CurrentUser.get()));
        return "marketing/coupons";
    }

    @GetMapping("/coupons/new")
    String newCoupon(@RequestParam(required = false) Long campaignId, Model model) {
        MarketingAccess.manager();
        CouponForm form = new CouponForm();
        form.setCampaignId(campaignId);
        return couponForm(form, model);
    }

    @PostMapping("/coupons")
    String createCoupon(@ModelAttribute("form") CouponForm form, BindingResult binding, Model model,
                        RedirectAttributes redirect) {
        Long id = attempt(form.data(), binding, () -> coupons.create(form.data()));
        if (id == null) {
            return couponForm(form, model);
        }
        redirect.addFlashAttribute("message", "coupon.saved");
        return "redirect:/marketing/coupons/" + id;
    }

    private String couponForm(CouponForm form, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("campaigns", campaigns.all());
        model.addAttribute("types", CouponData.DiscountType.values());
        return "marketing/coupon-form";
    }

    @GetMapping("/coupons/{id}")
    String coupon(@PathVariable long id, @RequestParam(defaultValue = "1") int page, Model model) {
        CouponView c = coupons.get(id);
        model.addAttribute("c", c);
        model.addAttribute("codes", coupons.codes(id, page, PAGE_SIZE));
        model.addAttribute("redemptions", coupons.redemptions(id));
        model.addAttribute("segments", segments.all());
        model.addAttribute("canManage", MarketingAccess.canManage(CurrentUser.get()));
        return "marketing/coupon";
    }

    @PostMapping("/coupons/{id}/codes")
    String generate(@PathVariable long id, @RequestParam(defaultValue = "0") int count, RedirectAttributes redirect) {
        return couponAction(id, redirect, () -> coupons.generateCodes(id, count), "coupon.generated");
    }

    @PostMapping("/coupons/{id}/issue")
    String issue(@PathVariable long id, @RequestParam long segmentId, RedirectAttributes redirect) {
        return couponAction(id, redirect, () -> coupons.issueToSegment(id, segmentId), "coupon.issued");
    }

    @PostMapping("/coupons/{id}/active")
    String active(@PathVariable long id, @RequestParam boolean active, RedirectAttributes redirect) {
        return couponAction(id, redirect, () -> {
            coupons.setActive(id, active);
            return 0;
        }, active ? "coupon.activated" : "coupon.deactivated");
    }

    private String couponAction(long id, RedirectAttributes redirect, LongSupplier action, String message) {
        try {
            redirect.addFlashAttribute("count", action.getAsLong());
            redirect.addFlashAttribute("message", message);
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("error", e.problems().get(0).messageKey());
        }
        return "redirect:/marketing/coupons/" + id;
    }

    /**
     * Validates what a form will store and runs the change; null when it was rejected, with the reasons on the
     * form's fields (or as global errors for fields the form does not have).
     */
    private <T> Long attempt(T data, BindingResult binding, LongSupplier change) {
        Forms.validate(validator, data, binding);
        if (binding.hasErrors()) {
            return null;
        }
        try {
            return change.getAsLong();
        } catch (InvalidInputException e) {
            for (FieldProblem p : e.problems()) {
                try {
                    binding.rejectValue(p.field(), p.messageKey(), p.args().toArray(), p.messageKey());
                } catch (RuntimeException notAFormField) {
                    binding.reject(p.messageKey(), p.args().toArray(), p.messageKey());
                }
            }
            return null;
        }
    }
}
