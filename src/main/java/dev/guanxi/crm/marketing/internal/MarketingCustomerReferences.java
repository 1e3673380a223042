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
                moved.put("campaign_members", moveMemberships(jdbc, "campaign_members", "campaign_id", from, to));
                moved.put("segment_members", moveMemberships(jdbc, "segment_members", "segment_id", from, to));
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
                moveMembershipsBack(jdbc, "campaign_members", "campaign_id", moved, from, to);
                moveMembershipsBack(jdbc, "segment_members", "segment_id", moved, from, to);
                for (long channel : moved.getOrDefault("opt_outs", List.of())) {
                    jdbc.sql("""
                            DELETE FROM marketing_consents WHERE channel = :channel AND source = 'MERGE' AND customer_id = :to""")
                            .param("channel", MessageChannel.values()[(int) channel].name()).param("to", to).update();
                }
            }
        };
    }

    /** Moves the memberships (keyed by {@code key} and customer) the survivor does not have yet; returns their keys. */
    private static List<Long> moveMemberships(JdbcClient jdbc, String table, String key, long from, long to) {
        return jdbc.sql("UPDATE " + table + " m SET customer_id = :to WHERE customer_id = :from AND NOT EXISTS "
                        + "(SELECT 1 FROM " + table + " o WHERE o." + key + " = m." + key + " AND o.customer_id = :to) "
                        + "RETURNING " + key)
                .param("to", to).param("from", from).query(Long.class).list();
    }

    private static void moveMembershipsBack(JdbcClient jdbc, String table, String key, Map<String, List<Long>> moved,
                                            long from, long to) {
        List<Long> keys = moved.getOrDefault(table, List.of());
        if (!keys.isEmpty()) {
            jdbc.sql("UPDATE " + table + " SET customer_id = :from WHERE " + key + " IN (:keys) AND customer_id = :to")
                    .param("from", from).param("to", to).param("keys", keys).update();
        }
    }
}
