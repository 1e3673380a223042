package dev.guanxi.crm.sales.internal;

import dev.guanxi.crm.identity.CurrentUser;
import dev.guanxi.crm.sales.LeadStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

@Repository
class Leads {

    private static final String COLUMNS = """
            id, name, company, title, phone, email, source, notes, status, disqualify_reason, owner_id, team_id,
            converted_customer_id, converted_opportunity_id, created_at, version""";

    private final JdbcClient jdbc;

    Leads(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long insert(LeadData d, long ownerId, Long teamId) {
        return jdbc.sql("""
                        INSERT INTO leads (name, company, title, phone, email, source, notes, owner_id, team_id)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(d.name(), d.company(), d.title(), d.phone(), d.email(), d.source(), d.notes(), ownerId, teamId)
                .query(Long.class).single();
    }

    boolean update(long id, int version, LeadData d, long ownerId, Long teamId) {
        return jdbc.sql("""
                        UPDATE leads SET name = ?, company = ?, title = ?, phone = ?, email = ?, source = ?, notes = ?,
                          owner_id = ?, team_id = ?, version = version + 1, updated_at = now()
                        WHERE id = ? AND version = ? AND status IN ('NEW','QUALIFIED')""")
                .params(d.name(), d.company(), d.title(), d.phone(), d.email(), d.source(), d.notes(), ownerId, teamId,
                        id, version)
                .update() == 1;
    }

    boolean setStatus(long id, int version, LeadStatus status, String reason) {
        return jdbc.sql("""
                        UPDATE leads SET status = ?, disqualify_reason = ?, version = version + 1, updated_at = now()
                        WHERE id = ? AND version = ?""")
                .params(status.name(), reason, id, version).update() == 1;
    }

    boolean markConverted(long id, int version, long customerId, Long contactId, Long opportunityId) {
        return jdbc.sql("""
                        UPDATE leads SET status = 'CONVERTED', converted_customer_id = ?, converted_contact_id = ?,
                          converted_opportunity_id = ?, converted_at = now(), version = version + 1, updated_at = now()
                        WHERE id = ? AND version = ? AND status IN ('NEW','QUALIFIED')""")
                .params(customerId, contactId, opportunityId, id, version).update() == 1;
    }

    Optional<Row> find(long id, CurrentUser user) {
        CurrentUser.SqlCondition visible = user.visibility("owner_id", "team_id");
        return jdbc.sql("SELECT " + COLUMNS + " FROM leads WHERE id = :id AND " + visible.sql())
                .param("id", id).params(visible.params()).query(Leads::map).optional();
    }

    /** The oldest lead the user sees whose phone digits or lower-case e-mail is the key. */
    Optional<Row> findByKey(String field, String key, CurrentUser user) {
        CurrentUser.SqlCondition visible = user.visibility("owner_id", "team_id");
        return jdbc.sql("SELECT " + COLUMNS + " FROM leads WHERE " + keyExpression(field) + " = :key AND "
                        + visible.sql() + " ORDER BY id LIMIT 1")
                .param("key", key).params(visible.params()).query(Leads::map).optional();
    }

    /** For each of the keys, the visible lead {@link #findByKey} finds for it, in one statement. */
    Map<String, Row> findByKeys(String field, Collection<String> keys, CurrentUser user) {
        Map<String, Row> found = new HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        CurrentUser.SqlCondition visible = user.visibility("owner_id", "team_id");
        String expression = keyExpression(field);
        jdbc.sql("SELECT " + COLUMNS + ", " + expression + " AS match_key FROM leads WHERE " + expression
                        + " IN (:keys) AND " + visible.sql() + " ORDER BY id")
                .param("keys", Set.copyOf(keys)).params(visible.params())
                .query(rs -> { found.putIfAbsent(rs.getString("match_key"), map(rs, 0)); });
        return found;
    }

    private static String keyExpression(String field) {
        return switch (field) {
            case "phone" -> "regexp_replace(phone, '\\D', '', 'g')";
            case "email" -> "lower(email)";
            default -> throw new IllegalArgumentException(field);
        };
    }

    /** Deletes a lead that is still new at this version (an import's undo); false otherwise. */
    boolean deleteNew(long id, int version) {
        return jdbc.sql("DELETE FROM leads WHERE id = ? AND version = ? AND status = 'NEW'").params(id, version)
                .update() == 1;
    }

    List<Row> search(String q, LeadStatus status, Long ownerId, CurrentUser user, int limit, int offset) {
        CurrentUser.SqlCondition visible = user.visibility("owner_id", "team_id");
        List<String> where = new ArrayList<>(List.of(visible.sql()));
        Map<String, Object> params = new LinkedHashMap<>(visible.params());
        if (q != null && !q.isBlank()) {
            where.add("(coalesce(name, '') || ' ' || coalesce(company, '')) ILIKE :q");
            params.put("q", "%" + q.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (status != null) {
            where.add("status = :status");
            params.put("status", status.name());
        }
        if (ownerId != null) {
            where.add("owner_id = :ownerId");
            params.put("ownerId", ownerId);
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM leads WHERE " + String.join(" AND ", where)
                        + " ORDER BY created_at DESC, id DESC LIMIT " + limit + " OFFSET " + offset)
                .params(params).query(Leads::map).list();
    }

    record Row(long id, LeadData data, LeadStatus status, String disqualifyReason, long ownerId, Long teamId,
               Long convertedCustomerId, Long convertedOpportunityId, java.time.Instant createdAt, int version) {
    }

    private static Row map(ResultSet rs, int n) throws SQLException {
        return new Row(rs.getLong("id"), new LeadData(rs.getString("name"), rs.getString("company"),
                rs.getString("title"), rs.getString("phone"), rs.getString("email"), rs.getString("source"),
                rs.getString("notes"), rs.getLong("owner_id")), LeadStatus.valueOf(rs.getString("status")),
                rs.getString("disqualify_reason"), rs.getLong("owner_id"), (Long) rs.getObject("team_id"),
                (Long) rs.getObject("converted_customer_id"), (Long) rs.getObject("converted_opportunity_id"),
                rs.getTimestamp("created_at").toInstant(), rs.getInt("version"));
    }
}
