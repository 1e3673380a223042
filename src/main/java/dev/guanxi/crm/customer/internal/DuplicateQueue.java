package dev.guanxi.crm.customer.internal;

import dev.guanxi.crm.common.ConflictException;
import dev.guanxi.crm.common.InvalidInputException;
import dev.guanxi.crm.common.Masking;
import dev.guanxi.crm.common.NotFoundException;
import dev.guanxi.crm.common.PageResult;
import dev.guanxi.crm.identity.CurrentUser;
import dev.guanxi.crm.identity.Permission;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The review queue of candidate duplicate pairs (both customers live and visible to the user), best first. */
@Service
public class DuplicateQueue {

    public enum Status { OPEN, DISMISSED, MERGED }

    public record Side(long id, String name, String phone, String email, String city) {
    }

    /** @param evidence per rule, the value both customers share (phone and e-mail masked for users without the permission) */
    public record Candidate(long id, Side a, Side b, List<DuplicateRule> rules, BigDecimal score,
                            Map<String, String> evidence, Status status, Instant foundAt) {
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;

    DuplicateQueue(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Transactional(readOnly = true)
    public PageResult<Candidate> list(Status status, Long customerId, int page, int size) {
        PageResult.checkRequest(page, size);
        CurrentUser user = CurrentUser.get();
        Map<String, Object> params = new LinkedHashMap<>(visibility(user));
        params.put("status", status.name());
        String forCustomer = "";
        if (customerId != null) {
            forCustomer = " AND (d.customer_a = :customer OR d.customer_b = :customer)";
            params.put("customer", customerId);
        }
        params.put("limit", size + 1);
        params.put("offset", (page - 1) * size);
        List<Candidate> rows = jdbc.sql(select(user) + " AND d.status = :status" + forCustomer
                        + " ORDER BY d.score DESC, d.id LIMIT :limit OFFSET :offset")
                .params(params).query((rs, n) -> map(rs, user)).list();
        return PageResult.fromProbe(rows, page, size);
    }

    /** Open candidates of one customer (for the banner on its page), at most 100. */
    @Transactional(readOnly = true)
    public long openCount(long customerId) {
        CurrentUser user = CurrentUser.get();
        Map<String, Object> params = new LinkedHashMap<>(visibility(user));
        params.put("customer", customerId);
        return jdbc.sql("SELECT count(*) FROM (" + select(user)
                        + " AND d.status = 'OPEN' AND (d.customer_a = :customer OR d.customer_b = :customer) LIMIT 100) x")
                .params(params).query(Long.class).single();
    }

    @Transactional(readOnly = true)
    public Candidate get(long id) {
        CurrentUser user = CurrentUser.get();
        Map<String, Object> params = new LinkedHashMap<>(visibility(user));
        params.put("id", id);
        return jdbc.sql(select(user) + " AND d.id = :id").params(params).query((rs, n) -> map(rs, user)).optional()
                .orElseThrow(() -> new NotFoundException("Duplicate candidate", id));
    }

    /** Marks an open pair as not a duplicate; it does not come back on later scans. */
    @Transactional
    public void dismiss(long id) {
        CurrentUser user = CurrentUser.get();
        CustomerService.requireEdit(user);
        Candidate c = get(id);
        if (c.status() != Status.OPEN) {
            throw new ConflictException("Candidate " + id + " is " + c.status() + " already.");
        }
        jdbc.sql("UPDATE duplicate_candidates SET status = 'DISMISSED', resolved_by = ?, resolved_at = now() WHERE id = ?")
                .params(user.id(), id).update();
    }

    /** Parses a status parameter; blank means OPEN, anything else unknown is a 400. */
    public static Status status(String value) {
        try {
            return value == null || value.isBlank() ? Status.OPEN : Status.valueOf(value.strip().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("status", "validation.one-of", Arrays.toString(Status.values()));
        }
    }

    private static Map<String, Object> visibility(CurrentUser user) {
        return user.visibility("owner_id", "team_id").params();
    }

    private static String select(CurrentUser user) {
        String va = user.visibility("a.owner_id", "a.team_id").sql();
        String vb = user.visibility("b.owner_id", "b.team_id").sql();
        return """
                SELECT d.id, d.rules, d.score, d.evidence::text AS evidence, d.status, d.found_at,
                       a.id AS a_id, a.name AS a_name, a.phone AS a_phone, a.email AS a_email, a.city AS a_city,
                       b.id AS b_id, b.name AS b_name, b.phone AS b_phone, b.email AS b_email, b.city AS b_city
                FROM duplicate_candidates d
                JOIN customers a ON a.id = d.customer_a AND a.deleted_at IS NULL
                JOIN customers b ON b.id = d.customer_b AND b.deleted_at IS NULL
                WHERE""" + " " + va + " AND " + vb;
    }

    private Candidate map(java.sql.ResultSet rs, CurrentUser user) throws java.sql.SQLException {
        boolean mask = !user.can(Permission.VIEW_PERSONAL_DATA);
        Map<String, String> evidence = new LinkedHashMap<>(json.readValue(rs.getString("evidence"),
                new TypeReference<Map<String, String>>() {
                }));
        if (mask) {
            evidence.computeIfPresent("PHONE", (k, v) -> Masking.phone(v));
            evidence.computeIfPresent("EMAIL", (k, v) -> Masking.email(v));
        }
        List<DuplicateRule> rules = Arrays.stream((String[]) rs.getArray("rules").getArray())
                .map(DuplicateRule::valueOf).toList();
        return new Candidate(rs.getLong("id"), side(rs, "a", mask), side(rs, "b", mask), rules,
                rs.getBigDecimal("score"), evidence, Status.valueOf(rs.getString("status")),
                rs.getTimestamp("found_at").toInstant());
    }

    private static Side side(java.sql.ResultSet rs, String p, boolean mask) throws java.sql.SQLException {
        String phone = rs.getString(p + "_phone");
        String email = rs.getString(p + "_email");
        return new Side(rs.getLong(p + "_id"), rs.getString(p + "_name"), mask ? Masking.phone(phone) : phone,
                mask ? Masking.email(email) : email, rs.getString(p + "_city"));
    }
}
