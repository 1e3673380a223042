package dev.guanxi.crm.sales.api;

import dev.guanxi.crm.common.InvalidInputException;
import dev.guanxi.crm.common.Versions;
import dev.guanxi.crm.sales.internal.Forecast;
import dev.guanxi.crm.sales.internal.Funnel;
import dev.guanxi.crm.sales.internal.OpportunityData;
import dev.guanxi.crm.sales.internal.OpportunityService;
import dev.guanxi.crm.sales.internal.OpportunityView;
import dev.guanxi.crm.sales.internal.PipelineQuery;
import dev.guanxi.crm.sales.internal.Stage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.util.List;

/** REST API for opportunities, their stages and the funnel report. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Pipeline")
class PipelineApi {

    private final OpportunityService pipeline;

    PipelineApi(OpportunityService pipeline) {
        this.pipeline = pipeline;
    }

    record StageMove(@NotBlank(message = "{validation.required}") String stage,
                     @Size(max = 500, message = "{validation.size.max}") String lossReason) {
    }

    @GetMapping("/opportunity-stages")
    List<Stage> stages() {
        return pipeline.stages();
    }

    @GetMapping("/opportunities")
    @Operation(summary = "Opportunities visible to the caller, by expected close; filter by stage, owner, team, customer")
    dev.guanxi.crm.common.PageResult<OpportunityView> list(@ModelAttribute PipelineQuery query,
                                                          @RequestParam(required = false) String stage,
                                                          @RequestParam(defaultValue = "1") int page,
                                                          @RequestParam(defaultValue = "50") int size) {
        return pipeline.list(query, stage, page, size).map(OpportunityView::of);
    }

    @GetMapping("/opportunities/{id}")
    ResponseEntity<OpportunityView> get(@PathVariable long id) {
        OpportunityView o = OpportunityView.of(pipeline.get(id));
        return Versions.ok(o, o.version());
    }

    @PostMapping("/opportunities")
    ResponseEntity<OpportunityView> create(@Valid @RequestBody OpportunityData body) {
        long id = pipeline.create(body);
        OpportunityView o = OpportunityView.of(pipeline.get(id));
        return Versions.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}").build(id), o, o.version());
    }

    @PutMapping("/opportunities/{id}")
    ResponseEntity<OpportunityView> update(@PathVariable long id, @Valid @RequestBody OpportunityData body,
                                           @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                           @RequestParam(required = false) Integer version) {
        pipeline.update(id, Versions.expected(ifMatch, version), body);
        OpportunityView o = OpportunityView.of(pipeline.get(id));
        return Versions.ok(o, o.version());
    }

    @PostMapping("/opportunities/{id}/stage")
    @Operation(summary = "Move to a stage (LOST needs lossReason); send the version read as If-Match")
    ResponseEntity<OpportunityView> move(@PathVariable long id, @Valid @RequestBody StageMove body,
                                         @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                         @RequestParam(required = false) Integer version) {
        pipeline.move(id, Versions.expected(ifMatch, version), body.stage(), body.lossReason());
        OpportunityView o = OpportunityView.of(pipeline.get(id));
        return Versions.ok(o, o.version());
    }

    @GetMapping("/forecast")
    @Operation(summary = "Open pipeline per month of expected close: best case, commit (≥75%) and weighted")
    Forecast forecast(@ModelAttribute PipelineQuery query) {
        return pipeline.forecast(query);
    }

    @GetMapping("/funnel")
    @Operation(summary = "Count and amount per stage, stage-to-stage conversion, days per stage, win rate, cycle")
    Funnel funnel(@ModelAttribute PipelineQuery query) {
        return pipeline.funnel(query);
    }
}
