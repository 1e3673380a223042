package dev.guanxi.crm.analytics.internal;

import java.time.LocalDate;
import java.util.List;

/**
 * Where the probabilistic models plug into the scoring run (package {@code dev.guanxi.crm.analytics.model}):
 * a bean of this type is called once per run, after ABC, RFM and Dwyer CLV and before the churn warning and the
 * lifecycle stage, with every customer of the run. It fills {@link CustomerFacts#pAlive},
 * {@link CustomerFacts#expectedPurchases90}, {@link CustomerFacts#expectedPurchases365},
 * {@link CustomerFacts#clvBgnbd} and {@link CustomerFacts#clusterId} (leave null what it cannot estimate); the run
 * then applies the P(alive) rules of the churn warning and the lifecycle and stores the columns of the same names
 * in {@code customer_scores}.
 *
 * <p>BG/NBD inputs per customer (days; divide by 7 for weeks): x = frequency − 1 repeat purchase days,
 * t_x = lastDay − firstDay, T = asOf − firstDay; customers without purchases have frequency 0.
 */
public interface ScoreEnricher {

    void enrich(List<CustomerFacts> customers, LocalDate asOf);
}
