/**
 * Data in and out: customer list exports (CSV, Excel) and imports of customers, contacts, products, leads, orders and
 * payments as background jobs with undo.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Data import and export")
package dev.guanxi.crm.dataio;
