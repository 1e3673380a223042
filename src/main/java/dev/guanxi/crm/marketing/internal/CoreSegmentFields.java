package dev.guanxi.crm.marketing.internal;

import dev.guanxi.crm.customer.CustomerAttribute;
import dev.guanxi.crm.marketing.SegmentField;
import dev.guanxi.crm.marketing.SegmentFieldType;
import dev.guanxi.crm.sales.SalesFigures;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Arrays;
import java.util.List;

/**
 * Marketing's own segment fields, declared as {@link SegmentField} beans exactly like other modules declare theirs:
 * customer attributes (through the customer module's whitelist) and purchase figures (through the sales API).
 */
@Configuration(proxyBeanMethods = false)
class CoreSegmentFields {

    /** A segment field with fixed SQL. */
    record Field(String name, String labelKey, SegmentFieldType type, String sql, List<String> options,
                 String optionLabelPrefix) implements SegmentField {
    }

    static SegmentField customer(String name, CustomerAttribute attribute) {
        SegmentFieldType type = switch (attribute.type()) {
            case TEXT -> SegmentFieldType.TEXT;
            case ENUM -> SegmentFieldType.CHOICE;
            case NUMBER -> SegmentFieldType.NUMBER;
            case DATE -> SegmentFieldType.DATE;
            case TEXT_ARRAY -> SegmentFieldType.TAGS;
        };
        List<String> options = attribute.valueEnum() == null ? List.of()
                : Arrays.stream(attribute.valueEnum().getEnumConstants()).map(Enum::name).toList();
        String prefix = attribute.valueEnum() == null ? null : "enum." + attribute.valueEnum().getSimpleName() + ".";
        return new Field(name, "segment.field." + name, type, attribute.sql(), options, prefix);
    }

    @Bean SegmentField segmentFieldName() { return customer("name", CustomerAttribute.NAME); }
    @Bean SegmentField segmentFieldKind() { return customer("kind", CustomerAttribute.KIND); }
    @Bean SegmentField segmentFieldCustomerType() { return customer("customerType", CustomerAttribute.CUSTOMER_TYPE); }
    @Bean SegmentField segmentFieldValueTier() { return customer("valueTier", CustomerAttribute.VALUE_TIER); }
    @Bean SegmentField segmentFieldLoyaltyStatus() { return customer("loyaltyStatus", CustomerAttribute.LOYALTY_STATUS); }
    @Bean SegmentField segmentFieldSettlement() { return customer("settlement", CustomerAttribute.SETTLEMENT); }
    @Bean SegmentField segmentFieldLifecycleStage() { return customer("lifecycleStage", CustomerAttribute.LIFECYCLE_STAGE); }
    @Bean SegmentField segmentFieldRelationshipLevel() { return customer("relationshipLevel", CustomerAttribute.RELATIONSHIP_LEVEL); }
    @Bean SegmentField segmentFieldGender() { return customer("gender", CustomerAttribute.GENDER); }
    @Bean SegmentField segmentFieldIndustry() { return customer("industry", CustomerAttribute.INDUSTRY); }
    @Bean SegmentField segmentFieldOccupation() { return customer("occupation", CustomerAttribute.OCCUPATION); }
    @Bean SegmentField segmentFieldProvince() { return customer("province", CustomerAttribute.PROVINCE); }
    @Bean SegmentField segmentFieldCity() { return customer("city", CustomerAttribute.CITY); }
    @Bean SegmentField segmentFieldDistrict() { return customer("district", CustomerAttribute.DISTRICT); }
    @Bean SegmentField segmentFieldSource() { return customer("source", CustomerAttribute.SOURCE); }
    @Bean SegmentField segmentFieldTags() { return customer("tags", CustomerAttribute.TAGS); }
    @Bean SegmentField segmentFieldBirthDate() { return customer("birthDate", CustomerAttribute.BIRTH_DATE); }
    @Bean SegmentField segmentFieldAge() { return customer("age", CustomerAttribute.AGE); }
    @Bean SegmentField segmentFieldCreatedAt() { return customer("createdAt", CustomerAttribute.CREATED_AT); }
    @Bean SegmentField segmentFieldCreditLimit() { return customer("creditLimit", CustomerAttribute.CREDIT_LIMIT); }

    @Bean
    SegmentField segmentFieldRevenue(SalesFigures sales) {
        return new Field("revenue", "segment.field.revenue", SegmentFieldType.NUMBER, sales.revenueExpression(),
                List.of(), null);
    }

    @Bean
    SegmentField segmentFieldOrderCount(SalesFigures sales) {
        return new Field("orderCount", "segment.field.orderCount", SegmentFieldType.NUMBER,
                sales.orderCountExpression(), List.of(), null);
    }

    @Bean
    SegmentField segmentFieldLastOrderDate(SalesFigures sales) {
        return new Field(LAST_ORDER_DATE, "segment.field.lastOrderDate", SegmentFieldType.DATE,
                sales.lastOrderDateExpression(), List.of(), null);
    }

    /** The field member days select past buyers by. */
    static final String LAST_ORDER_DATE = "lastOrderDate";
}
