package dev.guanxi.crm.analytics.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** One scoring run as the pages and the API show it (summary figures null until it succeeded). */
public record ScoringRun(long id, String status, String trigger, Long requestedBy, LocalDate asOf, int periodMonths,
                         Instant startedAt, Instant finishedAt, String phase, int progress, Integer customers,
                         Integer customersWithOrders, BigDecimal periodRevenue, Integer classA, Integer classB,
                         Integer classC, BigDecimal retentionRate, Integer churnFlagged, BigDecimal valueAtRisk,
                         Integer tiersChanged, Integer stagesChanged, Long durationMs, String error) {

    public boolean running() {
        return "RUNNING".equals(status);
    }
}
