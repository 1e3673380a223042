/** Customers and contacts, their classification, the customer 360 view and its timeline. */
@org.springframework.modulith.ApplicationModule(displayName = "Customer")
package dev.guanxi.crm.customer;
