/** Loyalty: points ledger (earn, redeem, expire, adjust) and member tiers. */
@org.springframework.modulith.ApplicationModule(displayName = "Loyalty")
package dev.guanxi.crm.loyalty;
