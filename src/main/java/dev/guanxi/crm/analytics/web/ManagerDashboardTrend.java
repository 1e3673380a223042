package dev.guanxi.crm.analytics.web;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The revenue trend of the manager dashboard: the last 24 months, this year and last year by month, and this year
 * to date against the same period last year (1 January to the same day).
 *
 * @param change year-to-date change against last year as a fraction, null when last year had no revenue
 */
record ManagerDashboardTrend(List<String> months, List<BigDecimal> last24, List<BigDecimal> thisYear,
                             List<BigDecimal> lastYear, BigDecimal yearToDate, BigDecimal lastYearToDate,
                             Double change, BigDecimal thisMonth) {

    static ManagerDashboardTrend of(Map<YearMonth, BigDecimal> revenue, BigDecimal lastYtd, LocalDate today) {
        YearMonth now = YearMonth.from(today);
        List<String> months = new ArrayList<>();
        List<BigDecimal> last24 = new ArrayList<>();
        for (YearMonth m = now.minusMonths(23); !m.isAfter(now); m = m.plusMonths(1)) {
            months.add(m.toString());
            last24.add(revenue.getOrDefault(m, BigDecimal.ZERO));
        }
        List<BigDecimal> thisYear = new ArrayList<>();
        List<BigDecimal> lastYear = new ArrayList<>();
        BigDecimal ytd = BigDecimal.ZERO;
        for (int month = 1; month <= 12; month++) {
            YearMonth current = YearMonth.of(now.getYear(), month);
            BigDecimal last = revenue.getOrDefault(current.minusYears(1), BigDecimal.ZERO);
            lastYear.add(last);
            if (!current.isAfter(now)) {
                BigDecimal value = revenue.getOrDefault(current, BigDecimal.ZERO);
                thisYear.add(value);
                ytd = ytd.add(value);
            }
        }
        Double change = lastYtd.signum() == 0 ? null
                : ytd.subtract(lastYtd).divide(lastYtd, 4, RoundingMode.HALF_UP).doubleValue();
        return new ManagerDashboardTrend(months, last24, thisYear, lastYear, ytd, lastYtd, change,
                revenue.getOrDefault(now, BigDecimal.ZERO));
    }
}
