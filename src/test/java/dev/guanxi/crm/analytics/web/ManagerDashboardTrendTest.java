package dev.guanxi.crm.analytics.web;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ManagerDashboardTrendTest {

    @Test
    void lastTwentyFourMonthsAndThisYearAgainstLastYear() {
        Map<YearMonth, BigDecimal> revenue = Map.of(
                YearMonth.of(2024, 12), new BigDecimal("10"),
                YearMonth.of(2025, 1), new BigDecimal("100"),
                YearMonth.of(2025, 3), new BigDecimal("300"),
                YearMonth.of(2026, 1), new BigDecimal("150"),
                YearMonth.of(2026, 3), new BigDecimal("50"));
        ManagerDashboardTrend t = ManagerDashboardTrend.of(revenue, new BigDecimal("400"), LocalDate.of(2026, 3, 15));
        assertThat(t.months()).hasSize(24).startsWith("2024-04").endsWith("2026-03");
        assertThat(t.last24().get(t.months().indexOf("2024-12"))).isEqualByComparingTo("10");
        assertThat(t.last24().get(t.months().indexOf("2026-02"))).as("a month without revenue").isZero();
        assertThat(t.thisYear()).as("January to this month").hasSize(3);
        assertThat(t.lastYear()).hasSize(12);
        assertThat(t.lastYear().get(2)).isEqualByComparingTo("300");
        assertThat(t.yearToDate()).isEqualByComparingTo("200");
        assertThat(t.thisMonth()).isEqualByComparingTo("50");
        assertThat(t.change()).isEqualTo(-0.5);
        assertThat(ManagerDashboardTrend.of(Map.of(), BigDecimal.ZERO, LocalDate.of(2026, 3, 15)).change())
                .as("no revenue last year: no percentage").isNull();
    }
}
