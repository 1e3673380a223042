package dev.guanxi.crm.sales;

import java.math.BigDecimal;

/** An opportunity was opened; owner and team are those of the customer it was opened for. */
public record OpportunityCreated(long opportunityId, long customerId, long ownerId, Long teamId, BigDecimal amount,
                                 String currency) {
}
