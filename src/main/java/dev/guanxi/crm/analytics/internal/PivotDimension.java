package dev.guanxi.crm.analytics.internal;

import dev.guanxi.crm.customer.ValueTier;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The dimensions a pivot report can group by or filter on. Every member has a text key: {@code 2025},
 * {@code 2025-Q2}, {@code 2025-06}, a province or city name, an id (owner, team, product), a value tier; the key
 * {@value #NONE} stands for "not set". A fact maps each dimension it supports to a SQL column
 * ({@link PivotFact#columns()}); the time dimensions come from the fact's date.
 */
public enum PivotDimension {
    YEAR("year", Kind.TIME, "\\d{4}"),
    QUARTER("quarter", Kind.TIME, "\\d{4}-Q[1-4]"),
    MONTH("month", Kind.TIME, "\\d{4}-(0[1-9]|1[0-2])"),
    PROVINCE("province", Kind.CUSTOMER, null),
    CITY("city", Kind.CUSTOMER, null),
    INDUSTRY("industry", Kind.CUSTOMER, null),
    PRODUCT("product", Kind.ID, null),
    OWNER("owner", Kind.ID, null),
    TEAM("team", Kind.ID, null),
    TIER("tier", Kind.CUSTOMER, null),
    SOURCE("source", Kind.CUSTOMER, null);

    /** The key of the member "not set" (no industry, no team, …). */
    public static final String NONE = "~";
    private static final int MAX_TEXT = 200;

    /** TIME: from the fact's date; CUSTOMER: a column of the customer (needs the join); ID: a numeric id column. */
    public enum Kind { TIME, CUSTOMER, ID }

    private final String key;
    private final Kind kind;
    private final Pattern format;

    PivotDimension(String key, Kind kind, String format) {
        this.key = key;
        this.kind = kind;
        this.format = format == null ? null : Pattern.compile(format);
    }

    public String key() {
        return key;
    }

    public Kind kind() {
        return kind;
    }

    public boolean time() {
        return kind == Kind.TIME;
    }

    public static Optional<PivotDimension> of(String key) {
        return Arrays.stream(values()).filter(d -> d.key.equals(key)).findFirst();
    }

    /** The dimension one level down for drill-down (year → quarter → month, province → city, team → owner). */
    public Optional<PivotDimension> finer() {
        return Optional.ofNullable(switch (this) {
            case YEAR -> QUARTER;
            case QUARTER -> MONTH;
            case PROVINCE -> CITY;
            case TEAM -> OWNER;
            default -> null;
        });
    }

    /** Whether {@code value} is a well-formed member key of this dimension (as a filter value). */
    public boolean accepts(String value) {
        if (value == null || value.isBlank() || value.length() > MAX_TEXT) {
            return false;
        }
        if (format != null) {
            return format.matcher(value).matches();
        }
        if (NONE.equals(value)) {
            return true;
        }
        return switch (this) {
            case PRODUCT, OWNER, TEAM -> value.matches("\\d{1,18}");
            case TIER -> Arrays.stream(ValueTier.values()).anyMatch(t -> t.name().equals(value));
            default -> true;
        };
    }

    /** The SQL expression of a member key: text, with {@value #NONE} for "not set". */
    String keySql(String date, String column) {
        return switch (this) {
            case YEAR -> "to_char(" + date + ", 'YYYY')";
            case QUARTER -> "to_char(" + date + ", 'YYYY-\"Q\"Q')";
            case MONTH -> "to_char(" + date + ", 'YYYY-MM')";
            default -> "coalesce((" + column + ")::text, '" + NONE + "')";
        };
    }

    /** First day of a time member, e.g. 2025-04-01 for {@code 2025-Q2}. */
    LocalDate start(String member) {
        return switch (this) {
            case YEAR -> LocalDate.of(Integer.parseInt(member), 1, 1);
            case QUARTER -> LocalDate.of(Integer.parseInt(member.substring(0, 4)),
                    (member.charAt(6) - '1') * 3 + 1, 1);
            case MONTH -> YearMonth.parse(member).atDay(1);
            default -> throw new IllegalStateException(key + " is not a time dimension");
        };
    }

    /** Last day of a time member. */
    LocalDate end(String member) {
        LocalDate start = start(member);
        return switch (this) {
            case YEAR -> start.plusYears(1).minusDays(1);
            case QUARTER -> start.plusMonths(3).minusDays(1);
            default -> start.plusMonths(1).minusDays(1);
        };
    }
}
