package dev.guanxi.crm.customer.internal;

import dev.guanxi.crm.common.InvalidInputException;

import java.util.Arrays;

/** Sort orders of the customer list; each one is served by an index. */
public enum CustomerSort {
    NEWEST("created_at DESC, id DESC"),
    OLDEST("created_at ASC, id ASC"),
    NAME("name ASC, id ASC"),
    NAME_DESC("name DESC, id DESC");

    final String sql;

    CustomerSort(String sql) {
        this.sql = sql;
    }

    public static CustomerSort parse(String value) {
        if (value == null || value.isBlank()) {
            return NEWEST;
        }
        return Arrays.stream(values()).filter(s -> s.name().equalsIgnoreCase(value.replace('-', '_')))
                .findFirst().orElseThrow(() -> new InvalidInputException("sort", "validation.sort"));
    }
}
