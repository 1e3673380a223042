package dev.guanxi.crm.sales.api;

import dev.guanxi.crm.sales.PeriodType;
import dev.guanxi.crm.sales.TargetMetric;
import dev.guanxi.crm.sales.internal.TargetProgress;
import dev.guanxi.crm.sales.internal.TargetService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** REST API for performance targets and their attainment. */
@RestController
@RequestMapping("/api/v1/targets")
@Tag(name = "Targets")
class TargetApi {

    private final TargetService targets;

    TargetApi(TargetService targets) {
        this.targets = targets;
    }

    record TargetRequest(Long userId, Long teamId, @NotNull(message = "{validation.required}") TargetMetric metric,
                         @NotNull(message = "{validation.required}") PeriodType periodType,
                         @NotNull(message = "{validation.required}") LocalDate period,
                         @NotNull(message = "{validation.required}") BigDecimal amount) {
    }

    @GetMapping
    @Operation(summary = "Targets of the month or quarter containing 'period' (default today) with actual and %")
    List<TargetProgress> list(@RequestParam(defaultValue = "MONTH") PeriodType periodType,
                              @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate period) {
        return targets.progress(periodType, period == null ? LocalDate.now() : period);
    }

    @PutMapping
    @Operation(summary = "Set the target of a user or a team (exactly one) for the period containing 'period'")
    List<TargetProgress> set(@Valid @RequestBody TargetRequest body) {
        targets.set(body.userId(), body.teamId(), body.metric(), body.periodType(), body.period(), body.amount());
        return targets.progress(body.periodType(), body.period());
    }
}
