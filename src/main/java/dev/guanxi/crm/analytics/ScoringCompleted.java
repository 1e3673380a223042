package dev.guanxi.crm.analytics;

import java.time.LocalDate;

/**
 * Published when a scoring run has stored new scores (ABC, RFM, CLV, lifecycle, churn warning) for every customer;
 * they are readable from then on in the view {@code customer_scores}.
 */
public record ScoringCompleted(long runId, LocalDate asOf) {
}
