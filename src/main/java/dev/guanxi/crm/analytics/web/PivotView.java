package dev.guanxi.crm.analytics.web;

import dev.guanxi.crm.analytics.internal.PivotDimension;
import dev.guanxi.crm.analytics.internal.PivotMeasure;
import dev.guanxi.crm.analytics.internal.PivotRequest;
import dev.guanxi.crm.analytics.internal.PivotResult;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Links (drill-down, filter removal, export) and number formats of the pivot page. */
public final class PivotView {

    private static final String PATH = "/analytics/pivot";
    /** Filters the form has fields for; other filters (from drilling) are kept as hidden fields and badges. */
    private static final List<PivotDimension> FORM_FILTERS = List.of(PivotDimension.OWNER, PivotDimension.TEAM,
            PivotDimension.TIER);

    private final PivotRequest request;
    private final Map<PivotDimension, String> filterLabels;

    PivotView(PivotRequest request, Map<PivotDimension, String> filterLabels) {
        this.request = request;
        this.filterLabels = filterLabels;
    }

    public PivotRequest request() {
        return request;
    }

    public String filter(String dimension) {
        return PivotDimension.of(dimension).map(d -> request.filters().get(d)).orElse(null);
    }

    /** Filters set by drilling (shown as removable badges, kept by the form as hidden fields). */
    public Map<String, String> drillFilters() {
        Map<String, String> filters = new LinkedHashMap<>();
        request.filters().forEach((d, v) -> {
            if (!FORM_FILTERS.contains(d)) {
                filters.put(d.key(), v);
            }
        });
        return filters;
    }

    public String filterLabel(String dimension, String member) {
        return PivotDimension.of(dimension).map(filterLabels::get).orElse(member);
    }

    public boolean drillableRows() {
        return request.rows().finer().isPresent();
    }

    public boolean drillableColumns() {
        return request.columns() != null && request.columns().finer().isPresent();
    }

    public String drillRow(String member) {
        return link(request.drill(member, null));
    }

    public String drillColumn(String member) {
        return link(request.drill(null, member));
    }

    public String drillCell(String row, String column) {
        return link(request.drill(row, column));
    }

    public String without(String dimension) {
        Map<PivotDimension, String> filters = new EnumMap<>(PivotDimension.class);
        filters.putAll(request.filters());
        PivotDimension.of(dimension).ifPresent(filters::remove);
        return link(new PivotRequest(request.rows(), request.columns(), request.measures(), request.from(),
                request.to(), filters));
    }

    public String export(String format) {
        return PATH + "/export?" + request.toQuery() + "&format=" + format;
    }

    public String self() {
        return link(request);
    }

    public boolean measureSelected(String key) {
        return request.measures().contains(key);
    }

    /** The value of one measure as shown: grouped digits, no decimals for money and counts; blank when empty. */
    public String format(PivotMeasure measure, Map<String, BigDecimal> values, Locale locale) {
        BigDecimal value = values.get(measure.key());
        if (value == null) {
            return "";
        }
        DecimalFormat f = new DecimalFormat(measure.format() == PivotMeasure.Format.NUMBER ? "#,##0.###" : "#,##0",
                DecimalFormatSymbols.getInstance(locale));
        return (measure.format() == PivotMeasure.Format.MONEY ? "¥" : "") + f.format(value);
    }

    /** Chart data: one dataset per column member (or the row totals), the first measure's values per row. */
    public List<Map<String, Object>> datasets(PivotResult result, String totalLabel) {
        String measure = result.measures().get(0).key();
        List<Map<String, Object>> sets = new ArrayList<>();
        if (result.columns().isEmpty()) {
            sets.add(Map.of("label", totalLabel, "data", result.rows().stream()
                    .map(r -> number(r.total().get(measure))).toList()));
            return sets;
        }
        for (int c = 0; c < Math.min(result.columns().size(), 12); c++) {
            int column = c;
            sets.add(Map.of("label", result.columns().get(c).label(), "data", result.rows().stream()
                    .map(r -> number(r.cells().get(column).get(measure))).toList()));
        }
        return sets;
    }

    private static double number(BigDecimal value) {
        return value == null ? 0 : value.doubleValue();
    }

    private static String link(PivotRequest r) {
        return PATH + "?" + r.toQuery();
    }
}
