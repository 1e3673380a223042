package dev.guanxi.crm.analytics.web;

import dev.guanxi.crm.activity.TaskScheduling;
import dev.guanxi.crm.analytics.internal.ChurnQuery;
import dev.guanxi.crm.analytics.internal.RfmSegment;
import dev.guanxi.crm.analytics.internal.ScoreQueries;
import dev.guanxi.crm.analytics.internal.Scoring;
import dev.guanxi.crm.analytics.internal.ScoringRun;
import dev.guanxi.crm.analytics.internal.ScoringRuns;
import dev.guanxi.crm.analytics.internal.ScoringService;
import dev.guanxi.crm.common.ConflictException;
import dev.guanxi.crm.common.InvalidInputException;
import dev.guanxi.crm.common.NotFoundException;
import dev.guanxi.crm.common.PageResult;
import dev.guanxi.crm.customer.CustomerDirectory;
import dev.guanxi.crm.customer.CustomerSummary;
import dev.guanxi.crm.identity.CurrentUser;
import dev.guanxi.crm.identity.Role;
import dev.guanxi.crm.identity.UserDirectory;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;

/** The analytics overview with the scoring run, the ABC (Pareto) report, the RFM grid and the churn-risk list. */
@Controller
@RequestMapping("/analytics")
class AnalyticsPages {

    static final int PAGE_SIZE = 25;
    /** Roles that may start a scoring run. */
    static final EnumSet<Role> RUNNERS = EnumSet.of(Role.MANAGER, Role.ANALYST, Role.ADMIN);

    private final ScoringService scoring;
    private final ScoringRuns runs;
    private final ScoreQueries queries;
    private final CustomerDirectory customers;
    private final UserDirectory users;
    private final TaskScheduling tasks;
    private final MessageSource messages;
    private final ZoneId zone;
    private final dev.guanxi.crm.analytics.internal.ClusterAnalysis clusters;
    private final List<dev.guanxi.crm.analytics.ChurnSignal> signals;

    AnalyticsPages(ScoringService scoring, ScoringRuns runs, ScoreQueries queries, CustomerDirectory customers,
                   UserDirectory users, TaskScheduling tasks, MessageSource messages,
                   @Value("${guanxi.activity.zone:Asia/Shanghai}") ZoneId zone,
                   dev.guanxi.crm.analytics.internal.ClusterAnalysis clusters,
                   List<dev.guanxi.crm.analytics.ChurnSignal> signals) {
        this.clusters = clusters;
        this.signals = signals;
        this.scoring = scoring;
        this.runs = runs;
        this.queries = queries;
        this.customers = customers;
        this.users = users;
        this.tasks = tasks;
        this.messages = messages;
        this.zone = zone;
    }

    static boolean mayRun() {
        return RUNNERS.contains(CurrentUser.get().role());
    }

    @GetMapping
    String overview(Model model) {
        model.addAttribute("latest", runs.latestSucceeded().orElse(null));
        model.addAttribute("running", runs.running().orElse(null));
        model.addAttribute("history", runs.history(20, 0));
        model.addAttribute("canRun", mayRun());
        return "analytics/overview";
    }

    @PostMapping("/runs")
    String start(RedirectAttributes redirect) {
        if (!mayRun()) {
            throw new AccessDeniedException("This role may not start a scoring run");
        }
        try {
            scoring.start(null, null);
            redirect.addFlashAttribute("message", "analytics.run.started");
        } catch (ConflictException e) {
            redirect.addFlashAttribute("error", "analytics.run.already-running");
        }
        return "redirect:/analytics";
    }

    /** The progress bar, polled by htmx while the run is running; reloads the page when it has finished. */
    @GetMapping("/runs/{id}/progress")
    String progress(@PathVariable long id, Model model, HttpServletResponse response) {
        ScoringRun run = runs.find(id).orElseThrow(() -> new NotFoundException("Scoring run", id));
        if (!run.running()) {
            response.setHeader("HX-Refresh", "true");
        }
        model.addAttribute("run", run);
        return "analytics/overview :: progress";
    }

    /** Clustering (聚类): k chosen by the user, or suggested by the silhouette when k is empty. */
    @GetMapping("/clusters")
    String clusters(@RequestParam(required = false) Integer k, Model model) {
        model.addAttribute("latest", runs.latestSucceeded().orElse(null));
        model.addAttribute("result", clusters.cluster(k));
        model.addAttribute("k", k);
        return "analytics/clusters";
    }

    /** Saves each cluster of the given k (or the suggested one) as a static marketing segment. */
    @org.springframework.web.bind.annotation.PostMapping("/clusters/segments")
    String saveClusters(@RequestParam(required = false) Integer k,
                        org.springframework.web.servlet.mvc.support.RedirectAttributes redirect) {
        int saved = clusters.saveAsSegments(k).size();
        redirect.addFlashAttribute("message", "clusters.saved");
        redirect.addFlashAttribute("saved", saved);
        return "redirect:/analytics/clusters" + (k == null ? "" : "?k=" + k);
    }

    @GetMapping("/abc")
    String abc(Model model) {
        model.addAttribute("latest", runs.latestSucceeded().orElse(null));
        model.addAttribute("pareto", queries.pareto());
        return "analytics/abc";
    }

    @GetMapping("/rfm")
    String rfm(@RequestParam(required = false) Integer r, @RequestParam(required = false) Integer f,
               @RequestParam(defaultValue = "1") int page, Model model) {
        model.addAttribute("latest", runs.latestSucceeded().orElse(null));
        model.addAttribute("grid", queries.grid());
        model.addAttribute("scores", List.of(5, 4, 3, 2, 1));
        model.addAttribute("segments", RfmSegment.values());
        if (r != null && f != null) {
            try {
                model.addAttribute("cell", queries.cell(r, f, Math.max(1, page), PAGE_SIZE));
                model.addAttribute("r", r);
                model.addAttribute("f", f);
                model.addAttribute("pageLink", "/analytics/rfm?r=" + r + "&f=" + f + "&page=");
            } catch (InvalidInputException e) {
                model.addAttribute("filterError", true);
            }
        }
        return "analytics/rfm";
    }

    @GetMapping("/churn")
    String churn(@ModelAttribute("query") ChurnQuery query, @RequestParam(defaultValue = "1") int page,
                 HttpServletRequest request, Model model) {
        try {
            model.addAttribute("page", queries.churn(query, Math.max(1, page), PAGE_SIZE));
        } catch (InvalidInputException e) {
            model.addAttribute("page", new PageResult<>(List.of(), 1, PAGE_SIZE, false, 0, false));
            model.addAttribute("filterError", true);
        }
        model.addAttribute("latest", runs.latestSucceeded().orElse(null));
        model.addAttribute("segments", RfmSegment.values());
        List<String> reasons = new java.util.ArrayList<>(List.of(Scoring.RECENCY_OVERDUE, Scoring.SPEND_DOWN,
                Scoring.LOW_P_ALIVE));
        signals.forEach(signal -> reasons.add(signal.code()));
        model.addAttribute("reasons", reasons);
        model.addAttribute("owners", users.activeUsers());
        model.addAttribute("teams", users.teams());
        String others = request.getQueryString() == null ? ""
                : request.getQueryString().replaceAll("(^|&)page=[^&]*", "").replaceFirst("^&", "");
        model.addAttribute("pageLink", "/analytics/churn?" + others
                + (others.isEmpty() ? "" : "&") + "page=");
        return "analytics/churn";
    }

    /** One click on the churn list: a win-back task for the customer's owner, due in two days. */
    @PostMapping("/churn/{customerId}/task")
    String winBack(@PathVariable long customerId, @RequestParam(required = false) String back,
                   RedirectAttributes redirect) {
        CustomerSummary customer = customers.findVisible(customerId).filter(c -> !c.deleted())
                .orElseThrow(() -> new NotFoundException("Customer", customerId));
        List<String> reasons = queries.forCustomer(customerId).map(s -> s.churnReasons()).orElse(List.of());
        var locale = LocaleContextHolder.getLocale();
        String subject = messages.getMessage("churn.task.subject", new Object[]{customer.name()}, locale);
        String notes = messages.getMessage("churn.task.notes", new Object[]{String.join(", ", reasons.stream()
                .map(r -> messages.getMessage("churn.reason." + r, null, r, locale)).toList())}, locale);
        try {
            tasks.createTask(customerId, customer.ownerId(), subject.length() > 200 ? subject.substring(0, 200)
                    : subject, notes, LocalDate.now(zone).plusDays(2).atTime(LocalTime.of(10, 0)).atZone(zone)
                    .toInstant());
            redirect.addFlashAttribute("message", "churn.task.created");
            redirect.addFlashAttribute("messageArg", customer.name());
        } catch (InvalidInputException e) {
            redirect.addFlashAttribute("error", "churn.task.not-allowed");
        }
        return "redirect:" + (back != null && back.startsWith("/analytics/churn") ? back : "/analytics/churn");
    }
}
