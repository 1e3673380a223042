package dev.guanxi.crm.service.internal;

import dev.guanxi.crm.analytics.ChurnSignal;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;

/**
 * What customer service knows about churn (流失预警), handed to the analytics scoring run: customers with a
 * complaint not yet closed, and customers whose latest satisfaction answer of the last 12 months was low
 * (CSAT 1–2 or an NPS detractor, 0–6).
 */
@Configuration(proxyBeanMethods = false)
class ServiceChurnSignals {

    static final String OPEN_COMPLAINT = "OPEN_COMPLAINT";
    static final String LOW_SATISFACTION = "LOW_SATISFACTION";

    @Bean
    ChurnSignal openComplaints(JdbcClient jdbc) {
        return signal(OPEN_COMPLAINT, jdbc, """
                SELECT DISTINCT customer_id FROM tickets
                WHERE type = 'COMPLAINT' AND status <> 'CLOSED' AND created_at < CAST(:asOf AS date) + 1""");
    }

    @Bean
    ChurnSignal lowSatisfaction(JdbcClient jdbc) {
        return signal(LOW_SATISFACTION, jdbc, """
                SELECT customer_id FROM (
                  SELECT DISTINCT ON (customer_id) customer_id, kind, score FROM survey_invitations
                  WHERE answered_at IS NOT NULL AND answered_at < CAST(:asOf AS date) + 1
                    AND answered_at >= CAST(:asOf AS date) - interval '12 months'
                  ORDER BY customer_id, answered_at DESC) latest
                WHERE (kind = 'CSAT' AND score <= 2) OR (kind = 'NPS' AND score <= 6)""");
    }

    private static ChurnSignal signal(String code, JdbcClient jdbc, String sql) {
        return new ChurnSignal() {
            @Override
            public String code() {
                return code;
            }

            @Override
            public Set<Long> flaggedCustomers(LocalDate asOf) {
                return new HashSet<>(jdbc.sql(sql).param("asOf", asOf).query(Long.class).list());
            }
        };
    }
}
