package dev.guanxi.crm.sales;

import java.math.BigDecimal;

/** An opportunity reached a won stage; {@code sourceCampaignId} is the campaign it came from, if any. */
public record OpportunityWon(long opportunityId, long customerId, Long sourceCampaignId, BigDecimal amount,
                             String currency) {
}
