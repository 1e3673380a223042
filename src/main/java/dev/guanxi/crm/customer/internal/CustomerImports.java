package dev.guanxi.crm.customer.internal;

import dev.guanxi.crm.audit.AuditTrail;
import dev.guanxi.crm.common.FieldProblem;
import dev.guanxi.crm.customer.CustomerImportTarget;
import dev.guanxi.crm.customer.TimelineEntry;
import dev.guanxi.crm.identity.CurrentUser;
import jakarta.validation.Validator;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Bulk creates and updates of imported rows: the same validation, rules and audit as the form, batched. */
@Service
class CustomerImports implements CustomerImportTarget {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CustomerImports.class);

    private final Customers customers;
    private final Timeline timeline;
    private final AuditTrail audit;
    private final ImportValues values;
    private final Validator validator;
    private final JsonMapper json;
    private final Duplicates duplicates;
    private final DuplicateFollowUp followUp;
    private final CustomerStatistics statistics;

    CustomerImports(Customers customers, Timeline timeline, AuditTrail audit, ImportValues values,
                    Validator validator, JsonMapper json, Duplicates duplicates, DuplicateFollowUp followUp,
                    CustomerStatistics statistics) {
        this.statistics = statistics;
        this.duplicates = duplicates;
        this.followUp = followUp;
        this.customers = customers;
        this.timeline = timeline;
        this.audit = audit;
        this.values = values;
        this.validator = validator;
        this.json = json;
    }

    /** A row that passed validation, on its way to the database. */
    private static final class Pending {
        final long line;
        final String key;
        final Map<String, Object> values;
        final String externalId;
        CustomerData data;
        CustomerRecord existing;
        Pending mergedInto;
        Long createdId;
        Result result;

        Pending(long line, String key, Map<String, Object> values, String externalId) {
            this.line = line;
            this.key = key;
            this.values = values;
            this.externalId = externalId == null || externalId.isBlank() ? null : externalId.strip();
        }
    }

    /** Where a batch spends its time, for the debug log (benchmarks). */
    private static final class Timings {
        private final StringBuilder text = new StringBuilder();
        private long last = System.nanoTime();

        void lap(String step) {
            long now = System.nanoTime();
            text.append(text.isEmpty() ? "" : ", ").append(step).append(' ').append((now - last) / 1_000_000).append(" ms");
            last = now;
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }

    @Override
    public void checkAllowed() {
        CustomerService.requireEdit(CurrentUser.get());
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Outcome> write(List<Row> rows, Mode mode, String matchKey, String importRef) {
        CurrentUser user = CurrentUser.get();
        CustomerService.requireEdit(user);
        MatchKey key = MatchKey.valueOf(matchKey);
        // the batches before this one may have grown customers far past what the planner knows of it
        statistics.refreshIfStale();
        Timings time = new Timings();
        Map<Long, Outcome> outcomes = new LinkedHashMap<>();
        List<Pending> valid = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (Row row : rows) {
            outcomes.put(row.line(), null);
            List<FieldProblem> problems = new ArrayList<>();
            Map<String, Object> typed = values.parse(row.values(), problems);
            // fully validated below, once it is known whether the row creates a customer or updates one
            CustomerData data = ImportValues.build(null, typed);
            String k = keyOf(key, data, row.values().get("externalId"));
            if (key != MatchKey.NONE && k == null) {
                problems.add(new FieldProblem(keyField(key), "validation.import-key-missing"));
            }
            if (!problems.isEmpty()) {
                // report every bad value of the row at once, not only those that did not parse
                validate(data).stream().filter(v -> typed.containsKey(v.field())).forEach(problems::add);
                outcomes.put(row.line(), new Outcome(row.line(), Result.REJECTED, null, 0, null, problems));
                continue;
            }
            Pending p = new Pending(row.line(), k, typed, row.values().get("externalId"));
            p.data = data;
            valid.add(p);
            if (k != null) {
                keys.add(k);
            }
        }
        time.lap("parse+validate");
        Map<String, CustomerRecord> existing = key == MatchKey.NONE ? Map.of()
                : customers.findByKey(keyColumn(key), keys, user);
        Map<String, Pending> firstByKey = new HashMap<>();
        List<Pending> creates = new ArrayList<>();
        for (Pending p : valid) {
            Pending earlier = p.key == null ? null : firstByKey.get(p.key);
            CustomerRecord stored = earlier == null && p.key != null ? existing.get(p.key) : null;
            if ((earlier != null || stored != null) && mode == Mode.CREATE_ONLY) {
                outcomes.put(p.line, new Outcome(p.line, Result.REJECTED, null, 0, null,
                        List.of(new FieldProblem(keyField(key), earlier != null ? "validation.import-duplicate"
                                : "validation.import-exists"))));
                continue;
            }
            CustomerData candidate = earlier != null ? ImportValues.build(earlier.data, p.values)
                    : stored != null ? ImportValues.build(stored.data(), p.values) : p.data;
            List<FieldProblem> problems = validate(candidate);
            if (!problems.isEmpty()) {
                outcomes.put(p.line, new Outcome(p.line, Result.REJECTED, null, 0, null, problems));
                continue;
            }
            if (earlier != null) {
                // the same key again in this batch: the line updates what the earlier line writes
                earlier.data = candidate;
                p.mergedInto = earlier;
            } else if (stored != null) {
                p.existing = stored;
                p.data = candidate;
            } else {
                creates.add(p);
            }
            if (p.key != null && earlier == null) {
                firstByKey.put(p.key, p);
            }
        }
        time.lap("look-up+merge");
        List<Long> ids = creates.isEmpty() ? List.of() : customers.nextIds(creates.size());
        List<Customers.NewCustomer> inserts = new ArrayList<>();
        for (int i = 0; i < creates.size(); i++) {
            Pending p = creates.get(i);
            p.createdId = ids.get(i);
            inserts.add(new Customers.NewCustomer(p.createdId, p.data, user.id(), user.teamId(), p.externalId));
        }
        customers.insertAll(inserts);
        time.lap("copy");
        List<Pending> updates = valid.stream().filter(p -> p.existing != null && p.mergedInto == null
                && !CustomerService.diff(p.existing.data(), p.data).isEmpty()).toList();
        boolean[] applied = customers.updateAll(updates.stream().map(p -> new Customers.Change(p.existing.id(),
                p.existing.version(), p.data, p.existing.ownerId(), p.existing.teamId())).toList());
        List<Long> written = new ArrayList<>(ids);
        for (int i = 0; i < applied.length; i++) {
            updates.get(i).result = applied[i] ? Result.UPDATED : Result.REJECTED;
            if (applied[i]) {
                written.add(updates.get(i).existing.id());
            }
        }
        // phone and e-mail now; the slower name rules in the follow-up check once this batch has committed
        time.lap("update");
        duplicates.checkInline(written);
        time.lap("phone+e-mail check");
        followUp.queue(importRef, written);
        time.lap("queue");
        List<TimelineEntry> entries = new ArrayList<>();
        Instant now = Instant.now();
        int created = 0;
        int updated = 0;
        for (Pending p : valid) {
            if (outcomes.get(p.line) != null) {
                continue;
            }
            Pending target = p.mergedInto == null ? p : p.mergedInto;
            Result result = target.createdId != null ? Result.CREATED
                    : target.result == null ? Result.UNCHANGED : target.result;
            if (result == Result.REJECTED) {
                outcomes.put(p.line, new Outcome(p.line, Result.REJECTED, null, 0, null,
                        List.of(new FieldProblem("name", "validation.import-concurrent"))));
                continue;
            }
            long id = target.createdId != null ? target.createdId : target.existing.id();
            int version = target.createdId != null ? 0
                    : target.existing.version() + (result == Result.UPDATED ? 1 : 0);
            if (p.mergedInto != null) {
                // a repeated key: reported as an update of the same customer, with nothing extra to restore
                outcomes.put(p.line, new Outcome(p.line, result == Result.UNCHANGED ? result : Result.UPDATED, id,
                        version, null, List.of()));
                continue;
            }
            String before = result == Result.UPDATED ? json.writeValueAsString(p.existing.data()) : null;
            outcomes.put(p.line, new Outcome(p.line, result, id, version, before, List.of()));
            if (result == Result.CREATED) {
                created++;
                entries.add(new TimelineEntry(id, now, "CUSTOMER_IMPORTED", "import", importRef + ":" + p.line,
                        p.data.name(), importRef, user.displayName()));
            } else if (result == Result.UPDATED) {
                updated++;
                entries.add(new TimelineEntry(id, now, "CUSTOMER_UPDATED", "import", importRef + ":" + p.line,
                        p.data.name(), importRef, user.displayName()));
            }
        }
        timeline.addAll(entries);
        time.lap("timeline");
        audit.recordImportBatch(CustomerService.ENTITY, importRef, created, updated, rows.get(0).line(),
                rows.get(rows.size() - 1).line(), "customers");
        time.lap("audit");
        if (log.isDebugEnabled()) {
            log.debug("{} lines {}-{}: {}", importRef, rows.get(0).line(), rows.get(rows.size() - 1).line(), time);
        }
        return new ArrayList<>(outcomes.values());
    }

    @Override
    public FollowUp followUp(String importRef) {
        return !followUp.needed() ? FollowUp.NONE : followUp.pending(importRef) ? FollowUp.RUNNING : FollowUp.DONE;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public int revert(List<Reversal> reversals, String importRef) {
        CurrentUser user = CurrentUser.get();
        CustomerService.requireEdit(user);
        Map<Long, CustomerRecord> current = customers.findAll(reversals.stream().map(Reversal::recordId).toList(),
                user);
        List<Map.Entry<Long, Integer>> deletes = new ArrayList<>();
        List<Customers.Change> restores = new ArrayList<>();
        for (Reversal r : reversals) {
            CustomerRecord c = current.get(r.recordId());
            if (c == null || c.deleted() || c.version() != r.versionAfterImport()) {
                continue; // changed (or deleted) since the import: a later edit wins over the undo
            }
            if (r.created()) {
                deletes.add(Map.entry(c.id(), c.version()));
            } else if (r.before() != null) {
                restores.add(new Customers.Change(c.id(), c.version(), json.readValue(r.before(), CustomerData.class),
                        c.ownerId(), c.teamId()));
            }
        }
        int deleted = count(customers.markDeletedAll(deletes));
        int restored = count(customers.updateAll(restores));
        audit.recordImportUndo(CustomerService.ENTITY, importRef, deleted, restored, "customers");
        return deleted + restored;
    }

    private static int count(boolean[] applied) {
        int n = 0;
        for (boolean b : applied) {
            n += b ? 1 : 0;
        }
        return n;
    }

    private List<FieldProblem> validate(CustomerData data) {
        List<FieldProblem> problems = FieldProblem.violations(validator, data);
        problems.addAll(CustomerService.ruleProblems(data));
        return problems;
    }

    private static String keyOf(MatchKey key, CustomerData data, String externalId) {
        String k = switch (key) {
            case NONE -> null;
            case PHONE -> data.phone() == null ? null : data.phone().replaceAll("\\D", "");
            case EMAIL -> data.email() == null ? null : data.email().toLowerCase(Locale.ROOT);
            case EXTERNAL_ID -> externalId == null ? null : externalId.strip();
        };
        return k == null || k.isEmpty() ? null : k;
    }

    private static String keyColumn(MatchKey key) {
        return switch (key) {
            case PHONE -> "phone";
            case EMAIL -> "email";
            case EXTERNAL_ID -> "external_id";
            case NONE -> throw new IllegalArgumentException("no key");
        };
    }

    private static String keyField(MatchKey key) {
        return key == MatchKey.NONE ? "externalId" : key.field();
    }
}
