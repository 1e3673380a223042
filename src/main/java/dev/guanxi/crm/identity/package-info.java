/** Users, teams, roles and permissions, API tokens, and the security configuration. */
@org.springframework.modulith.ApplicationModule(displayName = "Identity")
package dev.guanxi.crm.identity;
