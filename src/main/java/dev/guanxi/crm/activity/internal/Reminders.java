package dev.guanxi.crm.activity.internal;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Reminds owners of open activities due soon, each activity once. The claim is one SQL statement that marks
 * the rows reminded and skips rows another transaction is claiming, so concurrent runs (two instances, or a run
 * overlapping the next) never remind twice; the notification is written in the same transaction as the claim.
 */
@Service
public class Reminders {

    record Due(long id, long ownerId, String subject, Instant dueAt) {
    }

    private final JdbcClient jdbc;
    private final Notifications notifications;
    private final Duration before;

    Reminders(JdbcClient jdbc, Notifications notifications,
              @Value("${guanxi.activity.remind-before:PT15M}") Duration before) {
        this.jdbc = jdbc;
        this.notifications = notifications;
        this.before = before;
    }

    /** Sends the reminders now due; returns the ids of the activities this call claimed. */
    @Transactional
    public List<Long> remindDue() {
        // Activities overdue by more than a day when first seen (e.g. logged afterwards) are not reminded of.
        List<Due> due = jdbc.sql("""
                        UPDATE activities SET reminded_at = now()
                        WHERE id IN (SELECT id FROM activities
                                     WHERE NOT done AND reminded_at IS NULL AND due_at IS NOT NULL
                                       AND due_at <= now() + :before * interval '1 second'
                                       AND due_at > now() - interval '1 day'
                                     ORDER BY due_at LIMIT 500
                                     FOR UPDATE SKIP LOCKED)
                          AND reminded_at IS NULL
                        RETURNING id, owner_id, subject, due_at""")
                .param("before", before.toSeconds())
                .query((rs, n) -> new Due(rs.getLong("id"), rs.getLong("owner_id"), rs.getString("subject"),
                        rs.getTimestamp("due_at").toInstant()))
                .list();
        for (Due d : due) {
            notifications.add(d.ownerId(), "REMINDER", "activity:" + d.id(), d.subject(), d.dueAt().toString(),
                    "/activities/" + d.id(), "Reminder 预约提醒");
        }
        return due.stream().map(Due::id).toList();
    }
}
