package dev.guanxi.crm.analytics.web;

import dev.guanxi.crm.analytics.internal.DashboardSection;
import dev.guanxi.crm.analytics.internal.PivotDimension;
import dev.guanxi.crm.analytics.internal.PivotRequest;
import dev.guanxi.crm.analytics.internal.PivotResult;
import dev.guanxi.crm.analytics.internal.PivotService;
import dev.guanxi.crm.identity.CurrentUser;
import dev.guanxi.crm.identity.Role;
import dev.guanxi.crm.sales.PipelineByStage;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The manager dashboard: revenue trend (24 months; this year against last), pipeline by stage, and the sections
 * other analytics features contribute ({@link DashboardSection}). For managers, analysts and administrators; each
 * sees the records of their visibility (managers: their teams).
 */
@Controller
class ManagerDashboardPages {

    private static final Set<Role> ROLES = Set.of(Role.MANAGER, Role.ANALYST, Role.ADMIN);

    private final PivotService pivots;
    private final PipelineByStage pipeline;
    private final ObjectProvider<DashboardSection> sections;
    private final ZoneId zone;

    ManagerDashboardPages(PivotService pivots, PipelineByStage pipeline, ObjectProvider<DashboardSection> sections,
                          @Value("${guanxi.activity.zone:Asia/Shanghai}") ZoneId zone) {
        this.pivots = pivots;
        this.pipeline = pipeline;
        this.sections = sections;
        this.zone = zone;
    }

    @GetMapping("/analytics/dashboard")
    String dashboard(Model model, Locale locale) {
        CurrentUser me = CurrentUser.get();
        if (!ROLES.contains(me.role())) {
            throw new AccessDeniedException("The manager dashboard is for managers, analysts and administrators");
        }
        LocalDate today = LocalDate.now(zone);
        model.addAttribute("trend", ManagerDashboardTrend.of(monthlyRevenue(today, locale),
                revenue(today.withDayOfYear(1).minusYears(1), today.minusYears(1), locale), today));
        List<PipelineByStage.StageTotal> stages = pipeline.stages();
        model.addAttribute("stages", stages);
        model.addAttribute("openPipeline", stages.stream().filter(PipelineByStage.StageTotal::open)
                .map(PipelineByStage.StageTotal::amount).reduce(BigDecimal.ZERO, BigDecimal::add));
        model.addAttribute("weightedPipeline", stages.stream().filter(PipelineByStage.StageTotal::open)
                .map(PipelineByStage.StageTotal::weighted).reduce(BigDecimal.ZERO, BigDecimal::add));
        model.addAttribute("seesAll", me.seesAll());
        model.addAttribute("sections", sections.orderedStream()
                .sorted(Comparator.comparingInt(DashboardSection::order))
                .map(s -> s.content(me)).flatMap(Optional::stream).toList());
        return "analytics/dashboard";
    }

    private BigDecimal revenue(LocalDate from, LocalDate to, Locale locale) {
        PivotRequest request = new PivotRequest(PivotDimension.YEAR, null, List.of("revenue"), from, to, Map.of());
        return pivots.run(request, locale).grandTotal().get("revenue");
    }

    /** Revenue per month from January of last year (or 23 months back, if earlier) to this month. */
    private Map<YearMonth, BigDecimal> monthlyRevenue(LocalDate today, Locale locale) {
        LocalDate from = today.withDayOfMonth(1).minusMonths(23);
        LocalDate lastJanuary = today.withDayOfYear(1).minusYears(1);
        PivotRequest request = new PivotRequest(PivotDimension.MONTH, null, List.of("revenue"),
                from.isBefore(lastJanuary) ? from : lastJanuary, today, Map.of());
        PivotResult result = pivots.run(request, locale);
        Map<YearMonth, BigDecimal> revenue = new java.util.TreeMap<>();
        result.rows().forEach(r -> revenue.put(YearMonth.parse(r.member().key()), r.total().get("revenue")));
        return revenue;
    }
}
