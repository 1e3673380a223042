package dev.guanxi.crm.customer.internal;

import dev.guanxi.crm.support.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An import's batches and the follow-up duplicate check analyze customers once it has grown by a fifth past the size
 * the planner last recorded (at least {@link CustomerStatistics#MIN_PAGES} pages), and not otherwise. Shown on a table
 * of the test's own: customers, shared by the tests, has the free space of deleted rows to fill before it grows.
 */
@IntegrationTest
class CustomerStatisticsTest {

    @Autowired
    CustomerStatistics statistics;
    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void createTable() {
        jdbc.sql("CREATE TABLE statistics_probe (id bigint, name text)").update();
    }

    @AfterEach
    void dropTable() {
        jdbc.sql("DROP TABLE statistics_probe").update();
    }

    private long plannerPages() {
        return jdbc.sql("SELECT relpages FROM pg_class WHERE oid = 'statistics_probe'::regclass").query(Long.class)
                .single();
    }

    private void insert(long rows) {
        jdbc.sql("INSERT INTO statistics_probe SELECT i, '统计客户 ' || i FROM generate_series(1, ?) i").param(rows)
                .update();
    }

    @Test
    void aTableGrownPastWhatThePlannerKnowsIsAnalyzedASmallerGrowthIsNot() {
        insert(1_000);
        jdbc.sql("ANALYZE statistics_probe").update();
        assertThat(statistics.refreshIfStale("statistics_probe")).isFalse();
        long before = plannerPages();

        insert(10_000); // about 70 pages: under the threshold
        assertThat(statistics.refreshIfStale("statistics_probe")).isFalse();
        assertThat(plannerPages()).isEqualTo(before);

        insert(100_000); // about 700 pages more
        assertThat(statistics.refreshIfStale("statistics_probe")).isTrue();
        assertThat(plannerPages()).isGreaterThan(before + CustomerStatistics.MIN_PAGES);
        assertThat(statistics.refreshIfStale("statistics_probe")).isFalse();
        // customers itself: nothing to do right after an ANALYZE
        jdbc.sql("ANALYZE customers").update();
        assertThat(statistics.refreshIfStale()).isFalse();
    }

    @Test
    void onlyATableNameIsAnalyzed() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> statistics.refreshIfStale("customers; DROP"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
