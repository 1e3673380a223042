package dev.guanxi.crm.activity;

import dev.guanxi.crm.activity.internal.Reminders;
import dev.guanxi.crm.identity.Role;
import dev.guanxi.crm.identity.internal.TestAccounts;
import dev.guanxi.crm.identity.internal.TestAccounts.Account;
import dev.guanxi.crm.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Reminders fire once per activity, a configured time before it is due, even when two runs race. */
@IntegrationTest
class ReminderTest {

    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Reminders reminders;

    long activity(Account owner, String dueIn, boolean done) {
        // time is controlled by due times relative to the database clock, which the claim also uses
        return jdbc.sql("""
                        INSERT INTO activities (type, customer_id, subject, due_at, done, owner_id, team_id, created_by)
                        VALUES ('CALL', 1, 'Call back 回电', now() + CAST(? AS interval), ?, ?, ?, ?) RETURNING id""")
                .params(dueIn, done, owner.id(), owner.teamId(), owner.id()).query(Long.class).single();
    }

    long reminders(long activityId) {
        return jdbc.sql("SELECT count(*) FROM notifications WHERE kind = 'REMINDER' AND source_ref = ?")
                .param("activity:" + activityId).query(Long.class).single();
    }

    @Test
    void twoConcurrentRunsRemindEachDueActivityExactlyOnce() throws Exception {
        Account rep = new TestAccounts(context).user(Role.SALES_REP, null);
        long dueSoon = activity(rep, "10 minutes", false);
        long dueNow = activity(rep, "-1 minute", false);
        long later = activity(rep, "1 hour", false);
        long done = activity(rep, "5 minutes", true);
        long longAgo = activity(rep, "-3 days", false);

        CyclicBarrier start = new CyclicBarrier(2);
        Callable<List<Long>> run = () -> {
            start.await();
            return reminders.remindDue();
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Long> claimed = new java.util.ArrayList<>();
        try {
            for (Future<List<Long>> f : pool.invokeAll(List.of(run, run))) {
                claimed.addAll(f.get());
            }
        } finally {
            pool.shutdown();
        }
        claimed.addAll(reminders.remindDue());

        assertThat(claimed).as("claimed by exactly one of the runs").containsOnlyOnce(dueSoon, dueNow)
                .doesNotContain(later, done, longAgo);

        assertThat(reminders(dueSoon)).isEqualTo(1);
        assertThat(reminders(dueNow)).isEqualTo(1);
        assertThat(reminders(later)).as("not yet within 15 minutes").isZero();
        assertThat(reminders(done)).as("done activities are not reminded").isZero();
        assertThat(reminders(longAgo)).as("long overdue when first seen").isZero();
        assertThat(jdbc.sql("SELECT user_id FROM notifications WHERE source_ref = ?").param("activity:" + dueSoon)
                .query(Long.class).single()).isEqualTo(rep.id());
        assertThat(jdbc.sql("SELECT reminded_at IS NOT NULL FROM activities WHERE id = ?").param(dueSoon)
                .query(Boolean.class).single()).isTrue();
    }
}
