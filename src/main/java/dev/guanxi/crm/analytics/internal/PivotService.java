package dev.guanxi.crm.analytics.internal;

import dev.guanxi.crm.common.FieldProblem;
import dev.guanxi.crm.common.InvalidInputException;
import dev.guanxi.crm.identity.CurrentUser;
import dev.guanxi.crm.identity.UserDirectory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Runs pivot reports: one SQL statement per fact involved, each grouping by the row and column dimensions with
 * GROUPING SETS ((rows, columns), (rows), (columns), ()), so that cells and every total come from the database,
 * restricted to what the signed-in user may see.
 */
@Service
public class PivotService {

    static final int MAX_ROWS = 1000;
    static final int MAX_COLUMNS = 60;
    /** The key under which totals are kept while merging (member keys are never empty). */
    private static final String TOTAL = "";

    private final PivotRegistry registry;
    private final PivotFactTables tables;
    private final JdbcClient jdbc;
    private final UserDirectory users;
    private final MessageSource messages;
    private final ZoneId zone;

    PivotService(PivotRegistry registry, PivotFactTables tables, JdbcClient jdbc, UserDirectory users, MessageSource messages,
                 @Value("${guanxi.activity.zone:Asia/Shanghai}") ZoneId zone) {
        this.registry = registry;
        this.tables = tables;
        this.jdbc = jdbc;
        this.users = users;
        this.messages = messages;
        this.zone = zone;
    }

    public PivotRegistry registry() {
        return registry;
    }

    /** Parses and validates query parameters against the registered measures (dates default in the business zone). */
    public PivotRequest parse(Map<String, List<String>> params) {
        return PivotRequest.parse(params, registry.measures().stream().map(PivotMeasure::key).toList(),
                LocalDate.now(zone));
    }

    @Transactional(readOnly = true)
    public PivotResult run(PivotRequest request, Locale locale) {
        Map<PivotFact, List<PivotMeasure>> byFact = new LinkedHashMap<>();
        List<FieldProblem> problems = new ArrayList<>();
        for (String key : request.measures()) {
            registry.factFor(key, request.dimensions()).ifPresentOrElse(
                    fact -> byFact.computeIfAbsent(fact, f -> new ArrayList<>()).add(fact.measure(key).orElseThrow()),
                    () -> problems.add(new FieldProblem("measure", "pivot.error.unsupported", List.of(key,
                            request.dimensions().stream().map(PivotDimension::key).collect(Collectors.joining(", "))))));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        CurrentUser user = CurrentUser.get();
        tables.ensureBuilt();
        // distinct counts sort their rows: a year of orders at a million customers needs about 50 MB in memory
        jdbc.sql("SET LOCAL work_mem = '64MB'").update();
        Map<String, Map<String, Map<String, BigDecimal>>> values = new HashMap<>();
        Map<String, String> rowLabels = new HashMap<>();
        Map<String, String> columnLabels = new HashMap<>();
        byFact.forEach((fact, measures) -> aggregate(fact, measures, request, user, values, rowLabels, columnLabels));

        List<PivotMeasure> measures = request.measures().stream()
                .map(k -> byFact.values().stream().flatMap(List::stream).filter(m -> m.key().equals(k)).findFirst()
                        .orElseThrow()).toList();
        Map<String, BigDecimal> grand = values(values, TOTAL, TOTAL, measures);
        Comparator<String> order = memberOrder(measures.get(0).key(), values);
        List<String> rowKeys = values.keySet().stream().filter(k -> !k.equals(TOTAL)).sorted(
                request.rows().time() ? Comparator.naturalOrder() : order.thenComparing(Comparator.naturalOrder()))
                .toList();
        List<String> columnKeys = request.columns() == null ? List.of() : values.values().stream()
                .flatMap(m -> m.keySet().stream()).filter(k -> !k.equals(TOTAL)).distinct()
                .sorted(request.columns().time() ? Comparator.naturalOrder()
                        : columnOrder(measures.get(0).key(), values).thenComparing(Comparator.naturalOrder()))
                .toList();
        boolean rowsTruncated = rowKeys.size() > MAX_ROWS;
        boolean columnsTruncated = columnKeys.size() > MAX_COLUMNS;
        rowKeys = rowKeys.subList(0, Math.min(rowKeys.size(), MAX_ROWS));
        columnKeys = columnKeys.subList(0, Math.min(columnKeys.size(), MAX_COLUMNS));

        Function<String, String> rowLabel = labeller(request.rows(), rowKeys, rowLabels, locale);
        List<PivotResult.Member> columns = new ArrayList<>();
        if (request.columns() != null) {
            Function<String, String> columnLabel = labeller(request.columns(), columnKeys, columnLabels, locale);
            columnKeys.forEach(k -> columns.add(new PivotResult.Member(k, columnLabel.apply(k))));
        }
        List<PivotResult.Row> rows = new ArrayList<>();
        for (String r : rowKeys) {
            List<Map<String, BigDecimal>> cells = new ArrayList<>();
            for (String c : columnKeys) {
                cells.add(values(values, r, c, measures));
            }
            rows.add(new PivotResult.Row(new PivotResult.Member(r, rowLabel.apply(r)), cells,
                    values(values, r, TOTAL, measures)));
        }
        List<Map<String, BigDecimal>> columnTotals = columnKeys.stream()
                .map(c -> values(values, TOTAL, c, measures)).toList();
        return new PivotResult(request, measures, columns, rows, columnTotals, grand, rowsTruncated, columnsTruncated);
    }

    /** Runs one fact's statement and puts its values under [row key][column key][measure], TOTAL for totals. */
    private void aggregate(PivotFact fact, List<PivotMeasure> measures, PivotRequest request, CurrentUser user,
                           Map<String, Map<String, Map<String, BigDecimal>>> values, Map<String, String> rowLabels,
                           Map<String, String> columnLabels) {
        Map<String, Object> params = new LinkedHashMap<>();
        String rk = fact.keySql(request.rows());
        String ck = request.columns() == null ? null : fact.keySql(request.columns());
        StringBuilder sql = new StringBuilder("SELECT ").append(rk).append(" AS r, ")
                .append(ck == null ? "NULL::text" : ck).append(" AS c, GROUPING(").append(rk).append(") AS gr, ")
                .append(ck == null ? "1" : "GROUPING(" + ck + ")").append(" AS gc, ")
                .append(fact.labels().getOrDefault(request.rows(), "NULL::text")).append(" AS rl, ")
                .append(request.columns() == null ? "NULL::text"
                        : fact.labels().getOrDefault(request.columns(), "NULL::text")).append(" AS cl");
        for (int i = 0; i < measures.size(); i++) {
            sql.append(", ").append(measures.get(i).aggregate()).append(" AS m").append(i);
        }
        sql.append(" FROM ").append(fact.from());
        if (request.dimensions().stream().anyMatch(d -> d.kind() == PivotDimension.Kind.CUSTOMER)) {
            sql.append(' ').append(fact.customerJoin());
        }
        CurrentUser.SqlCondition visible = user.visibility(fact.ownerColumn(), fact.teamColumn());
        params.putAll(visible.params());
        sql.append(" WHERE ").append(fact.condition()).append(" AND ").append(visible.sql())
                .append(" AND ").append(fact.date()).append(" BETWEEN :from AND :to");
        params.put("from", Date.valueOf(request.effectiveFrom()));
        params.put("to", Date.valueOf(request.effectiveTo()));
        int n = 0;
        for (Map.Entry<PivotDimension, String> f : request.filters().entrySet()) {
            PivotDimension d = f.getKey();
            if (d.time()) {
                continue;
            }
            String column = fact.columns().get(d);
            if (PivotDimension.NONE.equals(f.getValue())) {
                sql.append(" AND ").append(column).append(" IS NULL");
            } else {
                String name = "f" + n++;
                sql.append(" AND ").append(column).append(" = :").append(name);
                params.put(name, d.kind() == PivotDimension.Kind.ID ? (Object) Long.valueOf(f.getValue()) : f.getValue());
            }
        }
        sql.append(" GROUP BY GROUPING SETS (");
        sql.append(ck == null ? "(" + rk + "), ()" : "(" + rk + ", " + ck + "), (" + rk + "), (" + ck + "), ()");
        sql.append(')');
        jdbc.sql(sql.toString()).params(params).query(rs -> {
            String r = rs.getInt("gr") == 1 ? TOTAL : rs.getString("r");
            String c = rs.getInt("gc") == 1 ? TOTAL : rs.getString("c");
            Map<String, BigDecimal> cell = values.computeIfAbsent(r, k -> new HashMap<>())
                    .computeIfAbsent(c, k -> new HashMap<>());
            for (int i = 0; i < measures.size(); i++) {
                cell.put(measures.get(i).key(), rs.getBigDecimal("m" + i));
            }
            if (rs.getString("rl") != null && !r.equals(TOTAL)) {
                rowLabels.put(r, rs.getString("rl"));
            }
            if (rs.getString("cl") != null && !c.equals(TOTAL)) {
                columnLabels.put(c, rs.getString("cl"));
            }
        });
    }

    private static Map<String, BigDecimal> values(Map<String, Map<String, Map<String, BigDecimal>>> values,
                                                  String row, String column, List<PivotMeasure> measures) {
        Map<String, BigDecimal> found = values.getOrDefault(row, Map.of()).getOrDefault(column, Map.of());
        Map<String, BigDecimal> cell = new LinkedHashMap<>();
        measures.forEach(m -> cell.put(m.key(), found.get(m.key())));
        return cell;
    }

    /** Largest first by the first measure's total; "not set" last. */
    private static Comparator<String> memberOrder(String measure,
                                                  Map<String, Map<String, Map<String, BigDecimal>>> values) {
        return Comparator.<String, Boolean>comparing(PivotDimension.NONE::equals)
                .thenComparing(k -> total(values.get(k).getOrDefault(TOTAL, Map.of()).get(measure)),
                        Comparator.reverseOrder());
    }

    private static Comparator<String> columnOrder(String measure,
                                                  Map<String, Map<String, Map<String, BigDecimal>>> values) {
        return Comparator.<String, Boolean>comparing(PivotDimension.NONE::equals)
                .thenComparing(k -> total(values.getOrDefault(TOTAL, Map.of()).getOrDefault(k, Map.of()).get(measure)),
                        Comparator.reverseOrder());
    }

    private static BigDecimal total(BigDecimal value) {
        return value == null ? BigDecimal.valueOf(Long.MIN_VALUE) : value;
    }

    /** The label of one member, e.g. of a filter (a product shows as its id: the name comes with report rows). */
    public String label(PivotDimension dimension, String key, Locale locale) {
        return labeller(dimension, List.of(key), Map.of(), locale).apply(key);
    }

    /** Labels of members: user and team names, value tier and source labels, product names; keys otherwise. */
    private Function<String, String> labeller(PivotDimension dimension, List<String> keys, Map<String, String> labels,
                                              Locale locale) {
        String none = messages.getMessage("pivot.none", null, locale);
        Map<Long, String> names = switch (dimension) {
            case OWNER -> users.displayNames(ids(keys));
            case TEAM -> users.teamNames(ids(keys));
            default -> Map.of();
        };
        return key -> {
            if (PivotDimension.NONE.equals(key)) {
                return none;
            }
            return switch (dimension) {
                case OWNER, TEAM -> Objects.requireNonNullElse(names.get(Long.valueOf(key)), "#" + key);
                case PRODUCT -> labels.getOrDefault(key, "#" + key);
                case TIER -> messages.getMessage("enum.ValueTier." + key, null, key, locale);
                case SOURCE -> messages.getMessage("source." + key, null, key, locale);
                case QUARTER -> key.replace('-', ' ');
                default -> key;
            };
        };
    }

    private static Set<Long> ids(List<String> keys) {
        return keys.stream().filter(k -> !k.equals(PivotDimension.NONE)).map(Long::valueOf).collect(Collectors.toSet());
    }
}
