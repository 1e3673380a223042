package dev.guanxi.crm.service.web;

import dev.guanxi.crm.common.ConflictException;
import dev.guanxi.crm.common.Forms;
import dev.guanxi.crm.customer.CustomerType;
import dev.guanxi.crm.customer.LifecycleStage;
import dev.guanxi.crm.customer.LoyaltyStatus;
import dev.guanxi.crm.customer.ValueTier;
import dev.guanxi.crm.service.internal.SurveyCampaign;
import dev.guanxi.crm.service.internal.SurveyKind;
import dev.guanxi.crm.service.internal.SurveyReports;
import dev.guanxi.crm.service.internal.SurveyService;
import jakarta.validation.Validator;
import org.springframework.beans.factory.annotation.Value;
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
import java.time.ZoneId;

/** Pages of satisfaction surveys: invitations and answers, NPS campaigns, and the CSAT/NPS report. */
@Controller
@RequestMapping("/service/surveys")
class SurveyPages {

    private final SurveyService surveys;
    private final SurveyReports reports;
    private final Validator validator;
    private final ZoneId zone;

    private final dev.guanxi.crm.marketing.Segments segments;

    SurveyPages(SurveyService surveys, SurveyReports reports, Validator validator,
                @Value("${guanxi.activity.zone:Asia/Shanghai}") ZoneId zone, dev.guanxi.crm.marketing.Segments segments) {
        this.segments = segments;
        this.surveys = surveys;
        this.reports = reports;
        this.validator = validator;
        this.zone = zone;
    }

    @GetMapping
    String invitations(@RequestParam(required = false) SurveyKind kind, @RequestParam(required = false) Long campaignId,
                       @RequestParam(required = false) Long customerId, @RequestParam(required = false) Boolean answered,
                       @RequestParam(defaultValue = "1") int page, Model model) {
        model.addAttribute("result", surveys.invitations(kind, campaignId, customerId, answered, page, 25)
                .map(i -> new InvitationRow(i, surveys.link(i))));
        model.addAttribute("kind", kind);
        model.addAttribute("answered", answered);
        model.addAttribute("campaignId", campaignId);
        model.addAttribute("customerId", customerId);
        model.addAttribute("kinds", SurveyKind.values());
        model.addAttribute("zone", zone);
        model.addAttribute("now", java.time.Instant.now());
        return "service/surveys";
    }

    /** An invitation with its public link. */
    record InvitationRow(dev.guanxi.crm.service.internal.SurveyInvitation i, String link) {
    }

    @GetMapping("/campaigns")
    String campaigns(@RequestParam(defaultValue = "1") int page, Model model) {
        model.addAttribute("result", surveys.campaigns(page, 25));
        model.addAttribute("form", new SurveyCampaignForm());
        return campaignsPage(model);
    }

    private String campaignsPage(Model model) {
        if (!model.containsAttribute("result")) {
            model.addAttribute("result", surveys.campaigns(1, 25));
        }
        model.addAttribute("tiers", ValueTier.values());
        model.addAttribute("customerTypes", CustomerType.values());
        model.addAttribute("stages", LifecycleStage.values());
        model.addAttribute("loyalties", LoyaltyStatus.values());
        model.addAttribute("segments", segments.all());
        model.addAttribute("zone", zone);
        return "service/survey-campaigns";
    }

    @PostMapping("/campaigns")
    String create(@ModelAttribute("form") SurveyCampaignForm form, BindingResult binding, Model model,
                  RedirectAttributes redirect) {
        if (!binding.hasErrors()) {
            Forms.validate(validator, form.toDraft(), binding);
        }
        if (binding.hasErrors()) {
            return campaignsPage(model);
        }
        long id = surveys.createCampaign(form.toDraft());
        redirect.addFlashAttribute("message", "survey.campaign.created");
        return "redirect:/service/surveys/campaigns/" + id;
    }

    @GetMapping("/campaigns/{id}")
    String campaign(@PathVariable long id, Model model) {
        SurveyCampaign c = surveys.campaign(id);
        model.addAttribute("c", c);
        model.addAttribute("nps", reports.campaign(id));
        model.addAttribute("zone", zone);
        return "service/survey-campaign";
    }

    @PostMapping("/campaigns/{id}/send")
    String send(@PathVariable long id, @RequestParam int version, RedirectAttributes redirect) {
        try {
            int invited = surveys.sendCampaign(id, version);
            redirect.addFlashAttribute("message", "survey.campaign.sent");
            redirect.addFlashAttribute("invited", invited);
        } catch (ConflictException e) {
            redirect.addFlashAttribute("conflict", e.getMessage());
        }
        return "redirect:/service/surveys/campaigns/" + id;
    }

    @GetMapping("/report")
    String report(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                  @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                  @RequestParam(required = false) SurveyReports.CsatGroup by, Model model) {
        model.addAttribute("report", reports.report(from, to, by));
        model.addAttribute("groups", SurveyReports.CsatGroup.values());
        return "service/survey-report";
    }
}
