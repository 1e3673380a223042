package dev.guanxi.crm.customer.internal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps the planner's statistics of customers up with bulk writes. Autovacuum analyzes a table some time after it
 * has changed by a tenth; an import into a new installation grows customers from a few hundred rows to a million in
 * minutes, and until then the planner takes the table for empty. It then read a partial index of every person for
 * each customer a duplicate rule checked: 145 s for a follow-up chunk of 2,000 customers at 94,000 rows, 131 ms with
 * statistics. The import and the follow-up check call this between their batches: one small query, and ANALYZE
 * (about a second at 1M customers) when a fifth of the table, at least 10,000 rows, changed since the last one.
 */
@Component
class CustomerStatistics {

    /** Changed rows since the last ANALYZE above which it is run again, at least. */
    static final long MIN_CHANGES = 10_000;

    private final JdbcClient jdbc;

    CustomerStatistics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Analyzes customers when its statistics trail its changes; whether it did. */
    boolean refreshIfStale() {
        boolean stale = jdbc.sql("""
                        SELECT s.n_mod_since_analyze > greatest(:min, 0.2 * greatest(c.reltuples, 0))
                        FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid
                        WHERE s.relid = 'customers'::regclass""")
                .param("min", MIN_CHANGES).query(Boolean.class).optional().orElse(false);
        if (stale) {
            jdbc.sql("ANALYZE customers").update();
        }
        return stale;
    }
}
