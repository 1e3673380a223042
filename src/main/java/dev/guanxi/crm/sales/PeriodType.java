package dev.guanxi.crm.sales;

import java.time.LocalDate;

/** Target periods: a calendar month or quarter, identified by its first day. */
public enum PeriodType {
    MONTH, QUARTER;

    /** The first day of the period containing {@code day}. */
    public LocalDate start(LocalDate day) {
        LocalDate first = day.withDayOfMonth(1);
        return this == MONTH ? first : first.withMonth((day.getMonthValue() - 1) / 3 * 3 + 1);
    }

    public LocalDate end(LocalDate start) {
        return this == MONTH ? start.plusMonths(1) : start.plusMonths(3);
    }
}
