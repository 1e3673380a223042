package dev.guanxi.crm.customer.internal;

import dev.guanxi.crm.identity.Role;
import dev.guanxi.crm.identity.internal.TestAccounts;
import dev.guanxi.crm.identity.internal.TestAccounts.Account;
import dev.guanxi.crm.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The follow-up duplicate check as production runs it: on its own thread, started by the queueing. */
@IntegrationTest
class DuplicateFollowUpBackgroundTest {

    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Duplicates duplicates;
    @Autowired
    CustomerStatistics statistics;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void queuedCustomersAreCheckedOnTheWorkerThread() {
        TestAccounts accounts = new TestAccounts(context);
        Account rep = accounts.user(Role.SALES_REP, accounts.team("follow-up-" + System.nanoTime()));
        String city = "后台城" + System.nanoTime();
        List<Long> ids = List.of(insert("钱七", city, rep), insert("钱七", city, rep));
        DuplicateFollowUp followUp = new DuplicateFollowUp(jdbc, duplicates, statistics, transactions, true, 2000);
        try {
            String source = "test:" + city;
            followUp.queue(source, ids);
            await().atMost(Duration.ofSeconds(30)).until(() -> !followUp.pending(source));
            assertThat(jdbc.sql("SELECT rules FROM duplicate_candidates WHERE customer_a = ? AND customer_b = ?")
                    .params(ids.get(0), ids.get(1)).query(String.class).single()).contains("NAME_AND_CITY");
        } finally {
            followUp.stop();
        }
    }

    private long insert(String name, String city, Account owner) {
        return jdbc.sql("""
                        INSERT INTO customers (kind, name, customer_type, city, owner_id, team_id)
                        VALUES ('PERSON', ?, 'CONSUMER', ?, ?, ?) RETURNING id""")
                .params(name, city, owner.id(), owner.teamId()).query(Long.class).single();
    }
}
