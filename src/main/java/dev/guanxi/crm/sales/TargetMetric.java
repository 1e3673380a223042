package dev.guanxi.crm.sales;

/** What a target measures: revenue of confirmed orders, or payments received. */
public enum TargetMetric {
    REVENUE, PAYMENTS
}
