package dev.guanxi.crm.analytics.internal;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * A pivot table: one row per member of the row dimension, one cell per member of the column dimension (none when
 * the report has no columns), the row's total, the column totals and the grand total. Every total is computed by
 * the database over the underlying facts (GROUPING SETS), so it is right for distinct counts and averages too; for
 * additive measures it equals the sum of the cells.
 *
 * @param measures         the measures in the order of the request; each value map is keyed by measure key,
 *                         a value is null where there are no facts (an empty cell, an average of nothing)
 * @param rowsTruncated    more row members exist than shown ({@value PivotService#MAX_ROWS} at most); totals
 *                         still count them
 * @param columnsTruncated more column members exist than shown ({@value PivotService#MAX_COLUMNS} at most)
 */
public record PivotResult(PivotRequest request, List<PivotMeasure> measures, List<Member> columns, List<Row> rows,
                          List<Map<String, BigDecimal>> columnTotals, Map<String, BigDecimal> grandTotal,
                          boolean rowsTruncated, boolean columnsTruncated) {

    /** A member of a dimension: its key (for filters and drill-down) and its label in the user's language. */
    public record Member(String key, String label) {
    }

    /** @param cells one value map per column member, in the order of {@link #columns()} */
    public record Row(Member member, List<Map<String, BigDecimal>> cells, Map<String, BigDecimal> total) {
    }

    public boolean empty() {
        return rows.isEmpty();
    }
}
