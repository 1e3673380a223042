package dev.guanxi.crm.customer.internal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps the planner's statistics of customers up with bulk writes. Autovacuum analyzes a table some time after it
 * has changed by a tenth; an import into a new installation grows customers from a few hundred rows to a million in
 * minutes, and until then the planner takes the table for empty. It then read a partial index of every person for
 * each customer a duplicate rule checked: 145 s for a follow-up chunk of 2,000 customers at 94,000 rows, 131 ms with
 * statistics. The import and the follow-up check call this between their batches: one small query, and ANALYZE
 * (about a second at 1M customers) when the table has grown by a fifth, at least {@link #MIN_PAGES} pages, past the
 * size the planner last recorded. The recorded size (pg_class.relpages) changes with ANALYZE itself, so the test is
 * exact at once, unlike the statistics collector's change counts, which trail by up to a second.
 */
@Component
class CustomerStatistics {

    /** Growth in 8 kB pages (about 20 customers each) past the recorded size below which nothing is done. */
    static final long MIN_PAGES = 500;

    private final JdbcClient jdbc;

    CustomerStatistics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Analyzes customers when it has grown well past the size the planner knows; whether it did. */
    boolean refreshIfStale() {
        return refreshIfStale("customers");
    }

    /** The same for another table of this module (a plain name, as written in code). */
    boolean refreshIfStale(String table) {
        if (!table.matches("[a-z_]+")) {
            throw new IllegalArgumentException("Not a table name: " + table);
        }
        boolean stale = jdbc.sql("""
                        SELECT pg_relation_size(c.oid) / current_setting('block_size')::int
                               > greatest(c.relpages * 1.2, c.relpages + :minPages)
                        FROM pg_class c WHERE c.oid = CAST(:table AS regclass)""")
                .param("minPages", MIN_PAGES).param("table", table).query(Boolean.class).single();
        if (stale) {
            jdbc.sql("ANALYZE " + table).update();
        }
        return stale;
    }
}
