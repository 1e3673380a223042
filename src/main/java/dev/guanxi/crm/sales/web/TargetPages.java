package dev.guanxi.crm.sales.web;

import dev.guanxi.crm.common.InvalidInputException;
import dev.guanxi.crm.identity.CurrentUser;
import dev.guanxi.crm.identity.Permission;
import dev.guanxi.crm.identity.UserDirectory;
import dev.guanxi.crm.sales.OrderStatus;
import dev.guanxi.crm.sales.PeriodType;
import dev.guanxi.crm.sales.TargetMetric;
import dev.guanxi.crm.sales.internal.OpportunityService;
import dev.guanxi.crm.sales.internal.OrderQuery;
import dev.guanxi.crm.sales.internal.PipelineQuery;
import dev.guanxi.crm.sales.internal.SalesService;
import dev.guanxi.crm.sales.internal.TargetService;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Targets with attainment, and the dashboard with the signed-in user's sales widgets. */
@Controller
class TargetPages {

    private final TargetService targets;
    private final OpportunityService pipeline;
    private final SalesService sales;
    private final UserDirectory users;

    TargetPages(TargetService targets, OpportunityService pipeline, SalesService sales, UserDirectory users) {
        this.targets = targets;
        this.pipeline = pipeline;
        this.sales = sales;
        this.users = users;
    }

    @GetMapping("/sales/targets")
    String targets(@RequestParam(defaultValue = "MONTH") PeriodType periodType,
                   @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate period,
                   Model model) {
        LocalDate day = period == null ? LocalDate.now() : period;
        CurrentUser me = CurrentUser.get();
        model.addAttribute("progress", targets.progress(periodType, day));
        model.addAttribute("periodType", periodType);
        model.addAttribute("periodStart", periodType.start(day));
        model.addAttribute("previous", periodType.start(day).minusDays(1));
        model.addAttribute("next", periodType.end(periodType.start(day)));
        model.addAttribute("canSet", me.can(Permission.SET_TARGETS));
        model.addAttribute("assignable", users.activeUsers().stream().filter(me::mayAssignTo).toList());
        model.addAttribute("teams", users.teams().stream()
                .filter(t -> me.seesAll() || me.visibleTeamIds().contains(t.id())).toList());
        model.addAttribute("metrics", TargetMetric.values());
        return "sales/targets";
    }

    @PostMapping("/sales/targets")
    String set(@RequestParam PeriodType periodType,
               @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate period,
               @RequestParam String subject, @RequestParam TargetMetric metric,
               @RequestParam(required = false) BigDecimal amount, RedirectAttributes redirect) {
        Long userId = subject.startsWith("user:") ? parse(subject.substring(5)) : null;
        Long teamId = subject.startsWith("team:") ? parse(subject.substring(5)) : null;
        try {
            targets.set(userId, teamId, metric, periodType, period, amount);
            redirect.addFlashAttribute("message", "target.saved");
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("error", "target.invalid");
        }
        return "redirect:/sales/targets?periodType=" + periodType + "&period=" + period;
    }

    @GetMapping("/dashboard")
    String dashboard(Model model) {
        CurrentUser me = CurrentUser.get();
        LocalDate today = LocalDate.now();
        model.addAttribute("targets", targets.progress(PeriodType.MONTH, today).stream()
                .filter(t -> me.id() == (t.userId() == null ? -1 : t.userId())
                        || (t.teamId() != null && t.teamId().equals(me.teamId())))
                .toList());
        model.addAttribute("funnel", pipeline.funnel(new PipelineQuery(me.id(), null, null, null, null)));
        model.addAttribute("overdue", sales.search(new OrderQuery(null, null, null, null, null, true), true, 1, 5));
        model.addAttribute("drafts", sales.search(new OrderQuery(null, OrderStatus.DRAFT, me.id(), null, null, null),
                false, 1, 5));
        return "sales/dashboard";
    }

    private static Long parse(String id) {
        try {
            return Long.valueOf(id);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
