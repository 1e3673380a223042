package dev.guanxi.crm.analytics.internal;

import dev.guanxi.crm.common.FieldProblem;
import dev.guanxi.crm.common.InvalidInputException;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.stream.Collectors;

/**
 * What a pivot report shows: rows by one dimension, optionally columns by another, one or more measures, over a
 * date range, filtered by members of any dimensions ({@code province=浙江省}, {@code tier=VIP}, {@code year=2025}).
 *
 * @param columns null for a one-dimensional report
 * @param filters dimension → member key; time members narrow the date range
 */
public record PivotRequest(PivotDimension rows, PivotDimension columns, List<String> measures, LocalDate from,
                           LocalDate to, Map<PivotDimension, String> filters) {

    public static final String DEFAULT_MEASURE = "revenue";
    /** Query parameters besides the dimension filters; {@code format} belongs to exports, {@code lang} to pages. */
    static final Set<String> PARAMETERS = Set.of("rows", "cols", "measure", "from", "to", "format", "lang");
    private static final int MAX_MEASURES = 6;

    public PivotRequest {
        measures = List.copyOf(measures);
        filters = filters.isEmpty() ? Map.of() : new EnumMap<>(filters);
    }

    /** The dimensions a fact must support to answer this request: rows, columns and filters. */
    public Set<PivotDimension> dimensions() {
        Set<PivotDimension> all = new LinkedHashSet<>();
        all.add(rows);
        if (columns != null) {
            all.add(columns);
        }
        all.addAll(filters.keySet());
        return all;
    }

    /** The date range after the time filters: the intersection of from–to with every time member filtered on. */
    public LocalDate effectiveFrom() {
        LocalDate start = from;
        for (Map.Entry<PivotDimension, String> f : filters.entrySet()) {
            if (f.getKey().time() && f.getKey().start(f.getValue()).isAfter(start)) {
                start = f.getKey().start(f.getValue());
            }
        }
        return start;
    }

    public LocalDate effectiveTo() {
        LocalDate end = to;
        for (Map.Entry<PivotDimension, String> f : filters.entrySet()) {
            if (f.getKey().time() && f.getKey().end(f.getValue()).isBefore(end)) {
                end = f.getKey().end(f.getValue());
            }
        }
        return end;
    }

    /**
     * Drill-down into a row member and/or a column member (either may be null): filter by them and show the
     * finer dimension where there is one (year → quarter → month, province → city, team → owner).
     */
    public PivotRequest drill(String rowMember, String columnMember) {
        Map<PivotDimension, String> f = new EnumMap<>(PivotDimension.class);
        f.putAll(filters);
        PivotDimension r = rows;
        PivotDimension c = columns;
        if (rowMember != null) {
            f.put(rows, rowMember);
            r = rows.finer().orElse(rows);
        }
        if (columnMember != null && columns != null) {
            f.put(columns, columnMember);
            c = columns.finer().orElse(columns);
        }
        if (c == r) {
            c = null;
        }
        return new PivotRequest(r, c, measures, from, to, f);
    }

    /** Whether a row member can be drilled into (its dimension has a finer one). */
    public boolean drillable(PivotDimension dimension) {
        return dimension.finer().isPresent();
    }

    /** The request as URL query parameters (values encoded), the inverse of {@link #parse}. */
    public String toQuery() {
        StringJoiner q = new StringJoiner("&");
        q.add("rows=" + rows.key());
        if (columns != null) {
            q.add("cols=" + columns.key());
        }
        measures.forEach(m -> q.add("measure=" + m));
        q.add("from=" + from).add("to=" + to);
        filters.forEach((d, v) -> q.add(d.key() + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return q.toString();
    }

    /**
     * Reads and validates the query parameters; every problem names its parameter. Defaults: rows by month,
     * revenue, the last twelve months up to {@code today}.
     *
     * @param measureKeys the measures the registry offers
     * @throws InvalidInputException for an unknown parameter, dimension or measure, a malformed date or filter
     *                               value, the same dimension as rows and columns, or {@code from} after {@code to}
     */
    public static PivotRequest parse(Map<String, List<String>> params, Collection<String> measureKeys,
                                     LocalDate today) {
        List<FieldProblem> problems = new ArrayList<>();
        String dimensionKeys = Arrays.stream(PivotDimension.values()).map(PivotDimension::key)
                .collect(Collectors.joining(", "));
        for (String name : params.keySet()) {
            if (!PARAMETERS.contains(name) && PivotDimension.of(name).isEmpty()) {
                problems.add(problem(name, "pivot.error.parameter", name));
            }
        }
        PivotDimension rows = dimension(params, "rows", "month", dimensionKeys, problems);
        PivotDimension columns = dimension(params, "cols", null, dimensionKeys, problems);
        if (rows != null && rows == columns) {
            problems.add(problem("cols", "pivot.error.same-dimension", rows.key()));
        }
        List<String> measures = new ArrayList<>();
        for (String value : params.getOrDefault("measure", List.of())) {
            for (String m : value.split(",")) {
                if (!m.isBlank() && !measures.contains(m.strip())) {
                    measures.add(m.strip());
                }
            }
        }
        if (measures.isEmpty()) {
            measures.add(DEFAULT_MEASURE);
        }
        measures.stream().filter(m -> !measureKeys.contains(m)).findFirst().ifPresent(m -> problems.add(
                problem("measure", "pivot.error.measure", m, String.join(", ", measureKeys))));
        if (measures.size() > MAX_MEASURES) {
            problems.add(problem("measure", "pivot.error.too-many-measures", MAX_MEASURES));
        }
        LocalDate to = date(params, "to", problems);
        LocalDate from = date(params, "from", problems);
        if (to == null) {
            to = from != null && from.isAfter(today) ? from.plusYears(1).minusDays(1) : today;
        }
        if (from == null) {
            from = to.withDayOfMonth(1).minusMonths(11);
        }
        if (from.isAfter(to)) {
            problems.add(problem("from", "pivot.error.range", from, to));
        }
        Map<PivotDimension, String> filters = new EnumMap<>(PivotDimension.class);
        for (PivotDimension d : PivotDimension.values()) {
            String value = single(params, d.key());
            if (value == null || value.isBlank()) {
                continue;
            }
            if (!d.accepts(value.strip())) {
                problems.add(problem(d.key(), "pivot.error.member", value, d.key()));
            } else {
                filters.put(d, value.strip());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new PivotRequest(rows, columns, measures, from, to, filters);
    }

    private static PivotDimension dimension(Map<String, List<String>> params, String name, String fallback,
                                            String keys, List<FieldProblem> problems) {
        String value = single(params, name);
        if (value == null || value.isBlank()) {
            value = fallback;
        }
        if (value == null) {
            return null;
        }
        String key = value.strip();
        return PivotDimension.of(key).orElseGet(() -> {
            problems.add(problem(name, "pivot.error.dimension", key, keys));
            return null;
        });
    }

    private static LocalDate date(Map<String, List<String>> params, String name, List<FieldProblem> problems) {
        String value = single(params, name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            problems.add(problem(name, "pivot.error.date", value));
            return null;
        }
    }

    private static String single(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static FieldProblem problem(String field, String key, Object... args) {
        return new FieldProblem(field, key, List.of(args));
    }
}
