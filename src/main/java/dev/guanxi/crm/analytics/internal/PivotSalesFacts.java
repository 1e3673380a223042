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
 * <p>These are read-only reporting queries over the sales and customer tables (see
 * docs/decisions/0005-pivot-reports-read-operational-tables.md). Order facts come first: the registry takes a
 * measure from the first fact that supports the request's dimensions, so order lines serve only requests by
 * product.
 */
@Configuration(proxyBeanMethods = false)
class PivotSalesFacts {

    static final String RECEIVABLE = "o.status IN ('CONFIRMED','SHIPPED','DELIVERED','COMPLETED')";

    @Bean
    @Order(10)
    PivotFact orderFacts() {
        return new PivotFact("orders", "orders o", "JOIN customers c ON c.id = o.customer_id", "o.order_date",
                RECEIVABLE, "o.owner_id", "o.team_id", orderColumns(), Map.of(), List.of(
                PivotMeasure.money("revenue", "coalesce(sum(o.total), 0)", true),
                PivotMeasure.count("orders", "count(*)", true),
                PivotMeasure.count("customers", "count(DISTINCT o.customer_id)", false),
                PivotMeasure.money("averageOrder", "round(sum(o.total) / nullif(count(*), 0), 2)", false)));
    }

    @Bean
    @Order(20)
    PivotFact orderLineFacts() {
        Map<PivotDimension, String> columns = orderColumns();
        columns.put(PRODUCT, "l.product_id");
        return new PivotFact("orderLines", "order_lines l JOIN orders o ON o.id = l.order_id",
                "JOIN customers c ON c.id = l.customer_id", "l.order_date", RECEIVABLE, "o.owner_id", "o.team_id",
                columns, Map.of(PRODUCT, "max(l.product_name)"), List.of(
                PivotMeasure.money("revenue", "coalesce(sum(l.line_total), 0)", true),
                PivotMeasure.count("orders", "count(DISTINCT l.order_id)", false),
                PivotMeasure.count("customers", "count(DISTINCT l.customer_id)", false),
                PivotMeasure.money("averageOrder",
                        "round(sum(l.line_total) / nullif(count(DISTINCT l.order_id), 0), 2)", false),
                new PivotMeasure("quantity", "coalesce(sum(l.quantity), 0)", PivotMeasure.Format.NUMBER, true)));
    }

    @Bean
    @Order(30)
    PivotFact paymentFacts() {
        return new PivotFact("payments", "payments p JOIN orders o ON o.id = p.order_id",
                "JOIN customers c ON c.id = p.customer_id", "p.received_on", "TRUE", "o.owner_id", "o.team_id",
                orderColumns(), Map.of(), List.of(
                PivotMeasure.money("payments", "coalesce(sum(p.amount), 0)", true),
                PivotMeasure.count("payingCustomers", "count(DISTINCT p.customer_id)", false)));
    }

    /** Dimensions of everything that hangs off an order: its owner and team, and its customer's attributes. */
    private static Map<PivotDimension, String> orderColumns() {
        Map<PivotDimension, String> columns = new HashMap<>();
        columns.put(PROVINCE, "c.province");
        columns.put(CITY, "c.city");
        columns.put(INDUSTRY, "c.industry");
        columns.put(TIER, "c.value_tier");
        columns.put(SOURCE, "c.source");
        columns.put(OWNER, "o.owner_id");
        columns.put(TEAM, "o.team_id");
        return columns;
    }
}
