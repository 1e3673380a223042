package dev.guanxi.crm.analytics.api;

import dev.guanxi.crm.analytics.internal.ChurnQuery;
import dev.guanxi.crm.analytics.internal.ChurnRow;
import dev.guanxi.crm.analytics.internal.ScoreQueries;
import dev.guanxi.crm.analytics.internal.ScoreView;
import dev.guanxi.crm.analytics.internal.ScoringRun;
import dev.guanxi.crm.analytics.internal.ScoringRuns;
import dev.guanxi.crm.analytics.internal.ScoringService;
import dev.guanxi.crm.common.InvalidInputException;
import dev.guanxi.crm.common.NotFoundException;
import dev.guanxi.crm.common.PageResult;
import dev.guanxi.crm.identity.CurrentUser;
import dev.guanxi.crm.identity.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;

/** REST API of the scoring run and its scores. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Analytics")
class AnalyticsApi {

    private static final EnumSet<Role> RUNNERS = EnumSet.of(Role.MANAGER, Role.ANALYST, Role.ADMIN);

    private final ScoringService scoring;
    private final ScoringRuns runs;
    private final ScoreQueries queries;

    AnalyticsApi(ScoringService scoring, ScoringRuns runs, ScoreQueries queries) {
        this.scoring = scoring;
        this.runs = runs;
        this.queries = queries;
    }

    @GetMapping("/customers/{id}/scores")
    @Operation(summary = "The customer's scores of the latest scoring run (ABC, RFM, CLV, lifecycle, churn reasons); "
            + "404 when the customer is not visible or not scored yet")
    ScoreView scores(@PathVariable long id) {
        return queries.forCustomer(id).orElseThrow(() -> new NotFoundException("Scores of customer", id));
    }

    @GetMapping("/analytics/runs")
    @Operation(summary = "Scoring runs, newest first, with their summary figures")
    PageResult<ScoringRun> runs(@RequestParam(defaultValue = "1") int page,
                                @RequestParam(defaultValue = "20") int size) {
        PageResult.checkRequest(page, size);
        return PageResult.fromProbe(runs.history(size + 1, (page - 1) * size), page, size);
    }

    @GetMapping("/analytics/runs/{id}")
    ScoringRun run(@PathVariable long id) {
        return runs.find(id).orElseThrow(() -> new NotFoundException("Scoring run", id));
    }

    @PostMapping("/analytics/runs")
    @Operation(summary = "Start a scoring run in the background (managers, analysts, admins): 202 with the run's "
            + "location to poll; 409 while another run is running. asOf (YYYY-MM-DD, default today) and "
            + "periodMonths (ABC period, 1..120) are optional")
    ResponseEntity<ScoringRun> start(@RequestParam(required = false) String asOf,
                                     @RequestParam(required = false) String periodMonths) {
        if (!RUNNERS.contains(CurrentUser.get().role())) {
            throw new AccessDeniedException("This role may not start a scoring run");
        }
        LocalDate date;
        Integer months;
        try {
            date = asOf == null || asOf.isBlank() ? null : LocalDate.parse(asOf);
        } catch (DateTimeParseException e) {
            throw new InvalidInputException("asOf", "analytics.invalid.as-of");
        }
        try {
            months = periodMonths == null || periodMonths.isBlank() ? null : Integer.valueOf(periodMonths.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("periodMonths", "analytics.invalid.period");
        }
        long id = scoring.start(date, months);
        ScoringRun run = runs.find(id).orElseThrow();
        return ResponseEntity.accepted()
                .location(ServletUriComponentsBuilder.fromCurrentRequest().replaceQuery(null).path("/{id}")
                        .build(id)).body(run);
    }

    @GetMapping("/analytics/churn")
    @Operation(summary = "Visible customers with a churn warning, highest value at risk first. Filters: reason "
            + "(RECENCY_OVERDUE, SPEND_DOWN, LOW_P_ALIVE or another module's code), segment (RFM segment), abcClass "
            + "(A, B, C), ownerId, teamId; sort: value, recency or name")
    PageResult<ChurnRow> churn(@ModelAttribute ChurnQuery query, @RequestParam(defaultValue = "1") int page,
                               @RequestParam(defaultValue = "50") int size) {
        return queries.churn(query, page, size);
    }
}
