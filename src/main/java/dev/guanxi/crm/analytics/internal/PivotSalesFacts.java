package dev.guanxi.crm.analytics.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dev.guanxi.crm.analytics.internal.PivotDimension.*;

/**
 * The sales facts of the pivot report: orders (revenue, order count, buying customers, average order value),
 * order lines (the same by product, and quantity) and payments received. Revenue counts orders confirmed or later
 * (not drafts, not cancelled) on their order date; payments count on the day received.
 *
 * <p>They are read from the flattened fact tables {@link PivotFactTables} keeps (see
 * docs/decisions/0006-pivot-reports-read-flattened-sales-facts.md). Order facts come first: the registry takes a
 * measure from the first fact that supports the request's dimensions, so order lines serve only requests by
 * product.
 */
@Configuration(proxyBeanMethods = false)
class PivotSalesFacts {

    /** Orders that count as revenue (in SQL over {@code orders o}). */
    static final String RECEIVABLE = "o.status IN ('CONFIRMED','SHIPPED','DELIVERED','COMPLETED')";

    @Bean
    @Order(10)
    PivotFact orderFacts() {
        return fact("orders", "analytics_pivot_orders f", columns(), Map.of(), List.of(
                PivotMeasure.money("revenue", "coalesce(sum(f.total), 0)", true),
                PivotMeasure.count("orders", "count(*)", true),
                PivotMeasure.count("customers", "count(DISTINCT f.customer_id)", false),
                PivotMeasure.money("averageOrder", "round(sum(f.total) / nullif(count(*), 0), 2)", false)));
    }

    @Bean
    @Order(20)
    PivotFact orderLineFacts() {
        Map<PivotDimension, String> columns = columns();
        columns.put(PRODUCT, "f.product_id");
        return fact("orderLines", "analytics_pivot_lines f", columns, Map.of(PRODUCT, "max(f.product_name)"), List.of(
                PivotMeasure.money("revenue", "coalesce(sum(f.line_total), 0)", true),
                PivotMeasure.count("orders", "count(DISTINCT f.order_id)", false),
                PivotMeasure.count("customers", "count(DISTINCT f.customer_id)", false),
                PivotMeasure.money("averageOrder",
                        "round(sum(f.line_total) / nullif(count(DISTINCT f.order_id), 0), 2)", false),
                new PivotMeasure("quantity", "coalesce(sum(f.quantity), 0)", PivotMeasure.Format.NUMBER, true)));
    }

    @Bean
    @Order(30)
    PivotFact paymentFacts() {
        return fact("payments", "analytics_pivot_payments f", columns(), Map.of(), List.of(
                PivotMeasure.money("payments", "coalesce(sum(f.amount), 0)", true),
                PivotMeasure.count("payingCustomers", "count(DISTINCT f.customer_id)", false)));
    }

    private static PivotFact fact(String key, String table, Map<PivotDimension, String> columns,
                                  Map<PivotDimension, String> labels, List<PivotMeasure> measures) {
        return new PivotFact(key, table, "", "f.day", "TRUE", "f.owner_id", "f.team_id", columns, labels, measures);
    }

    /** The order's owner and team, and its customer's attributes, copied into every fact table. */
    private static Map<PivotDimension, String> columns() {
        Map<PivotDimension, String> columns = new HashMap<>();
        columns.put(PROVINCE, "f.province");
        columns.put(CITY, "f.city");
        columns.put(INDUSTRY, "f.industry");
        columns.put(TIER, "f.value_tier");
        columns.put(SOURCE, "f.source");
        columns.put(OWNER, "f.owner_id");
        columns.put(TEAM, "f.team_id");
        return columns;
    }
}
