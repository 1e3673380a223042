package dev.guanxi.crm.marketing.internal;

import dev.guanxi.crm.common.FieldProblem;
import dev.guanxi.crm.common.InvalidInputException;
import dev.guanxi.crm.customer.CustomerSelection;
import dev.guanxi.crm.marketing.SegmentField;
import dev.guanxi.crm.marketing.SegmentOperator;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Translates segment rules into one parameterized SQL condition over the customers alias {@code c}. Only the
 * whitelisted fields' own SQL and fixed operator text enter the statement; every value is a bound parameter of the
 * field's type. Unknown fields and operators, and values of the wrong type, are all reported at once, each naming
 * its place in the rules (e.g. {@code groups[0].rules[1].operator}).
 */
final class RuleCompiler {

    static final int MAX_RULES = 100;
    static final int MAX_DEPTH = 4;
    static final int MAX_LIST = 500;

    private final Map<String, SegmentField> fields;
    private final Map<String, Object> params = new LinkedHashMap<>();
    private final List<FieldProblem> problems = new ArrayList<>();

    private RuleCompiler(Map<String, SegmentField> fields) {
        this.fields = fields;
    }

    /** The condition of the rules; throws {@link InvalidInputException} listing every problem. */
    static CustomerSelection.Sql compile(SegmentRules rules, Map<String, SegmentField> fields) {
        RuleCompiler compiler = new RuleCompiler(fields);
        if (rules == null) {
            throw new InvalidInputException("rules", "segment.rules-required");
        }
        if (rules.size() > MAX_RULES) {
            throw new InvalidInputException("rules", "segment.too-many-rules", MAX_RULES);
        }
        String sql = compiler.group(rules, "", 0);
        if (!compiler.problems.isEmpty()) {
            throw new InvalidInputException(compiler.problems);
        }
        return new CustomerSelection.Sql(sql, compiler.params);
    }

    private String group(SegmentRules g, String path, int depth) {
        if (depth > MAX_DEPTH) {
            problems.add(new FieldProblem(path + "groups", "segment.too-deep", List.of(MAX_DEPTH)));
            return "TRUE";
        }
        if (g.match() != null && !g.match().isBlank() && !g.matchAny() && !"ALL".equalsIgnoreCase(g.match())) {
            problems.add(new FieldProblem(path + "match", "segment.bad-match", List.of(g.match())));
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < g.rules().size(); i++) {
            parts.add(rule(g.rules().get(i), path + "rules[" + i + "]."));
        }
        for (int i = 0; i < g.groups().size(); i++) {
            SegmentRules sub = g.groups().get(i);
            if (sub != null && sub.size() > 0) {
                parts.add(group(sub, path + "groups[" + i + "].", depth + 1));
            }
        }
        if (parts.isEmpty()) {
            return "TRUE";
        }
        return "(" + String.join(g.matchAny() ? " OR " : " AND ", parts) + ")";
    }

    private String rule(SegmentRules.Rule r, String path) {
        if (r == null) {
            problems.add(new FieldProblem(path + "field", "segment.unknown-field", List.of("null")));
            return "TRUE";
        }
        SegmentField field = r.field() == null ? null : fields.get(r.field().strip());
        if (field == null) {
            problems.add(new FieldProblem(path + "field", "segment.unknown-field", List.of(String.valueOf(r.field()))));
            return "TRUE";
        }
        SegmentOperator op = SegmentOperator.parse(r.operator()).filter(field.operators()::contains).orElse(null);
        if (op == null) {
            problems.add(new FieldProblem(path + "operator", "segment.unknown-operator",
                    List.of(String.valueOf(r.operator()), field.name())));
            return "TRUE";
        }
        String e = "(" + field.sql() + ")";
        try {
            return switch (op) {
                case IS_EMPTY -> switch (field.type()) {
                    case TAGS -> "cardinality(" + e + ") = 0";
                    case TEXT -> "coalesce(" + e + ", '') = ''";
                    default -> e + " IS NULL";
                };
                case IS_NOT_EMPTY -> switch (field.type()) {
                    case TAGS -> "cardinality(" + e + ") > 0";
                    case TEXT -> "coalesce(" + e + ", '') <> ''";
                    default -> e + " IS NOT NULL";
                };
                case EQ -> e + " = " + bind(one(field, r.value()));
                case NE -> e + " IS DISTINCT FROM " + bind(one(field, r.value()));
                case IN -> e + " IN (" + bind(list(field, r.value())) + ")";
                case NOT_IN -> "(" + e + " IS NULL OR " + e + " NOT IN (" + bind(list(field, r.value())) + "))";
                case CONTAINS -> e + " ILIKE " + bind("%" + like(text(r.value())) + "%");
                case STARTS_WITH -> e + " ILIKE " + bind(like(text(r.value())) + "%");
                case GT -> e + " > " + bind(one(field, r.value()));
                case GTE -> e + " >= " + bind(one(field, r.value()));
                case LT, BEFORE -> e + " < " + bind(one(field, r.value()));
                case LTE -> e + " <= " + bind(one(field, r.value()));
                case AFTER -> e + " > " + bind(one(field, r.value()));
                case BETWEEN -> {
                    List<Object> range = list(field, r.value());
                    if (range.size() != 2) {
                        throw new BadValue();
                    }
                    yield e + " BETWEEN " + bind(range.get(0)) + " AND " + bind(range.get(1));
                }
                case WITHIN_LAST_DAYS -> e + " >= current_date - " + bind(days(r.value()));
                case NOT_WITHIN_LAST_DAYS -> "(" + e + " IS NULL OR " + e + " < current_date - "
                        + bind(days(r.value())) + ")";
                case HAS_TAG -> e + " @> ARRAY[" + bind(text(r.value())) + "]::text[]";
                case LACKS_TAG -> "NOT (" + e + " @> ARRAY[" + bind(text(r.value())) + "]::text[])";
            };
        } catch (BadValue bad) {
            problems.add(new FieldProblem(path + "value", "segment.bad-value",
                    List.of(String.valueOf(r.value()), field.name())));
            return "TRUE";
        }
    }

    /** A value was missing or not of the field's type. */
    private static final class BadValue extends RuntimeException {
        BadValue() {
            super(null, null, false, false);
        }
    }

    private String bind(Object value) {
        String name = "sr" + (params.size() + 1);
        params.put(name, value);
        return value instanceof Integer ? "CAST(:" + name + " AS int)" : ":" + name;
    }

    private static String text(Object value) {
        if (value == null || value instanceof Collection<?> || String.valueOf(value).isBlank()) {
            throw new BadValue();
        }
        String s = String.valueOf(value).strip();
        if (s.length() > 200) {
            throw new BadValue();
        }
        return s;
    }

    private static String like(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static Integer days(Object value) {
        try {
            int days = Integer.parseInt(text(value));
            if (days < 0 || days > 36_500) {
                throw new BadValue();
            }
            return days;
        } catch (NumberFormatException e) {
            throw new BadValue();
        }
    }

    private static List<Object> list(SegmentField field, Object value) {
        List<?> raw = value instanceof Collection<?> c ? List.copyOf(c)
                : value == null ? List.of() : List.of(String.valueOf(value).split(","));
        List<Object> values = new ArrayList<>();
        for (Object v : raw) {
            if (v != null && !String.valueOf(v).isBlank()) {
                values.add(one(field, v));
            }
        }
        if (values.isEmpty() || values.size() > MAX_LIST) {
            throw new BadValue();
        }
        return values;
    }

    private static Object one(SegmentField field, Object value) {
        String s = text(value);
        try {
            return switch (field.type()) {
                case NUMBER -> new BigDecimal(s);
                case DATE -> LocalDate.parse(s);
                case CHOICE -> {
                    if (!field.options().contains(s)) {
                        throw new BadValue();
                    }
                    yield s;
                }
                case TEXT, TAGS -> s;
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new BadValue();
        }
    }
}
