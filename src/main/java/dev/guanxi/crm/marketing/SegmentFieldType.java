package dev.guanxi.crm.marketing;

import java.util.EnumSet;
import java.util.Set;

import static dev.guanxi.crm.marketing.SegmentOperator.*;

/** The type of a {@link SegmentField}: how its values are parsed and bound, and which operators it offers. */
public enum SegmentFieldType {
    /** Free text (industry, city ...). */
    TEXT(EnumSet.of(EQ, NE, IN, NOT_IN, CONTAINS, STARTS_WITH, IS_EMPTY, IS_NOT_EMPTY)),
    /** One of a fixed list of values ({@link SegmentField#options()}), e.g. an enum name. */
    CHOICE(EnumSet.of(EQ, NE, IN, NOT_IN, IS_EMPTY, IS_NOT_EMPTY)),
    /** A number (decimal). */
    NUMBER(EnumSet.of(EQ, NE, GT, GTE, LT, LTE, BETWEEN, IS_EMPTY, IS_NOT_EMPTY)),
    /** A date (ISO yyyy-mm-dd); WITHIN_LAST_DAYS takes a number of days. */
    DATE(EnumSet.of(EQ, BEFORE, AFTER, BETWEEN, WITHIN_LAST_DAYS, NOT_WITHIN_LAST_DAYS, IS_EMPTY, IS_NOT_EMPTY)),
    /** A text array such as the customer's tags. */
    TAGS(EnumSet.of(HAS_TAG, LACKS_TAG, IS_EMPTY, IS_NOT_EMPTY));

    private final Set<SegmentOperator> operators;

    SegmentFieldType(Set<SegmentOperator> operators) {
        this.operators = Set.copyOf(operators);
    }

    public Set<SegmentOperator> operators() {
        return operators;
    }
}
