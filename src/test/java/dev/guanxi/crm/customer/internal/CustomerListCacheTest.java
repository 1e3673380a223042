package dev.guanxi.crm.customer.internal;

import dev.guanxi.crm.common.KeptJson;
import dev.guanxi.crm.common.PageResult;
import dev.guanxi.crm.customer.CustomerQuery;
import dev.guanxi.crm.identity.CurrentUser;
import dev.guanxi.crm.identity.Role;
import dev.guanxi.crm.support.IntegrationTest;
import dev.guanxi.crm.support.SignedIn;
import net.ttddyy.dsproxy.QueryCountHolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kept list pages and counts: served again only while no transaction has committed a change to customers, read again
 * after any change (also one made straight in SQL, as another instance or module would), never kept for a transaction
 * that wrote customers itself. Commits, and removes its customers afterwards.
 */
@IntegrationTest
class CustomerListCacheTest {

    static final String SOURCE = "list-cache-test";

    @Autowired
    CustomerService service;
    @Autowired
    CustomerListCache cache;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate tx;

    @BeforeEach
    void signIn() {
        SignedIn.asAdmin();
    }

    @AfterEach
    void cleanUp() {
        SignedIn.out();
        jdbc.sql("DELETE FROM customers WHERE source = ?").param(SOURCE).update();
    }

    private void insert(String... names) {
        for (String name : names) {
            jdbc.sql("INSERT INTO customers (kind, name, customer_type, owner_id, source) "
                    + "VALUES ('PERSON', ?, 'CONSUMER', 1, ?)").params(name, SOURCE).update();
        }
    }

    private static CustomerQuery bySource() {
        CustomerQuery e = CustomerQuery.empty();
        return new CustomerQuery(e.q(), e.kind(), e.customerType(), e.valueTier(), e.loyaltyStatus(), e.settlement(),
                e.lifecycleStage(), e.relationshipLevel(), e.gender(), e.industry(), e.occupation(), e.province(),
                e.city(), e.district(), SOURCE, e.tag(), e.ownerId(), e.teamId(), e.deleted());
    }

    private PageResult<CustomerView> list() {
        return service.search(bySource(), CustomerSort.NAME, 1, 20);
    }

    private static List<String> names(PageResult<CustomerView> page) {
        return page.items().stream().map(v -> v.data().name()).toList();
    }

    /** Statements run by one request, and its result. */
    private static <T> T counting(long[] statements, Supplier<T> request) {
        QueryCountHolder.clear();
        T result = request.get();
        statements[0] = QueryCountHolder.getGrandTotal().getTotal();
        QueryCountHolder.clear();
        return result;
    }

    @Test
    void theCounterMovesOncePerCommittedTransactionThatWritesCustomers() {
        long start = cache.version();
        insert("计数客户甲");
        assertThat(cache.version()).as("one insert, committed").isEqualTo(start + 1);

        tx.executeWithoutResult(s -> {
            insert("计数客户乙", "计数客户丙");
            jdbc.sql("UPDATE customers SET notes = 'x' WHERE source = ?").param(SOURCE).update();
            assertThat(cache.version()).as("inside the writing transaction").isEqualTo(CustomerListCache.OWN_CHANGES);
        });
        assertThat(cache.version()).as("three statements in one transaction").isEqualTo(start + 2);

        tx.executeWithoutResult(s -> {
            insert("计数客户丁");
            s.setRollbackOnly();
        });
        assertThat(cache.version()).as("rolled back").isEqualTo(start + 2);

        jdbc.sql("UPDATE customers SET notes = 'y' WHERE source = 'no customer has this source'").update();
        assertThat(cache.version()).as("a statement that changed no row").isEqualTo(start + 2);
    }

    @Test
    void aKeptPageIsServedUntilAnyCustomerChanges() {
        insert("缓存客户A", "缓存客户B");
        long[] statements = {0};

        PageResult<CustomerView> first = counting(statements, this::list);
        assertThat(names(first)).containsExactly("缓存客户A", "缓存客户B");
        long firstStatements = statements[0];

        PageResult<CustomerView> again = counting(statements, this::list);
        assertThat(names(again)).containsExactly("缓存客户A", "缓存客户B");
        assertThat(statements[0]).as("kept: only the counter is read").isEqualTo(1);

        // changed straight in SQL, as another instance or module would
        jdbc.sql("UPDATE customers SET name = '缓存客户C' WHERE name = '缓存客户A' AND source = ?").param(SOURCE).update();
        assertThat(names(counting(statements, this::list))).containsExactly("缓存客户B", "缓存客户C");
        assertThat(statements[0]).as("read again after the change").isEqualTo(firstStatements);

        // a change to a customer outside the filter also makes the next read query again (the counter is per table)
        jdbc.sql("UPDATE customers SET notes = notes WHERE id = (SELECT min(id) FROM customers)").update();
        counting(statements, this::list);
        assertThat(statements[0]).isEqualTo(firstStatements);
    }

    @Test
    void aRenamedOwnerOrTeamIsShownAtOnce() {
        long team = jdbc.sql("INSERT INTO teams (name) VALUES ('缓存组') RETURNING id").query(Long.class).single();
        long owner = jdbc.sql("""
                INSERT INTO users (username, display_name, password_hash, role, team_id)
                VALUES ('list-cache-owner', '缓存销售', 'x', 'SALES_REP', ?) RETURNING id""")
                .param(team).query(Long.class).single();
        try {
            jdbc.sql("INSERT INTO customers (kind, name, customer_type, owner_id, team_id, source) "
                    + "VALUES ('PERSON', '命名客户', 'CONSUMER', ?, ?, ?)").params(owner, team, SOURCE).update();
            assertThat(list().items()).singleElement().satisfies(v -> {
                assertThat(v.ownerName()).isEqualTo("缓存销售");
                assertThat(v.teamName()).isEqualTo("缓存组");
            });
            long kept = cache.version();
            jdbc.sql("UPDATE users SET display_name = '改名销售' WHERE id = ?").param(owner).update();
            assertThat(cache.version()).isEqualTo(kept + 1);
            assertThat(list().items().get(0).ownerName()).isEqualTo("改名销售");
            jdbc.sql("UPDATE teams SET name = '改名组' WHERE id = ?").param(team).update();
            assertThat(list().items().get(0).teamName()).isEqualTo("改名组");
            jdbc.sql("UPDATE users SET failed_logins = failed_logins WHERE id = ?").param(owner).update();
            assertThat(cache.version()).as("other columns of users are not shown in lists").isEqualTo(kept + 2);
        } finally {
            jdbc.sql("DELETE FROM customers WHERE source = ?").param(SOURCE).update();
            jdbc.sql("DELETE FROM users WHERE id = ?").param(owner).update();
            jdbc.sql("DELETE FROM teams WHERE id = ?").param(team).update();
        }
    }

    @Test
    void aKeptCountIsCountedAgainAfterAnInsert() {
        insert("计数甲");
        assertThat(service.count(bySource()).total()).isEqualTo(1);
        assertThat(service.count(bySource()).total()).isEqualTo(1);
        insert("计数乙");
        assertThat(service.count(bySource()).total()).isEqualTo(2);
    }

    @Test
    void aTransactionThatWroteCustomersReadsItsOwnRowsNotAKeptPage() {
        insert("自写客户甲");
        assertThat(names(list())).containsExactly("自写客户甲");
        tx.executeWithoutResult(s -> {
            insert("自写客户乙");
            assertThat(names(list())).containsExactlyInAnyOrder("自写客户乙", "自写客户甲");
            s.setRollbackOnly();
        });
        assertThat(names(list())).containsExactly("自写客户甲");
    }

    @Test
    void eachViewerHasItsOwnKeptPage() {
        insert("可见客户");
        assertThat(names(list())).containsExactly("可见客户");
        CurrentUser stranger = new CurrentUser(987_001, "cache-stranger", "Stranger", Role.SALES_REP, 987_002L,
                Set.of(987_002L));
        SignedIn.as(stranger);
        assertThat(names(list())).as("a rep sees only customers of their own or their team").isEmpty();
    }

    @Test
    void aKeptPageIsSerializedOncePerMasking() {
        jdbc.sql("INSERT INTO customers (kind, name, customer_type, owner_id, source, phone) "
                + "VALUES ('PERSON', '号码客户', 'CONSUMER', 1, ?, '13812345678')").param(SOURCE).update();
        KeptJson<PageResult<CustomerView>> admin = service.searchJson(bySource(), CustomerSort.NAME, 1, 20, null);
        assertThat(service.searchJson(bySource(), CustomerSort.NAME, 1, 20, null)).as("the same kept body")
                .isSameAs(admin);
        assertThat(admin.value().items()).singleElement()
                .satisfies(v -> assertThat(v.data().phone()).isEqualTo("13812345678"));
        // an analyst sees every customer, as the administrator does, but with personal data masked: the same kept
        // page, another body
        SignedIn.as(new CurrentUser(987_003, "cache-analyst", "Analyst", Role.ANALYST, null, Set.of()));
        KeptJson<PageResult<CustomerView>> analyst = service.searchJson(bySource(), CustomerSort.NAME, 1, 20, null);
        assertThat(analyst).isNotSameAs(admin);
        assertThat(analyst.value().items()).singleElement()
                .satisfies(v -> assertThat(v.data().phone()).isNotEqualTo("13812345678").contains("*"));
        assertThat(service.searchJson(bySource(), CustomerSort.NAME, 1, 20, null)).isSameAs(analyst);
        // a change to any customer: a body of the page as it is now
        insert("新客户");
        SignedIn.asAdmin();
        KeptJson<PageResult<CustomerView>> after = service.searchJson(bySource(), CustomerSort.NAME, 1, 20, null);
        assertThat(after).isNotSameAs(admin);
        assertThat(names(after.value())).containsExactlyInAnyOrder("号码客户", "新客户");
    }
}
