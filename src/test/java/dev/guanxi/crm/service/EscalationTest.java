package dev.guanxi.crm.service;

import dev.guanxi.crm.identity.Role;
import dev.guanxi.crm.identity.internal.TestAccounts;
import dev.guanxi.crm.identity.internal.TestAccounts.Account;
import dev.guanxi.crm.service.internal.Escalations;
import dev.guanxi.crm.service.internal.Escalations.Claimed;
import dev.guanxi.crm.support.IntegrationTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Automatic escalation: each SLA breach escalates once, to the team manager and then above, even when runs race. */
@IntegrationTest
class EscalationTest {

    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Escalations escalations;

    /** A ticket whose deadlines are relative to the database clock, which the job also uses. */
    long ticket(Long teamId, String responseDue, String resolutionDue, boolean resolved) {
        return jdbc.sql("""
                        INSERT INTO tickets (type, channel, priority, status, customer_id, subject, team_id, created_by,
                          created_at, first_response_due, resolution_due, resolved_at)
                        VALUES ('COMPLAINT', 'PHONE', 'HIGH', 'RECEIVED', 1, '超时投诉 Overdue complaint', ?, 1,
                          now() - interval '3 days', now() + CAST(? AS interval), now() + CAST(? AS interval),
                          CASE WHEN ? THEN now() END) RETURNING id""")
                .params(teamId, responseDue, resolutionDue, resolved).query(Long.class).single();
    }

    long notifications(long ticketId) {
        return jdbc.sql("SELECT count(*) FROM notifications WHERE kind = 'TICKET_ESCALATED' AND source_ref LIKE ?")
                .param("ticket:" + ticketId + ":%").query(Long.class).single();
    }

    @Test
    void twoRacingRunsEscalateEachBreachExactlyOnceAndNotifyOnce() throws Exception {
        TestAccounts accounts = new TestAccounts(context);
        long team = accounts.team("escalation");
        Account lead = accounts.manager(team);
        Account admin = accounts.user(Role.ADMIN, null);
        long responseOnly = ticket(team, "-1 hour", "2 days", false);
        long both = ticket(team, "-2 hours", "-1 hour", false);
        long noTeam = ticket(null, "-1 hour", "1 day", false);
        long onTime = ticket(team, "1 hour", "2 days", false);
        long resolved = ticket(team, "-2 hours", "-1 hour", true);
        List<Long> mine = List.of(responseOnly, both, noTeam, onTime, resolved);

        CyclicBarrier start = new CyclicBarrier(2);
        Callable<List<Claimed>> run = () -> {
            start.await();
            return escalations.run();
        };
        List<Claimed> claimed = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (Future<List<Claimed>> f : pool.invokeAll(List.of(run, run))) {
                claimed.addAll(f.get());
            }
        } finally {
            pool.shutdown();
        }
        claimed.addAll(escalations.run());
        List<Claimed> ours = claimed.stream().filter(c -> mine.contains(c.ticketId())).toList();

        assertThat(ours).extracting(c -> c.ticketId() + ":" + c.kind() + ":" + c.level()).containsExactlyInAnyOrder(
                responseOnly + ":FIRST_RESPONSE:1", both + ":FIRST_RESPONSE:1", both + ":RESOLUTION:2",
                noTeam + ":FIRST_RESPONSE:1");
        Claimed toLead = ours.stream().filter(c -> c.ticketId() == responseOnly).findFirst().orElseThrow();
        assertThat(toLead.notified()).as("level 1: the team's manager").containsExactly(lead.id());
        Claimed above = ours.stream().filter(c -> c.ticketId() == both && c.level() == 2).findFirst().orElseThrow();
        assertThat(above.notified()).as("level 2: admins and managers").contains(admin.id(), lead.id());
        Claimed orphan = ours.stream().filter(c -> c.ticketId() == noTeam).findFirst().orElseThrow();
        assertThat(orphan.notified()).as("no team manager: straight to the people above").contains(admin.id());

        assertThat(jdbc.sql("SELECT count(*) FROM ticket_escalations WHERE ticket_id IN (:ids)").param("ids", mine)
                .query(Long.class).single()).isEqualTo(4);
        assertThat(jdbc.sql("SELECT count(*) FROM ticket_breaches WHERE ticket_id IN (:ids)").param("ids", mine)
                .query(Long.class).single()).isEqualTo(4);
        assertThat(jdbc.sql("SELECT escalation_level FROM tickets WHERE id = ?").param(both).query(Integer.class).single())
                .isEqualTo(2);
        assertThat(jdbc.sql("SELECT escalation_level FROM tickets WHERE id = ?").param(onTime).query(Integer.class).single())
                .isZero();

        Awaitility.await().until(() -> notifications(responseOnly) == 1);
        long expectedForBoth = 1 + above.notified().size();
        Awaitility.await().until(() -> notifications(both) == expectedForBoth);
        assertThat(jdbc.sql("SELECT user_id FROM notifications WHERE source_ref = ?")
                .param("ticket:" + responseOnly + ":breach:FIRST_RESPONSE:1").query(Long.class).list())
                .containsExactly(lead.id());
        assertThat(notifications(onTime)).isZero();
        assertThat(notifications(resolved)).isZero();
        assertThat(escalations.run().stream().filter(c -> mine.contains(c.ticketId()))).as("nothing left").isEmpty();
    }
}
