package dev.guanxi.crm.sales.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** An opportunity as the API returns it. */
public record OpportunityView(long id, long customerId, String name, BigDecimal amount, String currency,
                              LocalDate expectedClose, long ownerId, Long teamId, Long sourceCampaignId, String stage,
                              int probability, BigDecimal weightedAmount, String lossReason, Instant stageEnteredAt,
                              Instant closedAt, Instant createdAt, int version) {

    public static OpportunityView of(Opportunity o) {
        return new OpportunityView(o.id(), o.customerId(), o.name(), o.amount(), o.currency(), o.expectedClose(),
                o.ownerId(), o.teamId(), o.sourceCampaignId(), o.stage().code(), o.stage().probability(),
                o.weightedAmount(), o.lossReason(), o.stageEnteredAt(), o.closedAt(), o.createdAt(), o.version());
    }
}
