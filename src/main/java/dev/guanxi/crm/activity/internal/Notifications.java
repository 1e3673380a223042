package dev.guanxi.crm.activity.internal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

/** In-app notifications of a user: reminders and alerts, each stored once per (user, kind, source). */
@Repository
public class Notifications {

    public record Notification(long id, String kind, String title, String detail, String link, Instant createdAt,
                               Instant readAt) {
        public boolean unread() {
            return readAt == null;
        }
    }

    private final JdbcClient jdbc;
    private final Mailer mailer;

    Notifications(JdbcClient jdbc, Mailer mailer) {
        this.jdbc = jdbc;
        this.mailer = mailer;
    }

    /**
     * Stores a notification unless the same (user, kind, sourceRef) exists, and e-mails it when new (if mail is
     * configured); true when it was new.
     *
     * @param mailSubject the e-mail's subject (the kind's label in both languages), the title follows it
     */
    boolean add(long userId, String kind, String sourceRef, String title, String detail, String link,
                String mailSubject) {
        boolean added = jdbc.sql("""
                        INSERT INTO notifications (user_id, kind, source_ref, title, detail, link)
                        VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT ON CONSTRAINT notifications_once DO NOTHING""")
                .params(userId, kind, sourceRef, abbreviate(title, 300), detail, link).update() == 1;
        if (added) {
            mailer.send(userId, mailSubject + ": " + title, title + (detail == null ? "" : "\n" + detail), link);
        }
        return added;
    }

    @Transactional(readOnly = true)
    public String emailAddress(long userId) {
        return mailer.address(userId).orElse(null);
    }

    /** Sets (or with a blank address removes) where the user's notifications are e-mailed. */
    @Transactional
    public void setEmailAddress(long userId, String email) {
        mailer.setAddress(userId, email);
    }

    @Transactional(readOnly = true)
    public long unreadCount(long userId) {
        return jdbc.sql("SELECT count(*) FROM notifications WHERE user_id = ? AND read_at IS NULL")
                .param(userId).query(Long.class).single();
    }

    @Transactional(readOnly = true)
    public List<Notification> latest(long userId, int limit) {
        return jdbc.sql("""
                        SELECT id, kind, title, detail, link, created_at, read_at FROM notifications
                        WHERE user_id = ? ORDER BY created_at DESC, id DESC LIMIT ?""")
                .params(userId, limit)
                .query((rs, n) -> new Notification(rs.getLong("id"), rs.getString("kind"), rs.getString("title"),
                        rs.getString("detail"), rs.getString("link"), rs.getTimestamp("created_at").toInstant(),
                        instant(rs.getTimestamp("read_at"))))
                .list();
    }

    /** Marks one notification of the user read (another user's id changes nothing). */
    @Transactional
    public boolean markRead(long userId, long id) {
        return jdbc.sql("UPDATE notifications SET read_at = now() WHERE id = ? AND user_id = ? AND read_at IS NULL")
                .params(id, userId).update() == 1;
    }

    @Transactional
    public int markAllRead(long userId) {
        return jdbc.sql("UPDATE notifications SET read_at = now() WHERE user_id = ? AND read_at IS NULL")
                .param(userId).update();
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
