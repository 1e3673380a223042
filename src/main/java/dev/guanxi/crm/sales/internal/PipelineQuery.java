package dev.guanxi.crm.sales.internal;

import org.springframework.format.annotation.DateTimeFormat;

import java.time.LocalDate;

/** Filters of the opportunity board, list and funnel: owner, team, customer, creation period. */
public record PipelineQuery(Long ownerId, Long teamId, Long customerId,
                            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {

    public static PipelineQuery empty() {
        return new PipelineQuery(null, null, null, null, null);
    }
}
