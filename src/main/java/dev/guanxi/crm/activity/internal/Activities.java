package dev.guanxi.crm.activity.internal;

import dev.guanxi.crm.activity.ActivityType;
import dev.guanxi.crm.identity.CurrentUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Activities in PostgreSQL; every read applies the signed-in user's visibility (owner or team). */
@Repository
class Activities {

    private static final String COLUMNS = """
            a.id, a.type, a.customer_id, a.contact_id, a.opportunity_id, a.subject, a.notes, a.due_at,
            a.duration_minutes, a.done, a.done_at, a.owner_id, a.team_id, a.version""";

    private final JdbcClient jdbc;

    Activities(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(ActivityData d, long ownerId, Long teamId, long createdBy) {
        return jdbc.sql("""
                        INSERT INTO activities (type, customer_id, contact_id, opportunity_id, subject, notes, due_at,
                          duration_minutes, owner_id, team_id, created_by)
                        VALUES (:type, :customer, :contact, :opportunity, :subject, :notes, :due, :duration, :owner,
                          :team, :createdBy) RETURNING id""")
                .params(fields(d)).param("owner", ownerId).param("team", teamId).param("createdBy", createdBy)
                .query(Long.class).single();
    }

    boolean update(long id, int version, ActivityData d, long ownerId, Long teamId) {
        // a new due time is reminded of again
        return jdbc.sql("""
                        UPDATE activities SET type = :type, contact_id = :contact, opportunity_id = :opportunity,
                          subject = :subject, notes = :notes,
                          reminded_at = CASE WHEN due_at IS DISTINCT FROM CAST(:due AS timestamptz) THEN NULL ELSE reminded_at END,
                          due_at = :due, duration_minutes = :duration, owner_id = :owner, team_id = :team,
                          version = version + 1
                        WHERE id = :id AND version = :version""")
                .params(fields(d)).param("owner", ownerId).param("team", teamId).param("id", id)
                .param("version", version).update() == 1;
    }

    boolean complete(long id, int version) {
        return jdbc.sql("""
                        UPDATE activities SET done = true, done_at = now(), version = version + 1
                        WHERE id = :id AND version = :version AND NOT done""")
                .param("id", id).param("version", version).update() == 1;
    }

    boolean delete(long id, int version) {
        return jdbc.sql("DELETE FROM activities WHERE id = :id AND version = :version")
                .param("id", id).param("version", version).update() == 1;
    }

    Optional<Activity> find(long id, CurrentUser user) {
        CurrentUser.SqlCondition vis = user.visibility("a.owner_id", "a.team_id");
        return jdbc.sql("SELECT " + COLUMNS + " FROM activities a WHERE a.id = :id AND " + vis.sql())
                .params(vis.params()).param("id", id).query(Activities::map).optional();
    }

    /** One page of the list, newest due first; one row more than asked tells whether there is a next page. */
    List<Activity> search(ActivityQuery q, Instant from, Instant to, CurrentUser user, int limit, int offset) {
        Map<String, Object> params = new HashMap<>();
        String where = where(q, from, to, user, params);
        return jdbc.sql("SELECT " + COLUMNS + " FROM activities a WHERE " + where
                        + " ORDER BY a.due_at DESC NULLS LAST, a.id DESC LIMIT :limit OFFSET :offset")
                .params(params).param("limit", limit).param("offset", offset).query(Activities::map).list();
    }

    long count(ActivityQuery q, Instant from, Instant to, CurrentUser user, int cap) {
        Map<String, Object> params = new HashMap<>();
        String where = where(q, from, to, user, params);
        return jdbc.sql("SELECT count(*) FROM (SELECT 1 FROM activities a WHERE " + where + " LIMIT :cap) c")
                .params(params).param("cap", cap).query(Long.class).single();
    }

    /** Activities due in [from, to) of one owner or one team (calendar), visible to the user. */
    List<Activity> due(Instant from, Instant to, Long ownerId, Long teamId, CurrentUser user) {
        ActivityQuery q = new ActivityQuery();
        q.setOwnerId(ownerId);
        Map<String, Object> params = new HashMap<>();
        String where = where(q, from, to, user, params);
        if (teamId != null) {
            where += " AND a.team_id = :calTeam";
            params.put("calTeam", teamId);
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM activities a WHERE " + where + " ORDER BY a.due_at, a.id LIMIT 2000")
                .params(params).query(Activities::map).list();
    }

    private static String where(ActivityQuery q, Instant from, Instant to, CurrentUser user, Map<String, Object> params) {
        CurrentUser.SqlCondition vis = user.visibility("a.owner_id", "a.team_id");
        params.putAll(vis.params());
        StringBuilder w = new StringBuilder(vis.sql());
        if (q.getType() != null) {
            w.append(" AND a.type = :type");
            params.put("type", q.getType().name());
        }
        if (q.getOwnerId() != null) {
            w.append(" AND a.owner_id = :owner");
            params.put("owner", q.getOwnerId());
        }
        if (q.getCustomerId() != null) {
            w.append(" AND a.customer_id = :customer");
            params.put("customer", q.getCustomerId());
        }
        if ("open".equals(q.getStatus())) {
            w.append(" AND NOT a.done");
        } else if ("done".equals(q.getStatus())) {
            w.append(" AND a.done");
        }
        if (from != null) {
            w.append(" AND a.due_at >= :from");
            params.put("from", Timestamp.from(from));
        }
        if (to != null) {
            w.append(" AND a.due_at < :to");
            params.put("to", Timestamp.from(to));
        }
        return w.toString();
    }

    private static Map<String, Object> fields(ActivityData d) {
        Map<String, Object> m = new HashMap<>();
        m.put("type", d.type().name());
        m.put("customer", d.customerId());
        m.put("contact", d.contactId());
        m.put("opportunity", d.opportunityId());
        m.put("subject", d.subject().strip());
        m.put("notes", d.notes() == null || d.notes().isBlank() ? null : d.notes().strip());
        m.put("due", d.dueAt() == null ? null : Timestamp.from(d.dueAt()));
        m.put("duration", d.durationMinutes());
        return m;
    }

    private static Activity map(ResultSet rs, int row) throws SQLException {
        Timestamp due = rs.getTimestamp("due_at");
        Timestamp doneAt = rs.getTimestamp("done_at");
        return new Activity(rs.getLong("id"), ActivityType.valueOf(rs.getString("type")), rs.getLong("customer_id"),
                null, rs.getObject("contact_id", Long.class), rs.getObject("opportunity_id", Long.class),
                rs.getString("subject"), rs.getString("notes"), due == null ? null : due.toInstant(),
                rs.getObject("duration_minutes", Integer.class), rs.getBoolean("done"),
                doneAt == null ? null : doneAt.toInstant(), rs.getLong("owner_id"),
                null, rs.getObject("team_id", Long.class), rs.getInt("version"));
    }
}
