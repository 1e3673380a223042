/** The audit log: who changed or exported what, when, with old and new values. */
@org.springframework.modulith.ApplicationModule(displayName = "Audit")
package dev.guanxi.crm.audit;
