package dev.guanxi.crm.service.internal;

import dev.guanxi.crm.customer.CustomerMergeParticipant;
import dev.guanxi.crm.customer.CustomerReferences;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Service records that follow a merged customer to the survivor. */
@Configuration(proxyBeanMethods = false)
class ServiceCustomerReferences {

    @Bean
    CustomerMergeParticipant serviceRecords(JdbcClient jdbc) {
        // a survey campaign asks each customer once: the merged customer's invitation stays when the survivor has one
        return new CustomerReferences("service", jdbc, "return_requests", "survey_invitations")
                .unique("survey_invitations", "campaign_id");
    }
}
