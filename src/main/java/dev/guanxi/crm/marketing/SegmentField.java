package dev.guanxi.crm.marketing;

import java.util.List;
import java.util.Set;

/**
 * A field segment rules can test (SPI). Marketing contributes the customer and sales fields; other modules
 * (loyalty tier, analytics scores) declare theirs as Spring beans implementing this interface, and the segment
 * builder, its validation and its SQL pick them up.
 *
 * <p>{@link #sql()} is a SQL expression over the customers table aliased {@code c} that yields the field's value
 * for one customer, e.g. {@code c.industry} or
 * {@code (SELECT t.tier FROM loyalty_members t WHERE t.customer_id = c.id)}. It is fixed text written by the
 * implementing module, never built from user input: user values are always bound as parameters. Correlated
 * sub-queries should be served by an index on the foreign key.
 */
public interface SegmentField {

    /** Unique name used in rules (JSON and forms), e.g. "industry", "loyalty.tier". */
    String name();

    /** Message key of the label shown in the rule builder. */
    String labelKey();

    SegmentFieldType type();

    /** SQL expression over the customers alias {@code c}. */
    String sql();

    /** Allowed values of a {@link SegmentFieldType#CHOICE} field (stored values, e.g. enum names). */
    default List<String> options() {
        return List.of();
    }

    /** Message key prefix of option labels (prefix + value), e.g. "enum.ValueTier."; null shows values as they are. */
    default String optionLabelPrefix() {
        return null;
    }

    /** The operators offered; by default all of the type's. */
    default Set<SegmentOperator> operators() {
        return type().operators();
    }
}
