package dev.guanxi.crm.common;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The connection pool has PostgreSQL plan every statement anew ({@code plan_cache_mode = force_custom_plan}): the
 * lists combine optional filters over skewed data, where a plan for the actual values wins. Statements whose plan
 * does not depend on the values (look-ups by id, the duplicate rules) pay that planning for nothing, about 1–3 ms a
 * statement against the many indexes of customers. {@link #forThisTransaction} lets PostgreSQL reuse a generic plan
 * of a statement it has prepared five times, until the current transaction ends.
 */
public final class GenericPlans {

    private GenericPlans() {
    }

    /** For the rest of the current transaction (nothing without one), generic plans may be reused. */
    public static void forThisTransaction(JdbcClient jdbc) {
        jdbc.sql("SELECT set_config('plan_cache_mode', 'auto', true)").query(String.class).single();
    }
}
