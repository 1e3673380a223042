package dev.guanxi.crm.service.internal;

import dev.guanxi.crm.service.OpenComplaints;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

@Component
class JdbcOpenComplaints implements OpenComplaints {

    private final JdbcClient jdbc;

    JdbcOpenComplaints(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public long count(long customerId) {
        return jdbc.sql("SELECT count(*) FROM tickets WHERE customer_id = ? AND type = 'COMPLAINT' AND closed_at IS NULL")
                .param(customerId).query(Long.class).single();
    }

    @Override
    public Map<Long, Long> counts(Collection<Long> customerIds) {
        Map<Long, Long> counts = new HashMap<>();
        if (customerIds.isEmpty()) {
            return counts;
        }
        jdbc.sql("""
                        SELECT customer_id, count(*) AS n FROM tickets
                        WHERE customer_id IN (:ids) AND type = 'COMPLAINT' AND closed_at IS NULL GROUP BY customer_id""")
                .param("ids", customerIds)
                .query((rs, n) -> counts.put(rs.getLong("customer_id"), rs.getLong("n"))).list();
        return counts;
    }
}
