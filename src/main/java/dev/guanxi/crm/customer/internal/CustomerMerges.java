package dev.guanxi.crm.customer.internal;

import dev.guanxi.crm.audit.AuditAction;
import dev.guanxi.crm.audit.AuditTrail;
import dev.guanxi.crm.audit.AuditTrail.Change;
import dev.guanxi.crm.common.ConflictException;
import dev.guanxi.crm.common.InvalidInputException;
import dev.guanxi.crm.common.NotFoundException;
import dev.guanxi.crm.customer.CustomerMergeParticipant;
import dev.guanxi.crm.customer.TimelineEntry;
import dev.guanxi.crm.identity.CurrentUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Merging two customers into one and undoing it. The survivor takes the chosen field values; every module moves
 * its records of the merged customer to the survivor ({@link CustomerMergeParticipant}); the merged customer is
 * deleted with {@code merged_into} set and its id becomes an alias of the survivor, so old links and API ids still
 * resolve. The merge row keeps the survivor's values before and every moved record, so undo restores exactly the
 * state before — as long as the survivor was not edited since (then undo is refused rather than losing the edit).
 */
@Service
public class CustomerMerges {

    /** Which record a field's value is taken from. */
    public enum Side { SURVIVOR, MERGED }

    public record Merge(long id, long survivorId, long mergedId, String mergedName, Instant mergedAt,
                        Instant undoneAt) {
    }

    /** The fields a merge chooses between, in form order (every editable field but the owner). */
    public static final List<String> FIELDS = java.util.Arrays.stream(CustomerData.class.getRecordComponents())
            .map(RecordComponent::getName).filter(n -> !n.equals("ownerId")).toList();

    private static final String ALIASES = "customer-aliases";

    private final Customers customers;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final AuditTrail audit;
    private final Timeline timeline;
    private final Map<String, CustomerMergeParticipant> participants;

    CustomerMerges(Customers customers, JdbcClient jdbc, JsonMapper json, AuditTrail audit, Timeline timeline,
                   List<CustomerMergeParticipant> participants) {
        this.customers = customers;
        this.jdbc = jdbc;
        this.json = json;
        this.audit = audit;
        this.timeline = timeline;
        this.participants = participants.stream()
                .collect(Collectors.toMap(CustomerMergeParticipant::name, Function.identity(), (a, b) -> {
                    throw new IllegalStateException("Two merge participants are named " + a.name());
                }, LinkedHashMap::new));
    }

    /** The survivor's data after the merge: each field from the chosen side, else the survivor's unless empty. */
    static CustomerData combine(CustomerData survivor, CustomerData merged, Map<String, Side> choices) {
        for (String field : choices.keySet()) {
            if (!FIELDS.contains(field)) {
                throw new InvalidInputException("fields", "customer.merge.unknown-field", field);
            }
        }
        RecordComponent[] components = CustomerData.class.getRecordComponents();
        Map<String, Object> survivorValues = values(survivor);
        Map<String, Object> mergedValues = values(merged);
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            String name = components[i].getName();
            Object s = survivorValues.get(name);
            Object m = mergedValues.get(name);
            Side side = choices.get(name);
            values[i] = side == Side.MERGED ? m : side == Side.SURVIVOR ? s : CustomerService.isEmpty(s) ? m : s;
        }
        try {
            return (CustomerData) CustomerData.class.getDeclaredConstructor(
                    java.util.Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new))
                    .newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every field of the customer data by name, in form order (null values included). */
    public static Map<String, Object> values(CustomerData data) {
        Map<String, Object> values = new LinkedHashMap<>();
        try {
            for (RecordComponent component : CustomerData.class.getRecordComponents()) {
                values.put(component.getName(), component.getAccessor().invoke(data));
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        return values;
    }

    @Transactional
    public long merge(long survivorId, long mergedId, Map<String, Side> choices) {
        CurrentUser user = CurrentUser.get();
        CustomerService.requireEdit(user);
        if (survivorId == mergedId) {
            throw new InvalidInputException("mergedId", "customer.merge.same");
        }
        lock(List.of(survivorId, mergedId));
        CustomerRecord survivor = live(survivorId, user, "survivorId");
        CustomerRecord merged = live(mergedId, user, "mergedId");
        CustomerData after = combine(survivor.data(), merged.data(), choices).normalized();
        CustomerService.check(after);
        if (!customers.update(survivorId, survivor.version(), after, survivor.ownerId(), survivor.teamId())) {
            throw new ConflictException("Customer " + survivorId + " changed meanwhile; reload and merge again.");
        }
        customers.markDeleted(mergedId, merged.version(), true);
        jdbc.sql("UPDATE customers SET merged_into = ? WHERE id = ?").params(survivorId, mergedId).update();

        Map<String, Map<String, List<Long>>> moved = new LinkedHashMap<>();
        participants.forEach((name, p) -> {
            Map<String, List<Long>> ids = p.moveRecords(mergedId, survivorId);
            if (!ids.isEmpty()) {
                moved.put(name, ids);
            }
        });
        long mergeId = jdbc.sql("""
                        INSERT INTO customer_merges (survivor_id, merged_id, survivor_before, survivor_version, moved, merged_by)
                        VALUES (?, ?, CAST(? AS jsonb), ?, '{}', ?) RETURNING id""")
                .params(survivorId, mergedId, json.writeValueAsString(survivor.data()), survivor.version() + 1,
                        user.id()).query(Long.class).single();
        // ids merged into the merged customer earlier now lead to the survivor too
        List<Long> repointed = jdbc.sql("UPDATE customer_aliases SET customer_id = ? WHERE customer_id = ? RETURNING alias_id")
                .params(survivorId, mergedId).query(Long.class).list();
        if (!repointed.isEmpty()) {
            moved.put(ALIASES, Map.of("customer_aliases", repointed));
        }
        jdbc.sql("INSERT INTO customer_aliases (alias_id, customer_id, merge_id) VALUES (?, ?, ?)")
                .params(mergedId, survivorId, mergeId).update();
        jdbc.sql("UPDATE customer_merges SET moved = CAST(? AS jsonb) WHERE id = ?")
                .params(json.writeValueAsString(moved), mergeId).update();
        jdbc.sql("""
                UPDATE duplicate_candidates SET status = 'MERGED', resolved_by = ?, resolved_at = now()
                WHERE customer_a = least(?::bigint, ?::bigint) AND customer_b = greatest(?::bigint, ?::bigint)""")
                .params(user.id(), survivorId, mergedId, survivorId, mergedId).update();

        Map<String, Change> changes = CustomerService.diff(survivor.data(), after);
        changes.put("mergedFrom", new Change(null, mergedId));
        audit.record(CustomerService.ENTITY, survivorId, AuditAction.MERGE, changes, after.name());
        audit.record(CustomerService.ENTITY, mergedId, AuditAction.MERGE,
                Map.of("mergedInto", new Change(null, survivorId)), merged.data().name());
        timeline.add(new TimelineEntry(survivorId, Instant.now(), "CUSTOMER_MERGED", "customer", "merge:" + mergeId,
                merged.data().name() + " (#" + mergedId + ")", null, user.displayName()));
        return mergeId;
    }

    @Transactional
    public void undo(long mergeId) {
        CurrentUser user = CurrentUser.get();
        CustomerService.requireEdit(user);
        record Stored(long survivorId, long mergedId, String before, int version, String moved, Instant undoneAt) {
        }
        Stored m = jdbc.sql("""
                        SELECT survivor_id, merged_id, survivor_before::text, survivor_version, moved::text, undone_at
                        FROM customer_merges WHERE id = ? FOR UPDATE""").param(mergeId)
                .query((rs, n) -> new Stored(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getInt(4),
                        rs.getString(5), rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant()))
                .optional().orElseThrow(() -> new NotFoundException("Merge", mergeId));
        lock(List.of(m.survivorId(), m.mergedId()));
        CustomerRecord survivor = customers.find(m.survivorId(), user)
                .orElseThrow(() -> new NotFoundException("Merge", mergeId));
        if (m.undoneAt() != null) {
            throw new ConflictException("Merge " + mergeId + " was undone already.");
        }
        if (survivor.id() != m.survivorId() || survivor.deleted() || survivor.version() != m.version()) {
            throw new ConflictException("Customer " + m.survivorId() + " was changed after the merge; undoing it "
                    + "would lose those changes. Edit the records by hand instead.");
        }
        CustomerData before = json.readValue(m.before(), CustomerData.class);
        customers.update(m.survivorId(), survivor.version(), before, survivor.ownerId(), survivor.teamId());
        int mergedVersion = jdbc.sql("SELECT version FROM customers WHERE id = ?").param(m.mergedId())
                .query(Integer.class).single();
        customers.markDeleted(m.mergedId(), mergedVersion, false);
        jdbc.sql("UPDATE customers SET merged_into = NULL WHERE id = ?").param(m.mergedId()).update();

        Map<String, Map<String, List<Long>>> moved = json.readValue(m.moved(), new TypeReference<>() {
        });
        jdbc.sql("DELETE FROM customer_aliases WHERE merge_id = ?").param(mergeId).update();
        moved.forEach((name, ids) -> {
            if (name.equals(ALIASES)) {
                jdbc.sql("UPDATE customer_aliases SET customer_id = :merged WHERE alias_id IN (:ids)")
                        .param("merged", m.mergedId()).param("ids", ids.get("customer_aliases")).update();
            } else {
                Optional.ofNullable(participants.get(name)).orElseThrow(() -> new IllegalStateException(
                        "Merge " + mergeId + " moved records of '" + name + "', which is not part of this application"))
                        .moveBack(ids, m.mergedId(), m.survivorId());
            }
        });
        jdbc.sql("UPDATE customer_merges SET undone_by = ?, undone_at = now() WHERE id = ?")
                .params(user.id(), mergeId).update();
        jdbc.sql("""
                UPDATE duplicate_candidates SET status = 'DISMISSED', resolved_by = ?, resolved_at = now()
                WHERE customer_a = least(?::bigint, ?::bigint) AND customer_b = greatest(?::bigint, ?::bigint)""")
                .params(user.id(), m.survivorId(), m.mergedId(), m.survivorId(), m.mergedId()).update();
        audit.record(CustomerService.ENTITY, m.survivorId(), AuditAction.UNMERGE,
                Map.of("mergedFrom", new Change(m.mergedId(), null)), before.name());
        audit.record(CustomerService.ENTITY, m.mergedId(), AuditAction.UNMERGE,
                Map.of("mergedInto", new Change(m.survivorId(), null)), String.valueOf(m.mergedId()));
        timeline.add(new TimelineEntry(m.survivorId(), Instant.now(), "CUSTOMER_UNMERGED", "customer",
                "unmerge:" + mergeId, "#" + m.mergedId(), null, user.displayName()));
    }

    /** Merges into the customer that were not undone, newest first. */
    @Transactional(readOnly = true)
    public List<Merge> mergesInto(long survivorId) {
        return jdbc.sql("""
                        SELECT m.id, m.survivor_id, m.merged_id, c.name, m.merged_at, m.undone_at
                        FROM customer_merges m JOIN customers c ON c.id = m.merged_id
                        WHERE m.survivor_id = ? AND m.undone_at IS NULL ORDER BY m.merged_at DESC LIMIT 20""")
                .param(survivorId).query((rs, n) -> new Merge(rs.getLong(1), rs.getLong(2), rs.getLong(3),
                        rs.getString(4), rs.getTimestamp(5).toInstant(), null)).list();
    }

    private void lock(Collection<Long> ids) {
        jdbc.sql("SELECT id FROM customers WHERE id IN (:ids) ORDER BY id FOR UPDATE").param("ids", new ArrayList<>(ids))
                .query(Long.class).list();
    }

    private CustomerRecord live(long id, CurrentUser user, String field) {
        CustomerRecord r = customers.find(id, user).orElseThrow(() -> new NotFoundException("Customer", id));
        if (r.deleted() || r.id() != id) {
            throw new InvalidInputException(field, "customer.merge.not-live", id);
        }
        return r;
    }
}
