/** Data in and out: customer list exports (CSV, Excel) and customer imports with undo. */
@org.springframework.modulith.ApplicationModule(displayName = "Data import and export")
package dev.guanxi.crm.dataio;
