package dev.guanxi.crm.customer;

import java.util.List;
import java.util.Map;

/**
 * How an imported row names its customer: by the customer's external id, its id or its phone, in that order of
 * preference when a row holds several. Resolved by {@link CustomerDirectory#resolve}.
 *
 * @param field one of {@link #FIELDS}, the column that named the customer
 */
public record CustomerReference(String field, String value) {

    /** The import fields that name a customer. */
    public static final List<String> FIELDS = List.of("customerExternalId", "customerId", "customerPhone");

    public CustomerReference {
        value = value.strip();
    }

    /** The reference of a row (field → cell), or null when none of {@link #FIELDS} holds a value. */
    public static CustomerReference of(Map<String, String> values) {
        for (String field : FIELDS) {
            String value = values.get(field);
            if (value != null && !value.isBlank()) {
                return new CustomerReference(field, value);
            }
        }
        return null;
    }
}
