package dev.guanxi.crm.customer;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One customer row of an export, as the exporting user may see it: phone, e-mail, ID number and address are
 * already masked when {@code masked} is set.
 */
public record ExportedCustomer(long id, CustomerKind kind, String name, CustomerType customerType,
                               ValueTier valueTier, LoyaltyStatus loyaltyStatus, Settlement settlement,
                               CreditTerms creditTerms, BigDecimal creditLimit, LifecycleStage lifecycleStage,
                               RelationshipLevel relationshipLevel, String industry, String occupation,
                               LocalDate birthDate, Gender gender, String province, String city, String district,
                               String address, String source, List<String> tags, String phone, String email,
                               String idNumber, String notes, String ownerName, String teamName, Instant createdAt,
                               boolean masked) {
}
