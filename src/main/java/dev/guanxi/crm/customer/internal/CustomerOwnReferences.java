package dev.guanxi.crm.customer.internal;

import dev.guanxi.crm.customer.CustomerMergeParticipant;
import dev.guanxi.crm.customer.CustomerReferences;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The customer module's own records that follow a merged customer: its contacts and its timeline. */
@Configuration(proxyBeanMethods = false)
class CustomerOwnReferences {

    @Bean
    CustomerMergeParticipant customerRecords(JdbcClient jdbc) {
        return new CustomerReferences("customer", jdbc, "contacts", "customer_timeline");
    }
}
