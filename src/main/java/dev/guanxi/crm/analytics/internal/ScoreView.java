package dev.guanxi.crm.analytics.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A customer's scores of the latest run (view {@code customer_scores}); the model-step fields (pAlive,
 * expectedPurchases90/365, clvBgnbd, clusterId) are null until that step exists.
 */
public record ScoreView(long customerId, long runId, LocalDate asOf, int frequency, LocalDate firstPurchase,
                        LocalDate lastPurchase, Integer recencyDays, BigDecimal monetary,
                        BigDecimal avgInterpurchaseDays, BigDecimal recentSpend, BigDecimal previousSpend,
                        BigDecimal periodRevenue, Integer abcRank, BigDecimal cumulativeShare, String abcClass,
                        String valueTier, Integer rScore, Integer fScore, Integer mScore, String rfmSegment,
                        BigDecimal clvDwyer, String lifecycleStage, List<String> churnReasons,
                        BigDecimal valueAtRisk, Double pAlive, Double expectedPurchases90,
                        Double expectedPurchases365, BigDecimal clvBgnbd, Integer clusterId) {
}
