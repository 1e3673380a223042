package dev.guanxi.crm.loyalty.internal;

import dev.guanxi.crm.customer.CustomerMergeParticipant;
import dev.guanxi.crm.customer.CustomerReferences;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The merged customer's points and tier history follow it to the survivor, so the survivor's balance is the sum of
 * both ledgers; the survivor's tier is evaluated again by the nightly job (or its next payment).
 */
@Configuration(proxyBeanMethods = false)
class LoyaltyCustomerReferences {

    @Bean
    CustomerMergeParticipant loyaltyRecords(JdbcClient jdbc) {
        return new CustomerReferences("loyalty", jdbc, "points_ledger", "loyalty_tier_history");
    }
}
