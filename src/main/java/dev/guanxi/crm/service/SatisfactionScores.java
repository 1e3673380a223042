package dev.guanxi.crm.service;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * Survey answers for other modules (e.g. the analytics churn warning): the latest CSAT (1–5, after a closed ticket)
 * and NPS (0–10, from campaigns) answer per customer. No visibility filter: callers show aggregates or apply their
 * own. Segments of the marketing module may later become NPS campaign targets; the answers stay the same.
 */
public interface SatisfactionScores {

    /** The customer's latest CSAT answer, empty when they never answered one. */
    Optional<Score> latestCsat(long customerId);

    /** The latest CSAT answer of each given customer that has one. */
    Map<Long, Score> latestCsat(Collection<Long> customerIds);

    /** The latest NPS answer of each given customer that has one. */
    Map<Long, Score> npsByCustomer(Collection<Long> customerIds);

    /** One answer: the score and when it was given. */
    record Score(int score, Instant answeredAt) {
    }
}
