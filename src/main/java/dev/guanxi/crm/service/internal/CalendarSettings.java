package dev.guanxi.crm.service.internal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;

/** The business calendar as edited on the SLA page and the API. */
public record CalendarSettings(@NotBlank String zone, @NotEmpty Set<DayOfWeek> workDays, @NotNull LocalTime dayStart,
                               @NotNull LocalTime dayEnd, List<@jakarta.validation.Valid Holiday> holidays, @NotNull Integer version) {

    public record Holiday(@NotNull LocalDate day, @NotBlank String name) {
    }
}
