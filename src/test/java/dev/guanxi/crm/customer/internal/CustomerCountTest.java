package dev.guanxi.crm.customer.internal;

import dev.guanxi.crm.common.PageResult;
import dev.guanxi.crm.customer.CustomerQuery;
import dev.guanxi.crm.support.IntegrationTest;
import dev.guanxi.crm.support.Statements;
import dev.guanxi.crm.support.SignedIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;


import static org.assertj.core.api.Assertions.assertThat;

/**
 * The list's total: exact up to the cap when the planner expects few matches, "more than 10,000" from the planner's
 * estimate when it expects far more, without the count statement. Rolled back, so the 20,000 rows and their
 * statistics never reach other tests.
 */
@IntegrationTest
@Transactional
class CustomerCountTest {

    @Autowired
    CustomerService service;
    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void signIn() {
        SignedIn.asAdmin();
    }

    @AfterEach
    void signOut() {
        SignedIn.out();
    }

    private void customers(int n, String source) {
        jdbc.sql("""
                INSERT INTO customers (kind, name, customer_type, owner_id, source)
                SELECT 'PERSON', '估算客户 ' || i, 'CONSUMER', 1, ? FROM generate_series(1, ?) i""")
                .params(source, n).update();
        jdbc.sql("ANALYZE customers").update();
    }

    private static CustomerQuery source(String source) {
        CustomerQuery e = CustomerQuery.empty();
        return new CustomerQuery(e.q(), e.kind(), e.customerType(), e.valueTier(), e.loyaltyStatus(), e.settlement(),
                e.lifecycleStage(), e.relationshipLevel(), e.gender(), e.industry(), e.occupation(), e.province(),
                e.city(), e.district(), source, e.tag(), e.ownerId(), e.teamId(), e.deleted());
    }

    /** Statements run by one list request. */
    private long statements(Runnable work) {
        return Statements.counted(work);
    }

    @Test
    void manyExpectedMatchesAreMoreThanTheCapByEstimateFewAreCountedExactly() {
        customers(20_000, "估算-多");
        customers(120, "估算-少");
        PageResult<?>[] many = new PageResult<?>[1];
        PageResult<?>[] few = new PageResult<?>[1];
        long manyStatements = statements(() -> many[0] = service.search(source("估算-多"), CustomerSort.NEWEST, 2, 50));
        long fewStatements = statements(() -> few[0] = service.search(source("估算-少"), CustomerSort.NEWEST, 1, 50));

        assertThat(many[0].totalCapped()).isTrue();
        assertThat(many[0].total()).isEqualTo(PageResult.COUNT_CAP);
        assertThat(many[0].items()).hasSize(50);
        assertThat(few[0].totalCapped()).isFalse();
        assertThat(few[0].total()).isEqualTo(120);
        assertThat(few[0].hasNext()).isTrue();
        // both ask the planner; only the few matches are then counted (the many are not walked 10,001 rows deep)
        assertThat(manyStatements).isEqualTo(fewStatements - 1);
        assertThat(service.count(source("估算-多")).totalCapped()).isTrue();
        assertThat(service.count(source("估算-少")).total()).isEqualTo(120);
    }

    @Test
    void aNameSortedListOfFewMatchesCountsThemWhileSortingThem() {
        customers(120, "估算-名");
        PageResult<?>[] byName = new PageResult<?>[1];
        PageResult<?>[] newest = new PageResult<?>[1];
        long byNameStatements = statements(() -> byName[0] = service.search(source("估算-名"), CustomerSort.NAME, 1, 50));
        long newestStatements = statements(() -> newest[0] = service.search(source("估算-名"), CustomerSort.NEWEST, 1, 50));

        assertThat(byName[0].total()).isEqualTo(120);
        assertThat(byName[0].totalCapped()).isFalse();
        assertThat(byName[0].items()).hasSize(50);
        assertThat(newest[0].total()).isEqualTo(120);
        // newest first walks its index for 51 rows and counts the matches apart; by name all 120 are read and sorted,
        // and that same read counts them: one statement less
        assertThat(byNameStatements).isEqualTo(newestStatements - 1);
        // deeper pages of the sorted matches are counted the same way
        assertThat(service.search(source("估算-名"), CustomerSort.NAME, 3, 50).total()).isEqualTo(120);
    }

    @Test
    void twoFiltersCommonAloneButRareTogetherAreReadThroughTheFacetIndex() {
        CustomerQuery e = CustomerQuery.empty();
        CustomerQuery vipInZhejiang = new CustomerQuery(e.q(), e.kind(), e.customerType(),
                dev.guanxi.crm.customer.ValueTier.VIP, e.loyaltyStatus(), e.settlement(), e.lifecycleStage(),
                e.relationshipLevel(), e.gender(), e.industry(), e.occupation(), "浙江省", e.city(), e.district(),
                e.source(), e.tag(), e.ownerId(), e.teamId(), e.deleted());
        long before = service.search(vipInZhejiang, CustomerSort.NAME, 1, 50).total();
        // 1,000 VIP customers and 1,000 in 浙江省 among 20,000, independent, 50 both: either filter's own index
        // would visit 1,000 rows to find them
        jdbc.sql("""
                INSERT INTO customers (kind, name, customer_type, value_tier, province, owner_id)
                SELECT 'PERSON', '组合客户 ' || i, 'CONSUMER',
                       CASE WHEN i % 20 = 0 THEN 'VIP' ELSE 'SMALL' END,
                       CASE WHEN i / 20 % 20 = 0 THEN '浙江省' ELSE '江苏省' END, 1
                FROM generate_series(1, 20000) i""").update();
        jdbc.sql("ANALYZE customers").update();
        String plan = String.join("\n", jdbc.sql("""
                EXPLAIN SELECT id FROM customers
                WHERE deleted_at IS NULL AND value_tier = 'VIP' AND province = '浙江省'""").query(String.class).list());

        assertThat(plan).contains("customers_facets_idx");
        PageResult<?> page = service.search(vipInZhejiang, CustomerSort.NAME, 1, 50);
        assertThat(page.total()).isEqualTo(before + 50);
        assertThat(page.items()).hasSize(50);
    }
}
