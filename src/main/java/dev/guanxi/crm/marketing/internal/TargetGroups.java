package dev.guanxi.crm.marketing.internal;

import dev.guanxi.crm.customer.CustomerAttribute;
import dev.guanxi.crm.customer.CustomerSelection;
import dev.guanxi.crm.customer.CustomerType;
import dev.guanxi.crm.customer.Gender;
import dev.guanxi.crm.customer.ValueTier;
import dev.guanxi.crm.identity.CurrentUser;
import dev.guanxi.crm.sales.SalesFigures;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Target-group analysis: where the customers the user sees concentrate (count, and revenue of confirmed orders)
 * by one dimension, under filters. One GROUP BY over the customers joined to revenue per customer.
 */
@Service
public class TargetGroups {

    static final int MAX_GROUPS = 60;

    /** The dimensions of the analysis; the enum-valued ones are labelled with {@code labelPrefix} + value. */
    public enum Dimension {
        INDUSTRY(CustomerAttribute.INDUSTRY, null),
        OCCUPATION(CustomerAttribute.OCCUPATION, null),
        AGE_BAND(CustomerAttribute.AGE_BAND, "targetgroup.age."),
        GENDER(CustomerAttribute.GENDER, "enum.Gender."),
        PROVINCE(CustomerAttribute.PROVINCE, null),
        CITY(CustomerAttribute.CITY, null),
        VALUE_TIER(CustomerAttribute.VALUE_TIER, "enum.ValueTier."),
        SOURCE(CustomerAttribute.SOURCE, null),
        CUSTOMER_TYPE(CustomerAttribute.CUSTOMER_TYPE, "enum.CustomerType.");

        private final CustomerAttribute attribute;
        private final String labelPrefix;

        Dimension(CustomerAttribute attribute, String labelPrefix) {
            this.attribute = attribute;
            this.labelPrefix = labelPrefix;
        }

        public String labelPrefix() {
            return labelPrefix;
        }

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Dimension> parse(String code) {
            try {
                return Optional.of(valueOf(code.strip().toUpperCase(Locale.ROOT)));
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        }
    }

    /** Filters of the analysis (all optional); {@code segmentId} restricts it to a segment's members. */
    public record Filter(CustomerType customerType, ValueTier valueTier, Gender gender, String industry,
                         String province, String city, String source, Long segmentId) {

        public static Filter none() {
            return new Filter(null, null, null, null, null, null, null, null);
        }
    }

    public record Row(String key, long customers, BigDecimal revenue, double share) {
    }

    public record Distribution(Dimension dimension, List<Row> rows, long customers, BigDecimal revenue,
                               boolean truncated) {
    }

    private final CustomerSelection customers;
    private final SalesFigures sales;
    private final SegmentService segments;

    TargetGroups(CustomerSelection customers, SalesFigures sales, SegmentService segments) {
        this.customers = customers;
        this.sales = sales;
        this.segments = segments;
    }

    @Transactional(readOnly = true)
    public Distribution distribution(Dimension dimension, Filter filter) {
        CurrentUser viewer = MarketingAccess.viewer();
        CustomerSelection.Sql where = condition(filter);
        List<CustomerSelection.Group> groups = customers.distribution(dimension.attribute, where,
                sales.confirmedOrderTotals(), viewer, MAX_GROUPS + 1);
        boolean truncated = groups.size() > MAX_GROUPS;
        List<CustomerSelection.Group> shown = truncated ? groups.subList(0, MAX_GROUPS) : groups;
        long total = truncated ? customers.count(where, viewer)
                : shown.stream().mapToLong(CustomerSelection.Group::customers).sum();
        BigDecimal revenue = shown.stream().map(CustomerSelection.Group::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        List<Row> rows = shown.stream().map(g -> new Row(g.key(), g.customers(), g.amount(),
                total == 0 ? 0 : g.customers() / (double) total)).toList();
        return new Distribution(dimension, rows, total, revenue, truncated);
    }

    private CustomerSelection.Sql condition(Filter f) {
        List<String> parts = new ArrayList<>();
        java.util.HashMap<String, Object> params = new java.util.HashMap<>();
        equal(parts, params, CustomerAttribute.CUSTOMER_TYPE, f.customerType() == null ? null : f.customerType().name());
        equal(parts, params, CustomerAttribute.VALUE_TIER, f.valueTier() == null ? null : f.valueTier().name());
        equal(parts, params, CustomerAttribute.GENDER, f.gender() == null ? null : f.gender().name());
        equal(parts, params, CustomerAttribute.INDUSTRY, f.industry());
        equal(parts, params, CustomerAttribute.PROVINCE, f.province());
        equal(parts, params, CustomerAttribute.CITY, f.city());
        equal(parts, params, CustomerAttribute.SOURCE, f.source());
        CustomerSelection.Sql sql = new CustomerSelection.Sql(parts.isEmpty() ? "TRUE" : String.join(" AND ", parts),
                params);
        if (f.segmentId() != null) {
            sql = sql.and(segments.condition(f.segmentId()));
        }
        return sql;
    }

    private static void equal(List<String> parts, Map<String, Object> params, CustomerAttribute attribute,
                              String value) {
        if (value != null && !value.isBlank()) {
            String name = "tg" + attribute.name().toLowerCase(Locale.ROOT).replace("_", "");
            parts.add(attribute.sql() + " = :" + name);
            params.put(name, value.strip());
        }
    }
}
