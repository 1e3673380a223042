package dev.guanxi.crm.sales.internal;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;

/**
 * Open pipeline per month of expected close. Best case: every open opportunity closes; commit: those in stages of
 * at least {@link #COMMIT_PROBABILITY}% probability; weighted: amount × stage probability.
 */
public record Forecast(List<Month> months, Month total) {

    public static final int COMMIT_PROBABILITY = 75;

    /** @param month null for opportunities without an expected close date */
    public record Month(YearMonth month, long count, BigDecimal bestCase, BigDecimal commit, BigDecimal weighted) {
    }
}
