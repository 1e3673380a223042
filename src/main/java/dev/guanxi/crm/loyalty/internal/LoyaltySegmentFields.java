package dev.guanxi.crm.loyalty.internal;

import dev.guanxi.crm.marketing.SegmentField;
import dev.guanxi.crm.marketing.SegmentFieldType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Loyalty fields for marketing segments: the member tier (its English name and rank) and the points balance. */
@Configuration(proxyBeanMethods = false)
class LoyaltySegmentFields {

    record Field(String name, String labelKey, SegmentFieldType type, String sql) implements SegmentField {
    }

    @Bean
    SegmentField segmentFieldLoyaltyTier() {
        return new Field("loyaltyTier", "segment.field.loyaltyTier", SegmentFieldType.TEXT,
                "(SELECT t.name_en FROM loyalty_members m JOIN loyalty_tiers t ON t.id = m.tier_id WHERE m.customer_id = c.id)");
    }

    @Bean
    SegmentField segmentFieldLoyaltyTierRank() {
        return new Field("loyaltyTierRank", "segment.field.loyaltyTierRank", SegmentFieldType.NUMBER,
                "(SELECT t.rank FROM loyalty_members m JOIN loyalty_tiers t ON t.id = m.tier_id WHERE m.customer_id = c.id)");
    }

    @Bean
    SegmentField segmentFieldLoyaltyPoints() {
        return new Field("loyaltyPoints", "segment.field.loyaltyPoints", SegmentFieldType.NUMBER,
                "(SELECT coalesce(sum(p.points), 0) FROM points_ledger p WHERE p.customer_id = c.id)");
    }
}
