package dev.guanxi.crm.customer.internal;

import dev.guanxi.crm.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The duplicate rules may reuse generic plans when they check a few customers (a create), and plan anew for the
 * many customers of an import batch or follow-up chunk: a generic plan cached while customers was small would read
 * the whole table for every customer once an import had grown it. Rolled back.
 */
@IntegrationTest
@Transactional
class DuplicatePlansTest {

    @Autowired
    Duplicates duplicates;
    @Autowired
    JdbcClient jdbc;

    private List<Long> customers(int n) {
        return jdbc.sql("""
                INSERT INTO customers (kind, name, customer_type, owner_id, city, birth_date)
                SELECT 'PERSON', '计划客户 ' || i, 'CONSUMER', 1, '杭州市', DATE '1990-01-01' FROM generate_series(1, ?) i
                RETURNING id""").param(n).query(Long.class).list();
    }

    private String planCacheMode() {
        return jdbc.sql("SHOW plan_cache_mode").query(String.class).single();
    }

    @Test
    void aFewCustomersMayReuseGenericPlansABatchIsPlannedForItsValues() {
        assertThat(planCacheMode()).isEqualTo("force_custom_plan");
        duplicates.checkFollowUp(customers(Duplicates.GENERIC_PLANS_UP_TO + 1));
        assertThat(planCacheMode()).isEqualTo("force_custom_plan");

        duplicates.check(customers(1));
        assertThat(planCacheMode()).isEqualTo("auto");
    }
}
