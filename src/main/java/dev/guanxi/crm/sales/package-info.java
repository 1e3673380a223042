/** Products and prices, orders with lines, payments received and receivables. */
@org.springframework.modulith.ApplicationModule(displayName = "Sales")
package dev.guanxi.crm.sales;
