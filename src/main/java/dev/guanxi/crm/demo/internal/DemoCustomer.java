package dev.guanxi.crm.demo.internal;

import dev.guanxi.crm.customer.CreditTerms;
import dev.guanxi.crm.customer.CustomerKind;
import dev.guanxi.crm.customer.CustomerType;
import dev.guanxi.crm.customer.Gender;
import dev.guanxi.crm.customer.LifecycleStage;
import dev.guanxi.crm.customer.LoyaltyStatus;
import dev.guanxi.crm.customer.RelationshipLevel;
import dev.guanxi.crm.customer.Settlement;
import dev.guanxi.crm.customer.ValueTier;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** One generated customer row with its contacts; nullable fields are simply left empty in the database. */
record DemoCustomer(long id, CustomerKind kind, String name, CustomerType type, ValueTier valueTier,
                    LoyaltyStatus loyaltyStatus, Settlement settlement, CreditTerms creditTerms, Long creditLimit,
                    LifecycleStage lifecycleStage, RelationshipLevel relationshipLevel, String industry,
                    String occupation, LocalDate birthDate, Gender gender, Region region, String address,
                    String source, List<String> tags, String phone, String email, String idNumber, long ownerId,
                    long teamId, Instant createdAt, Instant updatedAt, List<Contact> contacts) {

    /** A contact person of an organization. */
    record Contact(String name, String title, String role, String phone, String email, boolean primary) {
    }
}
