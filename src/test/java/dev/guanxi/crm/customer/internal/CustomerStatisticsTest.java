package dev.guanxi.crm.customer.internal;

import dev.guanxi.crm.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An import's batches and the follow-up duplicate check analyze customers once it has changed by a fifth since the
 * planner last looked (at least {@link CustomerStatistics#MIN_CHANGES} rows), and not otherwise. The rows are
 * committed, since only committed changes reach the statistics, and removed again.
 */
@IntegrationTest
class CustomerStatisticsTest {

    @Autowired
    CustomerStatistics statistics;
    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void removeTheRows() {
        jdbc.sql("DELETE FROM customers WHERE name LIKE '统计客户 %'").update();
        jdbc.sql("ANALYZE customers").update();
    }

    private double plannerRows() {
        return jdbc.sql("SELECT reltuples FROM pg_class WHERE oid = 'customers'::regclass").query(Double.class).single();
    }

    @Test
    void aTableGrownPastWhatThePlannerKnowsIsAnalyzedAFreshOneIsNot() {
        jdbc.sql("ANALYZE customers").update();
        assertThat(statistics.refreshIfStale()).isFalse();
        double before = plannerRows();

        long rows = Math.max(CustomerStatistics.MIN_CHANGES, (long) (0.2 * Math.max(before, 0))) + 1_000;
        jdbc.sql("""
                INSERT INTO customers (kind, name, customer_type, owner_id)
                SELECT 'PERSON', '统计客户 ' || i, 'CONSUMER', 1 FROM generate_series(1, ?) i""").param(rows).update();

        // the change counts reach pg_stat_user_tables through the statistics collector, within about a second
        await().atMost(Duration.ofSeconds(10)).until(statistics::refreshIfStale);
        assertThat(plannerRows()).isGreaterThanOrEqualTo(before + rows);
        assertThat(statistics.refreshIfStale()).isFalse();
    }
}
