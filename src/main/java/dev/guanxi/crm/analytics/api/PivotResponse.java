package dev.guanxi.crm.analytics.api;

import dev.guanxi.crm.analytics.internal.PivotDimension;
import dev.guanxi.crm.analytics.internal.PivotMeasure;
import dev.guanxi.crm.analytics.internal.PivotRequest;
import dev.guanxi.crm.analytics.internal.PivotResult;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A pivot table on the API. {@code rows[i].cells[j]} is the value map (measure → number, null when empty) of row
 * member i and column member j; {@code rows[i].total}, {@code columnTotals[j]} and {@code grandTotal} are the
 * database's totals. A member's {@code drill} is the query string that drills into it (null when its dimension has
 * no finer level).
 */
record PivotResponse(Query query, List<Measure> measures, List<Member> columns, List<Row> rows,
                     List<Map<String, BigDecimal>> columnTotals, Map<String, BigDecimal> grandTotal,
                     boolean rowsTruncated, boolean columnsTruncated) {

    /** The request as understood, with defaults filled in and the effective date range after time filters. */
    record Query(String rows, String cols, List<String> measures, LocalDate from, LocalDate to,
                 LocalDate effectiveFrom, LocalDate effectiveTo, Map<String, String> filters) {
    }

    record Measure(String key, String label, PivotMeasure.Format format, boolean additive) {
    }

    record Member(String key, String label, String drill) {
    }

    record Row(String key, String label, String drill, List<Map<String, BigDecimal>> cells,
               Map<String, BigDecimal> total) {
    }

    static PivotResponse of(PivotResult result, Function<String, String> measureLabel) {
        PivotRequest r = result.request();
        Map<String, String> filters = new LinkedHashMap<>();
        r.filters().forEach((d, v) -> filters.put(d.key(), v));
        Query query = new Query(r.rows().key(), r.columns() == null ? null : r.columns().key(), r.measures(),
                r.from(), r.to(), r.effectiveFrom(), r.effectiveTo(), filters);
        List<Measure> measures = result.measures().stream()
                .map(m -> new Measure(m.key(), measureLabel.apply(m.key()), m.format(), m.additive())).toList();
        List<Member> columns = new ArrayList<>();
        result.columns().forEach(c -> columns.add(new Member(c.key(), c.label(),
                drill(r, r.columns(), null, c.key()))));
        List<Row> rows = result.rows().stream().map(row -> new Row(row.member().key(), row.member().label(),
                drill(r, r.rows(), row.member().key(), null), row.cells(), row.total())).toList();
        return new PivotResponse(query, measures, columns, rows, result.columnTotals(), result.grandTotal(),
                result.rowsTruncated(), result.columnsTruncated());
    }

    private static String drill(PivotRequest r, PivotDimension dimension, String row, String column) {
        return dimension.finer().isPresent() ? r.drill(row, column).toQuery() : null;
    }
}
