package dev.guanxi.crm.analytics.internal;

import java.math.BigDecimal;
import java.util.List;

/** A line of the churn-risk list: the customer, why it is flagged and what is at stake. */
public record ChurnRow(long customerId, String name, long ownerId, String ownerName, Long teamId, String abcClass,
                       String rfmSegment, String lifecycleStage, Integer recencyDays, BigDecimal avgInterpurchaseDays,
                       int frequency, BigDecimal monetary, BigDecimal valueAtRisk, Double pAlive,
                       List<String> churnReasons) {

    public ChurnRow withOwnerName(String owner) {
        return new ChurnRow(customerId, name, ownerId, owner, teamId, abcClass, rfmSegment, lifecycleStage,
                recencyDays, avgInterpurchaseDays, frequency, monetary, valueAtRisk, pAlive, churnReasons);
    }
}
