package dev.guanxi.crm.marketing.internal;

import dev.guanxi.crm.audit.AuditAction;
import dev.guanxi.crm.audit.AuditTrail;
import dev.guanxi.crm.audit.AuditTrail.Change;
import dev.guanxi.crm.common.ConflictException;
import dev.guanxi.crm.common.NotFoundException;
import dev.guanxi.crm.common.PageResult;
import dev.guanxi.crm.customer.CustomerSelection;
import dev.guanxi.crm.identity.CurrentUser;
import dev.guanxi.crm.marketing.SegmentField;
import dev.guanxi.crm.marketing.Segments;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Segments: dynamic rule sets (evaluated when used) and static snapshots; previews and membership. */
@Service
public class SegmentService implements Segments {

    public static final int SAMPLE_SIZE = 20;

    public record Preview(long count, List<CustomerSelection.Customer> sample) {
    }

    private final JdbcClient jdbc;
    private final CustomerSelection customers;
    private final AuditTrail audit;
    private final JsonMapper json;
    private final Map<String, SegmentField> fields = new LinkedHashMap<>();

    SegmentService(JdbcClient jdbc, CustomerSelection customers, AuditTrail audit, JsonMapper json,
                   List<SegmentField> fields) {
        this.jdbc = jdbc;
        this.customers = customers;
        this.audit = audit;
        this.json = json;
        for (SegmentField f : fields) {
            if (this.fields.putIfAbsent(f.name(), f) != null) {
                throw new IllegalStateException("Two segment fields are named " + f.name());
            }
        }
    }

    /** The fields rules may use, core ones first, then those of other modules. */
    public List<SegmentField> fields() {
        return List.copyOf(fields.values());
    }

    public Optional<SegmentField> field(String name) {
        return Optional.ofNullable(name == null ? null : fields.get(name));
    }

    /** Validates rules and returns their SQL condition; an {@code InvalidInputException} names each problem. */
    public CustomerSelection.Sql compile(SegmentRules rules) {
        return RuleCompiler.compile(rules, fields);
    }

    /** How many customers the signed-in user sees match the rules, and a sample of them. */
    @Transactional(readOnly = true)
    public Preview preview(SegmentRules rules) {
        CurrentUser viewer = MarketingAccess.viewer();
        return preview(compile(rules), viewer);
    }

    @Transactional(readOnly = true)
    public Preview previewOf(long id) {
        CurrentUser viewer = MarketingAccess.viewer();
        return preview(condition(get(id)), viewer);
    }

    private Preview preview(CustomerSelection.Sql condition, CurrentUser viewer) {
        return new Preview(customers.count(condition, viewer), customers.sample(condition, viewer, SAMPLE_SIZE));
    }

    @Transactional
    public long create(SegmentData d) {
        CurrentUser user = MarketingAccess.manager();
        compile(d.rules());
        long id = jdbc.sql("""
                        INSERT INTO segments (name, description, kind, rules, owner_id)
                        VALUES (?, ?, 'DYNAMIC', CAST(? AS jsonb), ?) RETURNING id""")
                .params(d.name().strip(), blankToNull(d.description()), json.writeValueAsString(d.rules()), user.id())
                .query(Long.class).single();
        audit.record("segment", id, AuditAction.CREATE, Map.of("name", new Change(null, d.name().strip()),
                "rules", new Change(null, json.writeValueAsString(d.rules()))), d.name().strip());
        return id;
    }

    @Transactional
    public void update(long id, int version, SegmentData d) {
        MarketingAccess.manager();
        SegmentView current = get(id);
        if (!current.dynamic()) {
            throw new ConflictException("Segment " + id + " is a static snapshot; its members cannot be redefined.");
        }
        compile(d.rules());
        int n = jdbc.sql("""
                        UPDATE segments SET name = ?, description = ?, rules = CAST(? AS jsonb), version = version + 1,
                          updated_at = now() WHERE id = ? AND version = ?""")
                .params(d.name().strip(), blankToNull(d.description()), json.writeValueAsString(d.rules()), id, version)
                .update();
        if (n != 1) {
            throw Stale.of("Segment", id);
        }
        audit.record("segment", id, AuditAction.UPDATE, Map.of("name", new Change(current.name(), d.name().strip()),
                "rules", new Change(json.writeValueAsString(current.rules()), json.writeValueAsString(d.rules()))),
                d.name().strip());
    }

    @Override
    @Transactional
    public long saveStatic(String name, String description, java.util.Collection<Long> customerIds) {
        CurrentUser user = MarketingAccess.manager();
        if (name == null || name.isBlank() || name.strip().length() > 200) {
            throw new dev.guanxi.crm.common.InvalidInputException("name", "validation.too-long", 200);
        }
        long id = jdbc.sql("""
                        INSERT INTO segments (name, description, kind, frozen_at, owner_id, member_count)
                        VALUES (?, ?, 'STATIC', now(), ?, ?) RETURNING id""")
                .params(name.strip(), blankToNull(description), user.id(), customerIds.size()).query(Long.class).single();
        List<Long> ids = List.copyOf(customerIds);
        for (int i = 0; i < ids.size(); i += 10_000) {
            jdbc.sql("INSERT INTO segment_members (segment_id, customer_id) SELECT :segment, unnest(CAST(:ids AS bigint[])) "
                            + "ON CONFLICT DO NOTHING")
                    .param("segment", id).param("ids", ids.subList(i, Math.min(ids.size(), i + 10_000)).toArray(Long[]::new))
                    .update();
        }
        audit.record("segment", id, AuditAction.CREATE, Map.of("members", new Change(null, ids.size())), name.strip());
        return id;
    }

    /** Freezes the current members of a segment into a new static segment and returns its id. */
    @Transactional
    public long snapshot(long id, String name) {
        CurrentUser user = MarketingAccess.manager();
        SegmentView source = get(id);
        String snapshotName = name == null || name.isBlank() ? source.name() + " @ " + java.time.LocalDate.now()
                : name.strip();
        if (snapshotName.length() > 200) {
            throw new dev.guanxi.crm.common.InvalidInputException("name", "validation.too-long", 200);
        }
        long snapshotId = jdbc.sql("""
                        INSERT INTO segments (name, description, kind, source_id, frozen_at, owner_id)
                        VALUES (?, ?, 'STATIC', ?, now(), ?) RETURNING id""")
                .params(snapshotName, source.description(), id, user.id()).query(Long.class).single();
        CustomerSelection.Sql members = customers.idQuery(condition(source), null);
        long count = jdbc.sql("INSERT INTO segment_members (segment_id, customer_id) SELECT :snapshotId, s.id FROM ("
                        + members.sql() + ") s")
                .params(members.params()).param("snapshotId", snapshotId).update();
        jdbc.sql("UPDATE segments SET member_count = ? WHERE id = ?").params(count, snapshotId).update();
        audit.record("segment", snapshotId, AuditAction.CREATE, Map.of("source", new Change(null, id),
                "members", new Change(null, count)), snapshotName);
        return snapshotId;
    }

    @Transactional(readOnly = true)
    public SegmentView get(long id) {
        MarketingAccess.viewer();
        return jdbc.sql("SELECT " + COLUMNS + " FROM segments WHERE id = ?").param(id).query(this::map).optional()
                .orElseThrow(() -> new NotFoundException("Segment", id));
    }

    @Transactional(readOnly = true)
    public PageResult<SegmentView> list(int page, int size) {
        PageResult.checkRequest(page, size);
        MarketingAccess.viewer();
        return PageResult.fromProbe(jdbc.sql("SELECT " + COLUMNS + " FROM segments ORDER BY created_at DESC, id DESC"
                        + " LIMIT " + (size + 1) + " OFFSET " + (page - 1) * size).query(this::map).list(), page, size);
    }

    // ---- Segments (public API)

    @Override
    @Transactional(readOnly = true)
    public Optional<SegmentInfo> find(long segmentId) {
        return row(segmentId).map(s -> new SegmentInfo(s.id(), s.name(), s.dynamic(), s.memberCount()));
    }

    @Override
    @Transactional(readOnly = true)
    public List<SegmentInfo> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM segments ORDER BY lower(name), id").query(this::map).list()
                .stream().map(s -> new SegmentInfo(s.id(), s.name(), s.dynamic(), s.memberCount())).toList();
    }

    @Override
    @Transactional(readOnly = true)
    public long count(long segmentId) {
        return customers.count(condition(segmentId), null);
    }

    @Override
    @Transactional(readOnly = true)
    public List<Long> customerIds(long segmentId, long afterId, int limit) {
        return customers.ids(condition(segmentId), null, afterId, limit);
    }

    @Override
    @Transactional(readOnly = true)
    public CustomerSelection.Sql condition(long segmentId) {
        return condition(row(segmentId).orElseThrow(() -> new NotFoundException("Segment", segmentId)));
    }

    private CustomerSelection.Sql condition(SegmentView s) {
        if (s.dynamic()) {
            return compile(s.rules());
        }
        return new CustomerSelection.Sql("c.id IN (SELECT sm.customer_id FROM segment_members sm "
                + "WHERE sm.segment_id = :segmentMembersOf)", Map.of("segmentMembersOf", s.id()));
    }

    private Optional<SegmentView> row(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM segments WHERE id = ?").param(id).query(this::map).optional();
    }

    private static final String COLUMNS = """
            id, name, description, kind, rules::text AS rules, source_id, frozen_at, member_count, owner_id, version,
            created_at""";

    private SegmentView map(ResultSet rs, int n) throws SQLException {
        String rules = rs.getString("rules");
        Timestamp frozen = rs.getTimestamp("frozen_at");
        return new SegmentView(rs.getLong("id"), rs.getString("name"), rs.getString("description"),
                "DYNAMIC".equals(rs.getString("kind")), rules == null ? null : json.readValue(rules, SegmentRules.class),
                (Long) rs.getObject("source_id"), frozen == null ? null : frozen.toInstant(),
                (Long) rs.getObject("member_count"), rs.getLong("owner_id"), rs.getInt("version"),
                rs.getTimestamp("created_at").toInstant());
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
