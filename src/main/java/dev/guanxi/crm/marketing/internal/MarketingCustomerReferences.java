package dev.guanxi.crm.marketing.internal;

import dev.guanxi.crm.customer.CustomerMergeParticipant;
import dev.guanxi.crm.customer.CustomerReferences;
import dev.guanxi.crm.marketing.MessageChannel;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Marketing records that follow a merged customer to the survivor: coupon codes and redemptions, campaign and
 * static-segment memberships (where the survivor is not a member already), and opt-outs: a channel the merged
 * customer opted out of is opted out for the survivor too, so no message reaches that person again.
 */
@Configuration(proxyBeanMethods = false)
class MarketingCustomerReferences {

    @Bean
    CustomerMergeParticipant marketingRecords(JdbcClient jdbc) {
        return new CustomerReferences("marketing", jdbc, "coupon_codes", "coupon_redemptions")
                .unique("coupon_codes", "coupon_id");
    }

    @Bean
    CustomerMergeParticipant marketingMemberships(JdbcClient jdbc) {
        return new CustomerMergeParticipant() {
            @Override
            public String name() {
                return "marketing-memberships";
            }

            @Override
            public Map<String, List<Long>> moveRecords(long from, long to) {
                Map<String, List<Long>> moved = new LinkedHashMap<>();
                moved.put("campaign_members", jdbc.sql("""
                        UPDATE campaign_members m SET customer_id = :to WHERE customer_id = :from AND NOT EXISTS
                          (SELECT 1 FROM campaign_members o WHERE o.campaign_id = m.campaign_id AND o.customer_id = :to)
                        RETURNING campaign_id""").param("to", to).param("from", from).query(Long.class).list());
                moved.put("segment_members", jdbc.sql("""
                        UPDATE segment_members m SET customer_id = :to WHERE customer_id = :from AND NOT EXISTS
                          (SELECT 1 FROM segment_members o WHERE o.segment_id = m.segment_id AND o.customer_id = :to)
                        RETURNING segment_id""").param("to", to).param("from", from).query(Long.class).list());
                // channels (by ordinal) the survivor is opted out of only because of the merge
                moved.put("opt_outs", jdbc.sql("""
                        INSERT INTO marketing_consents (customer_id, channel, opted_out, source, changed_at)
                        SELECT :to, channel, true, 'MERGE', now() FROM marketing_consents
                        WHERE customer_id = :from AND opted_out
                        ON CONFLICT (customer_id, channel) DO UPDATE SET opted_out = true, source = 'MERGE', changed_at = now()
                          WHERE NOT marketing_consents.opted_out
                        RETURNING channel""").param("to", to).param("from", from).query(String.class).list()
                        .stream().map(c -> (long) MessageChannel.valueOf(c).ordinal()).toList());
                moved.values().removeIf(List::isEmpty);
                return moved;
            }

            @Override
            public void moveBack(Map<String, List<Long>> moved, long from, long to) {
                List<Long> campaigns = moved.getOrDefault("campaign_members", List.of());
                List<Long> segments = moved.getOrDefault("segment_members", List.of());
                if (!campaigns.isEmpty()) {
                    jdbc.sql("UPDATE campaign_members SET customer_id = :from WHERE campaign_id IN (:ids) AND customer_id = :to")
                            .param("from", from).param("to", to).param("ids", campaigns).update();
                }
                if (!segments.isEmpty()) {
                    jdbc.sql("UPDATE segment_members SET customer_id = :from WHERE segment_id IN (:ids) AND customer_id = :to")
                            .param("from", from).param("to", to).param("ids", segments).update();
                }
                for (long channel : moved.getOrDefault("opt_outs", List.of())) {
                    jdbc.sql("""
                            DELETE FROM marketing_consents WHERE channel = :channel AND source = 'MERGE' AND customer_id = :to""")
                            .param("channel", MessageChannel.values()[(int) channel].name()).param("to", to).update();
                }
            }
        };
    }
}
