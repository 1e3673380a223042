package dev.guanxi.crm.analytics.internal;

import java.util.regex.Pattern;

/**
 * A measure of a {@link PivotFact}: a SQL aggregate over the fact's rows. The same measure key may be offered by
 * several facts (revenue from order totals, and from order lines where a line dimension such as product is asked
 * for); the report takes it from the first fact that supports every dimension of the request.
 *
 * @param key       the API and URL name, e.g. {@code revenue}; label under {@code pivot.measure.<key>}
 * @param aggregate SQL aggregate over the fact's aliases, e.g. {@code coalesce(sum(o.total), 0)}; evaluated per
 *                  grouping set, so totals of distinct counts and averages are right
 * @param format    how the numbers are shown
 * @param additive  whether the total of a row or column equals the sum of its cells (sums and counts of rows);
 *                  false for distinct counts and averages, whose totals the database computes separately
 */
public record PivotMeasure(String key, String aggregate, Format format, boolean additive) {

    private static final Pattern KEY = Pattern.compile("[a-z][a-zA-Z0-9]{1,30}");

    public enum Format { MONEY, COUNT, NUMBER }

    public PivotMeasure {
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("Measure key " + key + " must match " + KEY);
        }
    }

    public static PivotMeasure money(String key, String aggregate, boolean additive) {
        return new PivotMeasure(key, aggregate, Format.MONEY, additive);
    }

    public static PivotMeasure count(String key, String aggregate, boolean additive) {
        return new PivotMeasure(key, aggregate, Format.COUNT, additive);
    }
}
