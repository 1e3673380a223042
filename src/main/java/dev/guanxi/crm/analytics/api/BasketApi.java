package dev.guanxi.crm.analytics.api;

import dev.guanxi.crm.analytics.internal.BasketAccess;
import dev.guanxi.crm.analytics.internal.BasketRules;
import dev.guanxi.crm.analytics.internal.BasketRuns;
import dev.guanxi.crm.common.NotFoundException;
import dev.guanxi.crm.common.PageResult;
import dev.guanxi.crm.identity.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.LocalDate;

/** Market-basket rules and mining runs (issue #6, 8). */
@RestController
@RequestMapping("/api/v1/analytics/basket")
@Tag(name = "Basket analysis")
class BasketApi {

    private final BasketRules rules;
    private final BasketRuns runs;

    BasketApi(BasketRules rules, BasketRuns runs) {
        this.rules = rules;
        this.runs = runs;
    }

    /** Overrides of the configured run parameters; each one optional. */
    record RunRequest(@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                      @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, Double minSupport,
                      Double minConfidence, Double minLift, Integer maxLength) {
    }

    @GetMapping("/rules")
    @Operation(summary = "Association rules of the latest successful run; sort: lift, confidence, support, count")
    PageResult<BasketRules.RuleView> rules(@RequestParam(required = false) Long productId,
                                           @RequestParam(required = false) Double minConfidence,
                                           @RequestParam(required = false) Double minLift,
                                           @RequestParam(defaultValue = "lift") String sort,
                                           @RequestParam(defaultValue = "desc") String dir,
                                           @RequestParam(defaultValue = "1") int page,
                                           @RequestParam(defaultValue = "50") int size) {
        return rules.find(new BasketRules.Query(productId, minConfidence, minLift, sort, dir, page, size));
    }

    @PostMapping("/runs")
    @Operation(summary = "Start a mining run (managers, analysts, admins); 409 while one is running")
    ResponseEntity<BasketRuns.Run> start(@RequestBody(required = false) RunRequest body) {
        CurrentUser user = CurrentUser.get();
        BasketAccess.checkMayRun(user);
        BasketRuns.Parameters d = runs.defaults();
        BasketRuns.Parameters parameters = body == null ? d : new BasketRuns.Parameters(
                body.from() == null ? d.from() : body.from(), body.to() == null ? d.to() : body.to(),
                body.minSupport() == null ? d.minSupport() : body.minSupport(),
                body.minConfidence() == null ? d.minConfidence() : body.minConfidence(),
                body.minLift() == null ? d.minLift() : body.minLift(),
                body.maxLength() == null ? d.maxLength() : body.maxLength());
        BasketRuns.Run run = runs.start(user.id(), parameters);
        return ResponseEntity.accepted().location(URI.create("/api/v1/analytics/basket/runs/" + run.id())).body(run);
    }

    @GetMapping("/runs/{id}")
    @Operation(summary = "A mining run: phase, counts, parameters, error")
    BasketRuns.Run run(@PathVariable long id) {
        return runs.find(id).orElseThrow(() -> new NotFoundException("Basket run", id));
    }
}
