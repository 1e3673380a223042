package dev.guanxi.crm.loyalty.web;

import dev.guanxi.crm.common.ConflictException;
import dev.guanxi.crm.common.FieldProblem;
import dev.guanxi.crm.common.Forms;
import dev.guanxi.crm.common.InvalidInputException;
import dev.guanxi.crm.identity.CurrentUser;
import dev.guanxi.crm.loyalty.TierBasis;
import dev.guanxi.crm.loyalty.internal.EarningRules;
import dev.guanxi.crm.loyalty.internal.LoyaltyAccess;
import dev.guanxi.crm.loyalty.internal.LoyaltyQueries;
import dev.guanxi.crm.loyalty.internal.PointsService;
import dev.guanxi.crm.loyalty.internal.TierService;
import jakarta.validation.Validator;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.math.BigDecimal;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The loyalty programme page (tiers, rules, members), tier form, and a customer's points page. */
@Controller
class LoyaltyPages {

    private static final int PAGE_SIZE = 25;

    private final PointsService points;
    private final TierService tiers;
    private final LoyaltyQueries queries;
    private final Validator validator;

    LoyaltyPages(PointsService points, TierService tiers, LoyaltyQueries queries, Validator validator) {
        this.points = points;
        this.tiers = tiers;
        this.queries = queries;
        this.validator = validator;
    }

    @GetMapping("/loyalty")
    String overview(@RequestParam(required = false) Long tierId, @RequestParam(defaultValue = "1") int page,
                    Model model) {
        CurrentUser me = CurrentUser.get();
        model.addAttribute("tiers", tiers.all());
        model.addAttribute("tierNames", tierNames());
        model.addAttribute("sizes", queries.tierSizes());
        model.addAttribute("rules", points.rules());
        model.addAttribute("totals", queries.totals());
        model.addAttribute("members", queries.members(tierId, Math.max(1, page), PAGE_SIZE));
        model.addAttribute("tierId", tierId);
        model.addAttribute("pageLink", "/loyalty?" + (tierId == null ? "" : "tierId=" + tierId + "&") + "page=");
        model.addAttribute("canConfigure", LoyaltyAccess.mayConfigure(me));
        return "loyalty/overview";
    }

    @GetMapping("/loyalty/customers/{id}")
    String customer(@PathVariable long id, @RequestParam(defaultValue = "1") int page, Model model) {
        CurrentUser me = CurrentUser.get();
        model.addAttribute("customer", points.visible(id));
        model.addAttribute("statement", points.statement(id, Math.max(1, page), PAGE_SIZE));
        model.addAttribute("memberTier", queries.memberTier(id));
        model.addAttribute("tierNames", tierNames());
        model.addAttribute("pageLink", "/loyalty/customers/" + id + "?page=");
        model.addAttribute("canRedeem", LoyaltyAccess.mayRedeem(me));
        model.addAttribute("canAdjust", LoyaltyAccess.mayAdjust(me));
        return "loyalty/customer";
    }

    @PostMapping("/loyalty/customers/{id}/redeem")
    String redeem(@PathVariable long id, @RequestParam(required = false) String points,
                  @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        return change(id, redirect, () -> this.points.redeem(id, parse(points), reason, null), "loyalty.redeemed");
    }

    @PostMapping("/loyalty/customers/{id}/adjust")
    String adjust(@PathVariable long id, @RequestParam(required = false) String points,
                  @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        return change(id, redirect, () -> this.points.adjust(id, parse(points), reason), "loyalty.adjusted");
    }

    private String change(long id, RedirectAttributes redirect, Runnable action, String done) {
        try {
            action.run();
            redirect.addFlashAttribute("message", done);
        } catch (InvalidInputException e) {
            FieldProblem p = e.problems().get(0);
            redirect.addFlashAttribute("error", p.messageKey());
            redirect.addFlashAttribute("errorArgs", p.args().toArray());
        }
        return "redirect:/loyalty/customers/" + id;
    }

    private static int parse(String points) {
        try {
            return Integer.parseInt(points == null ? "" : points.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("points", "loyalty.validation.whole-number");
        }
    }

    // ---- tiers

    @GetMapping("/loyalty/tiers/new")
    String newTier(Model model) {
        model.addAttribute("form", new TierForm());
        return tierForm(model, null);
    }

    @GetMapping("/loyalty/tiers/{id}/edit")
    String editTier(@PathVariable long id, Model model) {
        model.addAttribute("form", TierForm.of(tiers.get(id)));
        return tierForm(model, id);
    }

    @PostMapping("/loyalty/tiers")
    String createTier(@ModelAttribute("form") TierForm form, BindingResult binding, Model model,
                      RedirectAttributes redirect) {
        return saveTier(null, form, binding, model, redirect);
    }

    @PostMapping("/loyalty/tiers/{id}")
    String updateTier(@PathVariable long id, @ModelAttribute("form") TierForm form, BindingResult binding, Model model,
                      RedirectAttributes redirect) {
        return saveTier(id, form, binding, model, redirect);
    }

    private String saveTier(Long id, TierForm form, BindingResult binding, Model model, RedirectAttributes redirect) {
        TierService.TierData data = form.toData();
        Forms.validate(validator, data, binding);
        if (!binding.hasErrors()) {
            try {
                if (id == null) {
                    tiers.create(data);
                } else {
                    tiers.update(id, form.getVersion(), data);
                }
                redirect.addFlashAttribute("message", "loyalty.tier.saved");
                return "redirect:/loyalty";
            } catch (InvalidInputException e) {
                e.problems().forEach(p -> binding.rejectValue(p.field(), p.messageKey(), p.args().toArray(), p.messageKey()));
            } catch (ConflictException e) {
                model.addAttribute("error", "loyalty.stale");
            }
        }
        return tierForm(model, id);
    }

    private String tierForm(Model model, Long id) {
        if (!LoyaltyAccess.mayConfigure(CurrentUser.get())) {
            throw new org.springframework.security.access.AccessDeniedException("configure loyalty");
        }
        model.addAttribute("tierId", id);
        model.addAttribute("bases", TierBasis.values());
        return "loyalty/tier-form";
    }

    // ---- earning rules

    @PostMapping("/loyalty/rules")
    String saveRule(@RequestParam(required = false) Long id, @RequestParam(defaultValue = "0") int version,
                    @RequestParam(required = false) String name, @RequestParam(required = false) String pointsPerUnit,
                    @RequestParam(required = false) String multiplier, @RequestParam(required = false) String campaignId,
                    @RequestParam(defaultValue = "false") boolean active, RedirectAttributes redirect) {
        try {
            EarningRules.RuleData data = new EarningRules.RuleData(name == null ? "" : name, "CNY",
                    decimal("pointsPerUnit", pointsPerUnit), campaignId == null || campaignId.isBlank() ? null
                    : decimal("campaignId", campaignId).longValueExact(), decimal("multiplier", multiplier), active);
            if (!validator.validate(data).isEmpty()) {
                throw new InvalidInputException("rule", "loyalty.rule.invalid");
            }
            if (id == null) {
                points.createRule(data);
            } else {
                points.updateRule(id, version, data);
            }
            redirect.addFlashAttribute("message", "loyalty.rule.saved");
        } catch (InvalidInputException | ArithmeticException e) {
            redirect.addFlashAttribute("error", "loyalty.rule.invalid");
        } catch (ConflictException e) {
            redirect.addFlashAttribute("error", "loyalty.stale");
        }
        return "redirect:/loyalty";
    }

    private static BigDecimal decimal(String field, String value) {
        try {
            return value == null || value.isBlank() ? null : new BigDecimal(value.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(field, "loyalty.rule.invalid");
        }
    }

    private Map<Long, TierService.Tier> tierNames() {
        return tiers.all().stream().collect(Collectors.toMap(TierService.Tier::id, Function.identity()));
    }
}
