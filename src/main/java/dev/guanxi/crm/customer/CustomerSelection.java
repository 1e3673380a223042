package dev.guanxi.crm.customer;

import dev.guanxi.crm.identity.CurrentUser;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts, lists and groups live customers matching a condition, for target groups and segments (marketing) and
 * whatever else selects customers by their attributes.
 *
 * <p>A condition is a SQL boolean expression over the customers table aliased {@code c} with named parameters. Its
 * text must be built only from {@link CustomerAttribute#sql()} expressions, SQL expressions published by other
 * modules' public APIs for the same alias, fixed operators and parameter placeholders; every user value is a bound
 * parameter. Parameter names must not start with {@code vis} (reserved for visibility).
 *
 * <p>The {@code viewer} restricts the customers to those the user may see (owner, team, all); {@code null} means no
 * restriction, for jobs acting for the organization.
 */
public interface CustomerSelection {

    /** A SQL fragment and its named parameters (values always bound, never concatenated). */
    record Sql(String sql, Map<String, Object> params) {

        public Sql {
            params = Map.copyOf(params);
        }

        public static final Sql TRUE = new Sql("TRUE", Map.of());

        /** Both conditions. */
        public Sql and(Sql other) {
            Map<String, Object> all = new HashMap<>(params);
            all.putAll(other.params);
            return new Sql("(" + sql + ") AND (" + other.sql + ")", all);
        }
    }

    /** One customer of a sample. */
    record Customer(long id, String name, CustomerKind kind, ValueTier valueTier, String province, String city) {
    }

    /** One group of a distribution: the attribute's value (null: not set), customers and the measure's sum. */
    record Group(String key, long customers, BigDecimal amount) {
    }

    /**
     * A sub-query {@code SELECT c.id FROM customers c WHERE ...} of the live customers matching {@code condition},
     * for set-based inserts of the caller ({@code INSERT ... SELECT ... WHERE customer_id IN (<sql>)}).
     */
    Sql idQuery(Sql condition, CurrentUser viewer);

    long count(Sql condition, CurrentUser viewer);

    /** Up to {@code limit} matching customers, newest first. */
    List<Customer> sample(Sql condition, CurrentUser viewer, int limit);

    /** Matching customer ids above {@code afterId} in ascending order, at most {@code limit} (keyset paging). */
    List<Long> ids(Sql condition, CurrentUser viewer, long afterId, int limit);

    /**
     * Matching customers grouped by an attribute, largest groups first: the count and the sum of a measure.
     *
     * @param measure a sub-query returning {@code (customer_id, amount)} rows, any number per customer, summed per
     *                group, e.g. from another module's public API (the totals of confirmed orders); null for counts
     *                only
     */
    List<Group> distribution(CustomerAttribute by, Sql condition, Sql measure, CurrentUser viewer, int limit);
}
