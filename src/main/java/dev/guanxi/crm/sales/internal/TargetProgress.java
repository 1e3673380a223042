package dev.guanxi.crm.sales.internal;

import dev.guanxi.crm.sales.PeriodType;
import dev.guanxi.crm.sales.TargetMetric;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;

/** A target with what was achieved so far in its period. */
public record TargetProgress(long id, Long userId, Long teamId, String subject, TargetMetric metric,
                             PeriodType periodType, LocalDate periodStart, BigDecimal target, BigDecimal actual) {

    /** Attainment in percent, one decimal. */
    @JsonProperty
    public BigDecimal percent() {
        return actual.multiply(BigDecimal.valueOf(100)).divide(target, 1, RoundingMode.HALF_UP);
    }
}
