package dev.guanxi.crm.service.internal;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SLA deadline arithmetic in business hours: Mon–Fri 09:00–18:00 Asia/Shanghai with 2026 holidays. */
class BusinessCalendarTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    // Labour Day 2026: Friday 1 May, and Monday 4 and Tuesday 5 May
    static final BusinessCalendar CAL = new BusinessCalendar(SHANGHAI,
            EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0), LocalTime.of(18, 0),
            Set.of(LocalDate.of(2026, 5, 1), LocalDate.of(2026, 5, 4), LocalDate.of(2026, 5, 5)));

    static Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(SHANGHAI).toInstant();
    }

    @Test
    void withinOneWorkingDay() {
        assertThat(CAL.plus(at("2026-03-10T10:00"), Duration.ofHours(4))).isEqualTo(at("2026-03-10T14:00"));
        assertThat(CAL.plus(at("2026-03-10T10:00"), Duration.ofHours(8))).isEqualTo(at("2026-03-10T18:00"));
    }

    @Test
    void overnightContinuesNextMorning() {
        assertThat(CAL.plus(at("2026-03-10T16:00"), Duration.ofHours(4))).isEqualTo(at("2026-03-11T11:00"));
    }

    @Test
    void beforeAndAfterHoursStartCountingAtTheNextOpening() {
        assertThat(CAL.plus(at("2026-03-10T06:30"), Duration.ofHours(1))).isEqualTo(at("2026-03-10T10:00"));
        assertThat(CAL.plus(at("2026-03-10T21:00"), Duration.ofMinutes(30))).isEqualTo(at("2026-03-11T09:30"));
    }

    @Test
    void acrossAWeekend() {
        // Friday 13 March 2026, 17:00 + 2 h → Monday 16 March 10:00
        assertThat(CAL.plus(at("2026-03-13T17:00"), Duration.ofHours(2))).isEqualTo(at("2026-03-16T10:00"));
        // opened on Saturday: the clock starts on Monday morning
        assertThat(CAL.plus(at("2026-03-14T11:00"), Duration.ofHours(1))).isEqualTo(at("2026-03-16T10:00"));
    }

    @Test
    void acrossAWeekendAndHolidays() {
        // Thursday 30 April 16:00 + 4 h: 2 h on Thursday, then Fri 1 May (holiday), the weekend, Mon 4 and Tue 5
        // May (holidays) are skipped → Wednesday 6 May 11:00
        assertThat(CAL.plus(at("2026-04-30T16:00"), Duration.ofHours(4))).isEqualTo(at("2026-05-06T11:00"));
        // three working days (27 h) from Wednesday 29 April 09:00 → Wed 29, Thu 30, then Wed 6 May 18:00
        assertThat(CAL.plus(at("2026-04-29T09:00"), Duration.ofHours(27))).isEqualTo(at("2026-05-06T18:00"));
    }

    @Test
    void betweenCountsOnlyWorkingTimeAndIsNegativeBackwards() {
        assertThat(CAL.between(at("2026-04-30T16:00"), at("2026-05-06T11:00"))).isEqualTo(Duration.ofHours(4));
        assertThat(CAL.between(at("2026-05-06T11:00"), at("2026-04-30T16:00"))).isEqualTo(Duration.ofHours(-4));
        assertThat(CAL.between(at("2026-03-14T08:00"), at("2026-03-15T20:00"))).as("a weekend").isZero();
        assertThat(CAL.between(at("2026-03-10T07:00"), at("2026-03-10T20:00"))).isEqualTo(Duration.ofHours(9));
    }

    @Test
    void plusAndBetweenAgree() {
        Instant from = at("2026-04-28T13:17");
        for (int minutes : new int[]{1, 59, 540, 541, 2000, 10000}) {
            Instant deadline = CAL.plus(from, Duration.ofMinutes(minutes));
            assertThat(CAL.between(from, deadline)).isEqualTo(Duration.ofMinutes(minutes));
        }
    }

    @Test
    void aCalendarWithoutWorkingDaysIsRejected() {
        assertThatThrownBy(() -> new BusinessCalendar(SHANGHAI, Set.of(), LocalTime.of(9, 0), LocalTime.of(18, 0), Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BusinessCalendar(SHANGHAI, Set.of(DayOfWeek.MONDAY), LocalTime.of(18, 0), LocalTime.of(9, 0), Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
