package dev.guanxi.crm.customer;

/** Filters of the customer list (UI and API bind the same names from query parameters). */
public record CustomerQuery(String q, CustomerKind kind, CustomerType customerType, ValueTier valueTier,
                            LoyaltyStatus loyaltyStatus, Settlement settlement, LifecycleStage lifecycleStage,
                            RelationshipLevel relationshipLevel, Gender gender, String industry, String occupation,
                            String province, String city, String district, String source, String tag, Long ownerId,
                            Long teamId, Boolean deleted) {

    public static CustomerQuery empty() {
        return new CustomerQuery(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null);
    }

    public boolean showDeleted() {
        return Boolean.TRUE.equals(deleted);
    }
}
