package dev.guanxi.crm.customer;

import java.math.BigDecimal;

/** What other modules need to know about a customer: who owns it and how it pays. */
public record CustomerSummary(long id, String name, CustomerKind kind, long ownerId, Long teamId, ValueTier valueTier,
                              Settlement settlement, CreditTerms creditTerms, BigDecimal creditLimit, boolean deleted) {
}
