package dev.guanxi.crm.customer;

/**
 * The customer columns other modules may select and group customers by, each with its SQL expression over the
 * customers table aliased {@code c} (see {@link CustomerSelection}). This enum is the whitelist: callers build
 * conditions from these expressions, fixed operators and bound parameters only, never from user text.
 */
public enum CustomerAttribute {
    NAME("c.name", ValueType.TEXT, null),
    KIND("c.kind", ValueType.ENUM, CustomerKind.class),
    CUSTOMER_TYPE("c.customer_type", ValueType.ENUM, CustomerType.class),
    VALUE_TIER("c.value_tier", ValueType.ENUM, ValueTier.class),
    LOYALTY_STATUS("c.loyalty_status", ValueType.ENUM, LoyaltyStatus.class),
    SETTLEMENT("c.settlement", ValueType.ENUM, Settlement.class),
    LIFECYCLE_STAGE("c.lifecycle_stage", ValueType.ENUM, LifecycleStage.class),
    RELATIONSHIP_LEVEL("c.relationship_level", ValueType.ENUM, RelationshipLevel.class),
    GENDER("c.gender", ValueType.ENUM, Gender.class),
    INDUSTRY("c.industry", ValueType.TEXT, null),
    OCCUPATION("c.occupation", ValueType.TEXT, null),
    PROVINCE("c.province", ValueType.TEXT, null),
    CITY("c.city", ValueType.TEXT, null),
    DISTRICT("c.district", ValueType.TEXT, null),
    SOURCE("c.source", ValueType.TEXT, null),
    TAGS("c.tags", ValueType.TEXT_ARRAY, null),
    BIRTH_DATE("c.birth_date", ValueType.DATE, null),
    /** Age in whole years today (null without a birth date). */
    AGE("date_part('year', age(c.birth_date))::int", ValueType.NUMBER, null),
    /** Age band label: under 25, 25-34, 35-44, 45-54, 55+ (null without a birth date). */
    AGE_BAND("""
            CASE WHEN c.birth_date IS NULL THEN NULL
                 WHEN c.birth_date > current_date - interval '25 years' THEN 'U25'
                 WHEN c.birth_date > current_date - interval '35 years' THEN 'A25_34'
                 WHEN c.birth_date > current_date - interval '45 years' THEN 'A35_44'
                 WHEN c.birth_date > current_date - interval '55 years' THEN 'A45_54'
                 ELSE 'A55_PLUS' END""", ValueType.TEXT, null),
    CREDIT_LIMIT("c.credit_limit", ValueType.NUMBER, null),
    CREATED_AT("c.created_at::date", ValueType.DATE, null),
    OWNER_ID("c.owner_id", ValueType.NUMBER, null),
    TEAM_ID("c.team_id", ValueType.NUMBER, null);

    /** How values of an attribute are typed when bound as parameters. */
    public enum ValueType { TEXT, ENUM, NUMBER, DATE, TEXT_ARRAY }

    private final String sql;
    private final ValueType type;
    private final Class<? extends Enum<?>> values;

    CustomerAttribute(String sql, ValueType type, Class<? extends Enum<?>> values) {
        this.sql = sql;
        this.type = type;
        this.values = values;
    }

    /** The SQL expression over the customers table aliased {@code c}. */
    public String sql() {
        return sql;
    }

    public ValueType type() {
        return type;
    }

    /** The enum whose names are the allowed values, for {@link ValueType#ENUM}; else null. */
    public Class<? extends Enum<?>> valueEnum() {
        return values;
    }
}
