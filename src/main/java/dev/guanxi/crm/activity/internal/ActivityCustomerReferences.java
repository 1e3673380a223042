package dev.guanxi.crm.activity.internal;

import dev.guanxi.crm.customer.CustomerMergeParticipant;
import dev.guanxi.crm.customer.CustomerReferences;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Activities follow a merged customer to the survivor. */
@Configuration(proxyBeanMethods = false)
class ActivityCustomerReferences {

    @Bean
    CustomerMergeParticipant activityRecords(JdbcClient jdbc) {
        return new CustomerReferences("activity", jdbc, "activities");
    }
}
