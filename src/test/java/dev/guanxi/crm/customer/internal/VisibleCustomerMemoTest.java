package dev.guanxi.crm.customer.internal;

import dev.guanxi.crm.identity.CurrentUser;
import dev.guanxi.crm.identity.Role;
import dev.guanxi.crm.support.IntegrationTest;
import dev.guanxi.crm.support.Statements;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A customer checked for visibility several times in one read-only transaction is read once; in a transaction that
 * writes, or without one, every check reads it, so a change made in that transaction is seen.
 */
@IntegrationTest
class VisibleCustomerMemoTest {

    @Autowired
    Customers customers;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    final CurrentUser admin = new CurrentUser(1, "admin", "Admin", Role.ADMIN, null, Set.of());
    long id;

    private long customer() {
        id = jdbc.sql("INSERT INTO customers (kind, name, customer_type, owner_id, source) "
                + "VALUES ('PERSON', '备忘客户', 'CONSUMER', 1, 'memo-test') RETURNING id").query(Long.class).single();
        return id;
    }

    @AfterEach
    void remove() {
        jdbc.sql("DELETE FROM customers WHERE source = 'memo-test'").update();
    }

    private long statements(Runnable work) {
        return Statements.counted(work);
    }

    private TransactionTemplate tx(boolean readOnly) {
        TransactionTemplate t = new TransactionTemplate(transactions);
        t.setReadOnly(readOnly);
        return t;
    }

    @Test
    void readOnceInAReadOnlyTransaction() {
        long id = customer();
        long n = statements(() -> tx(true).executeWithoutResult(s -> {
            assertThat(customers.find(id, admin)).isPresent();
            assertThat(customers.find(id, admin)).isPresent();
            assertThat(customers.find(id, admin).orElseThrow().data().name()).isEqualTo("备忘客户");
        }));
        assertThat(n).isEqualTo(1);
        // and not kept beyond it
        tx(true).executeWithoutResult(s -> {
            jdbc.sql("SELECT 1").query(Integer.class).single();
        });
        jdbc.sql("UPDATE customers SET name = '改名备忘' WHERE id = ?").param(id).update();
        tx(true).executeWithoutResult(s ->
                assertThat(customers.find(id, admin).orElseThrow().data().name()).isEqualTo("改名备忘"));
    }

    @Test
    void readEachTimeWhereTheTransactionWrites() {
        long id = customer();
        tx(false).executeWithoutResult(s -> {
            assertThat(customers.find(id, admin).orElseThrow().data().name()).isEqualTo("备忘客户");
            jdbc.sql("UPDATE customers SET name = '事务内改名' WHERE id = ?").param(id).update();
            assertThat(customers.find(id, admin).orElseThrow().data().name()).isEqualTo("事务内改名");
        });
        assertThat(statements(() -> {
            customers.find(id, admin);
            customers.find(id, admin);
        })).as("without a transaction").isEqualTo(2);
    }

    @Test
    void anotherViewerIsCheckedOnItsOwn() {
        long id = customer();
        CurrentUser stranger = new CurrentUser(987_101, "memo-stranger", "Stranger", Role.SALES_REP, 987_102L,
                Set.of(987_102L));
        tx(true).executeWithoutResult(s -> {
            assertThat(customers.find(id, admin)).isPresent();
            assertThat(customers.find(id, stranger)).as("a rep of another team").isEmpty();
        });
    }

    @Test
    void aTransactionInsideOneKeepsItsOwnReads() {
        long id = customer();
        tx(true).executeWithoutResult(outer -> {
            assertThat(customers.find(id, admin).orElseThrow().data().name()).isEqualTo("备忘客户");
            TransactionTemplate inner = tx(false);
            inner.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
            inner.executeWithoutResult(s -> {
                jdbc.sql("UPDATE customers SET name = '内层改名' WHERE id = ?").param(id).update();
                assertThat(customers.find(id, admin).orElseThrow().data().name()).isEqualTo("内层改名");
            });
        });
    }
}
