/** Demo data: on a fresh database creates demo teams, users, customers and contacts so the product can be tried. */
@org.springframework.modulith.ApplicationModule(displayName = "Demo data")
package dev.guanxi.crm.demo;
