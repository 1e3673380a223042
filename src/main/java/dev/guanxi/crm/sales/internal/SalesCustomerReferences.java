package dev.guanxi.crm.sales.internal;

import dev.guanxi.crm.customer.CustomerMergeParticipant;
import dev.guanxi.crm.customer.CustomerReferences;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Sales records that follow a merged customer to the survivor. */
@Configuration(proxyBeanMethods = false)
class SalesCustomerReferences {

    @Bean
    CustomerMergeParticipant salesRecords(JdbcClient jdbc) {
        return new CustomerReferences("sales", jdbc, "opportunities", "quotes", "orders", "order_lines", "payments",
                "leads.converted_customer_id");
    }
}
