package dev.guanxi.crm.service.internal;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

/**
 * Working time (工作时间) for SLA deadlines: working days of the week, one daily window of working hours in a time
 * zone, and holidays. Pure arithmetic, no I/O.
 */
public record BusinessCalendar(ZoneId zone, Set<DayOfWeek> workDays, LocalTime dayStart, LocalTime dayEnd,
                               Set<LocalDate> holidays) {

    /** A calendar never looks further than this for the next working day. */
    private static final int MAX_DAYS = 3700;

    public BusinessCalendar {
        workDays = Set.copyOf(workDays);
        holidays = Set.copyOf(holidays);
        if (workDays.isEmpty()) {
            throw new IllegalArgumentException("A business calendar needs at least one working day");
        }
        if (!dayEnd.isAfter(dayStart)) {
            throw new IllegalArgumentException("Working hours must end after they start");
        }
    }

    public boolean isWorkingDay(LocalDate day) {
        return workDays.contains(day.getDayOfWeek()) && !holidays.contains(day);
    }

    /** The moment {@code amount} of working time after {@code from} (time outside working hours does not count). */
    public Instant plus(Instant from, Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("Negative working time: " + amount);
        }
        LocalDateTime t = LocalDateTime.ofInstant(from, zone);
        Duration left = amount;
        for (int i = 0; i < MAX_DAYS; i++) {
            LocalDate day = t.toLocalDate();
            LocalDateTime open = day.atTime(dayStart);
            LocalDateTime close = day.atTime(dayEnd);
            if (isWorkingDay(day) && t.isBefore(close)) {
                LocalDateTime begin = t.isBefore(open) ? open : t;
                Duration available = Duration.between(begin, close);
                if (left.compareTo(available) <= 0) {
                    return ZonedDateTime.of(begin.plus(left), zone).toInstant();
                }
                left = left.minus(available);
            }
            t = day.plusDays(1).atStartOfDay();
        }
        throw new IllegalStateException("No working time within " + MAX_DAYS + " days of " + from);
    }

    /** Working time from {@code from} to {@code to}; negative when {@code to} is earlier. */
    public Duration between(Instant from, Instant to) {
        if (to.isBefore(from)) {
            return between(to, from).negated();
        }
        LocalDateTime a = LocalDateTime.ofInstant(from, zone);
        LocalDateTime b = LocalDateTime.ofInstant(to, zone);
        Duration sum = Duration.ZERO;
        for (LocalDate day = a.toLocalDate(); !day.isAfter(b.toLocalDate()); day = day.plusDays(1)) {
            if (!isWorkingDay(day)) {
                continue;
            }
            LocalDateTime open = max(day.atTime(dayStart), a);
            LocalDateTime close = min(day.atTime(dayEnd), b);
            if (close.isAfter(open)) {
                sum = sum.plus(Duration.between(open, close));
            }
        }
        return sum;
    }

    /** The length of one working day. */
    public Duration workingDay() {
        return Duration.between(dayStart, dayEnd);
    }

    private static LocalDateTime max(LocalDateTime x, LocalDateTime y) {
        return x.isAfter(y) ? x : y;
    }

    private static LocalDateTime min(LocalDateTime x, LocalDateTime y) {
        return x.isBefore(y) ? x : y;
    }
}
