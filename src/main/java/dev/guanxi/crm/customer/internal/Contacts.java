package dev.guanxi.crm.customer.internal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Contacts of customers. Visibility follows the customer, checked by the caller. */
@Repository
class Contacts {

    private static final String COLUMNS = "id, customer_id, name, title, role, phone, email, is_primary, notes, version";

    private final JdbcClient jdbc;

    Contacts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Stored> ofCustomer(long customerId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM contacts WHERE customer_id = ? AND deleted_at IS NULL "
                        + "ORDER BY is_primary DESC, name, id")
                .param(customerId).query(Contacts::map).list();
    }

    Optional<Stored> find(long customerId, long contactId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM contacts WHERE id = ? AND customer_id = ? AND deleted_at IS NULL")
                .params(contactId, customerId).query(Contacts::map).optional();
    }

    /** The customer's live contact whose phone digits or lower-case e-mail is the key (the oldest one). */
    Optional<Stored> findByKey(long customerId, String field, String key) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM contacts WHERE customer_id = ? AND deleted_at IS NULL AND "
                        + keyExpression(field) + " = ? ORDER BY id LIMIT 1")
                .params(customerId, key).query(Contacts::map).optional();
    }

    /** A customer's contact key (phone digits or lower-case e-mail), for {@link #findByKeys}. */
    record Key(long customerId, String key) {
    }

    /** For each of the keys, the contact {@link #findByKey} finds for it, in one statement. */
    Map<Key, Stored> findByKeys(String field, Collection<Key> keys) {
        Map<Key, Stored> found = new HashMap<>();
        if (keys.isEmpty()) {
            return found;
        }
        List<Key> distinct = keys.stream().distinct().toList();
        String expression = keyExpression(field);
        jdbc.sql("SELECT " + COLUMNS + ", " + expression + " AS match_key FROM contacts WHERE deleted_at IS NULL "
                        + "AND (customer_id, " + expression + ") IN (SELECT * FROM unnest(CAST(:customers AS bigint[]), "
                        + "CAST(:keys AS text[]))) ORDER BY id")
                .param("customers", distinct.stream().map(Key::customerId).toArray(Long[]::new))
                .param("keys", distinct.stream().map(Key::key).toArray(String[]::new))
                .query(rs -> {
                    Stored contact = map(rs, 0);
                    found.putIfAbsent(new Key(contact.customerId(), rs.getString("match_key")), contact);
                });
        return found;
    }

    private static String keyExpression(String field) {
        return switch (field) {
            case "phone" -> "regexp_replace(phone, '\\D', '', 'g')";
            case "email" -> "lower(email)";
            default -> throw new IllegalArgumentException(field);
        };
    }

    /** The live contacts among these ids, by id. */
    Map<Long, Stored> findLive(Collection<Long> ids) {
        Map<Long, Stored> found = new HashMap<>();
        if (!ids.isEmpty()) {
            jdbc.sql("SELECT " + COLUMNS + " FROM contacts WHERE id IN (:ids) AND deleted_at IS NULL")
                    .param("ids", ids).query(Contacts::map).stream().forEach(c -> found.put(c.id(), c));
        }
        return found;
    }

    long insert(long customerId, ContactData d) {
        return jdbc.sql("""
                        INSERT INTO contacts (customer_id, name, title, role, phone, email, is_primary, notes)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(customerId, d.name(), d.title(), d.role(), d.phone(), d.email(), d.primary(), d.notes())
                .query(Long.class).single();
    }

    boolean update(long contactId, int version, ContactData d) {
        return jdbc.sql("""
                        UPDATE contacts SET name = ?, title = ?, role = ?, phone = ?, email = ?, is_primary = ?,
                          notes = ?, version = version + 1, updated_at = now()
                        WHERE id = ? AND version = ? AND deleted_at IS NULL""")
                .params(d.name(), d.title(), d.role(), d.phone(), d.email(), d.primary(), d.notes(), contactId, version)
                .update() == 1;
    }

    boolean delete(long contactId, int version) {
        return jdbc.sql("""
                        UPDATE contacts SET deleted_at = now(), version = version + 1
                        WHERE id = ? AND version = ? AND deleted_at IS NULL""")
                .params(contactId, version).update() == 1;
    }

    void clearPrimary(long customerId, long exceptContactId) {
        jdbc.sql("UPDATE contacts SET is_primary = FALSE WHERE customer_id = ? AND id <> ? AND is_primary")
                .params(customerId, exceptContactId).update();
    }

    record Stored(long id, long customerId, ContactData data, int version) {
    }

    private static Stored map(ResultSet rs, int n) throws SQLException {
        return new Stored(rs.getLong("id"), rs.getLong("customer_id"),
                new ContactData(rs.getString("name"), rs.getString("title"), rs.getString("role"),
                        rs.getString("phone"), rs.getString("email"), rs.getBoolean("is_primary"),
                        rs.getString("notes")),
                rs.getInt("version"));
    }
}
