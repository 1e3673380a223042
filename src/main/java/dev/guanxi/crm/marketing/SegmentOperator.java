package dev.guanxi.crm.marketing;

import java.util.Locale;
import java.util.Optional;

/** Comparison operators of segment rules; in JSON and forms by their lower-case name ("eq", "within_last_days"). */
public enum SegmentOperator {
    EQ, NE, IN, NOT_IN, CONTAINS, STARTS_WITH, GT, GTE, LT, LTE, BETWEEN, BEFORE, AFTER, WITHIN_LAST_DAYS,
    NOT_WITHIN_LAST_DAYS, IS_EMPTY, IS_NOT_EMPTY, HAS_TAG, LACKS_TAG;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the operator takes no value (is empty / is not empty). */
    public boolean unary() {
        return this == IS_EMPTY || this == IS_NOT_EMPTY;
    }

    public static Optional<SegmentOperator> parse(String code) {
        if (code == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(code.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
