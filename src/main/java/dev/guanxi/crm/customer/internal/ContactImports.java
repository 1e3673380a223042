package dev.guanxi.crm.customer.internal;

import dev.guanxi.crm.audit.AuditTrail;
import dev.guanxi.crm.common.FieldProblem;
import dev.guanxi.crm.common.ImportCells;
import dev.guanxi.crm.customer.ContactImportTarget;
import dev.guanxi.crm.customer.CustomerDirectory;
import dev.guanxi.crm.customer.CustomerReference;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Imported contacts: each row is attached to the visible customer it names, validated like the contact form, and
 * created, or with upsert merged into the customer's contact with the same phone or e-mail. Rows are written one by
 * one in the batch's transaction, so a later row of the same file sees what an earlier one wrote.
 */
@Service
class ContactImports implements ContactImportTarget {

    private final Contacts contacts;
    private final CustomerDirectory customers;
    private final Timeline timeline;
    private final AuditTrail audit;
    private final Validator validator;
    private final JsonMapper json;

    ContactImports(Contacts contacts, CustomerDirectory customers, Timeline timeline, AuditTrail audit,
                   Validator validator, JsonMapper json) {
        this.contacts = contacts;
        this.customers = customers;
        this.timeline = timeline;
        this.audit = audit;
        this.validator = validator;
        this.json = json;
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
        String keyField = matchKeys().get(matchKey);
        Map<CustomerReference, Long> found = customers.resolve(rows.stream()
                .map(r -> CustomerReference.of(r.values())).filter(Objects::nonNull).toList());
        List<Outcome> outcomes = new ArrayList<>();
        List<TimelineEntry> entries = new ArrayList<>();
        Instant now = Instant.now();
        int created = 0;
        int updated = 0;
        // the batch's contacts by key in one statement (not one per row); a key seen earlier in the batch is read
        // again, so that a second row with it sees what the first one wrote
        Map<Contacts.Key, Contacts.Stored> stored = keyField == null ? Map.of() : contacts.findByKeys(keyField,
                rows.stream().map(r -> contactKey(r, found, keyField)).filter(Objects::nonNull).toList());
        Set<Contacts.Key> seen = new HashSet<>();
        for (Row row : rows) {
            List<FieldProblem> problems = new ArrayList<>();
            CustomerReference reference = CustomerReference.of(row.values());
            Long customerId = reference == null ? null : found.get(reference);
            if (reference == null) {
                problems.add(new FieldProblem(CustomerReference.FIELDS.get(0), "validation.import-customer-missing"));
            } else if (customerId == null) {
                problems.add(new FieldProblem(reference.field(), "validation.import-customer-unknown"));
            }
            Map<String, String> cells = row.values();
            Boolean primary = null;
            String primaryCell = cells.get("primary");
            if (primaryCell != null && !primaryCell.isBlank()) {
                primary = ImportCells.yesNo(primaryCell);
                if (primary == null) {
                    problems.add(new FieldProblem("primary", "validation.import-yes-no"));
                }
            }
            String key = keyField == null ? null : ImportCells.key(keyField, cells.get(keyField));
            if (keyField != null && key == null) {
                problems.add(new FieldProblem(keyField, "validation.import-key-missing"));
            }
            Contacts.Key contactKey = customerId == null || key == null ? null : new Contacts.Key(customerId, key);
            Contacts.Stored existing = contactKey == null ? null : seen.add(contactKey) ? stored.get(contactKey)
                    : contacts.findByKey(customerId, keyField, key).orElse(null);
            if (existing != null && mode == Mode.CREATE_ONLY) {
                problems.add(new FieldProblem(keyField, "validation.import-exists"));
            }
            ContactData d = merge(existing == null ? null : existing.data(), cells, primary).normalized();
            problems.addAll(FieldProblem.violations(validator, d));
            if (!problems.isEmpty()) {
                outcomes.add(Outcome.rejected(row.line(), problems));
                continue;
            }
            if (existing == null) {
                long id = contacts.insert(customerId, d);
                if (d.primary()) {
                    contacts.clearPrimary(customerId, id);
                }
                created++;
                entries.add(new TimelineEntry(customerId, now, "CONTACT_ADDED", "customer", "contact:" + id, d.name(),
                        d.title(), user.displayName()));
                outcomes.add(new Outcome(row.line(), Result.CREATED, id, 0, null, List.of()));
            } else if (d.equals(existing.data())) {
                outcomes.add(new Outcome(row.line(), Result.UNCHANGED, existing.id(), existing.version(), null,
                        List.of()));
            } else if (contacts.update(existing.id(), existing.version(), d)) {
                if (d.primary()) {
                    contacts.clearPrimary(customerId, existing.id());
                }
                updated++;
                outcomes.add(new Outcome(row.line(), Result.UPDATED, existing.id(), existing.version() + 1,
                        json.writeValueAsString(existing.data()), List.of()));
            } else {
                outcomes.add(Outcome.rejected(row.line(), keyField, "validation.import-concurrent"));
            }
        }
        timeline.addAll(entries);
        audit.recordImportBatch(CustomerService.CONTACT_ENTITY, importRef, created, updated, rows.get(0).line(),
                rows.get(rows.size() - 1).line(), "contacts");
        return outcomes;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public int revert(List<Reversal> reversals, String importRef) {
        CustomerService.requireEdit(CurrentUser.get());
        Map<Long, Contacts.Stored> current = contacts.findLive(reversals.stream().map(Reversal::recordId).toList());
        int deleted = 0;
        int restored = 0;
        for (Reversal r : reversals) {
            Contacts.Stored c = current.get(r.recordId());
            if (c == null || c.version() != r.versionAfterImport()) {
                continue; // changed or deleted since the import: a later edit wins over the undo
            }
            if (r.created() && contacts.delete(c.id(), c.version())) {
                deleted++;
            } else if (!r.created() && r.before() != null
                    && contacts.update(c.id(), c.version(), json.readValue(r.before(), ContactData.class))) {
                restored++;
            }
        }
        audit.recordImportUndo(CustomerService.CONTACT_ENTITY, importRef, deleted, restored, "contacts");
        return deleted + restored;
    }

    /** The contact's fields from the row's non-empty cells over the stored ones (null: a new contact). */
    private static ContactData merge(ContactData base, Map<String, String> cells, Boolean primary) {
        Map<String, String> v = new HashMap<>();
        cells.forEach((field, cell) -> {
            if (cell != null && !cell.isBlank()) {
                v.put(field, cell.strip());
            }
        });
        return new ContactData(v.getOrDefault("name", base == null ? null : base.name()),
                v.getOrDefault("title", base == null ? null : base.title()),
                v.getOrDefault("role", base == null ? null : base.role()),
                v.getOrDefault("phone", base == null ? null : base.phone()),
                v.getOrDefault("email", base == null ? null : base.email()),
                primary != null ? primary : base != null && Boolean.TRUE.equals(base.primary()),
                v.getOrDefault("notes", base == null ? null : base.notes()));
    }

    /** The row's contact key under its customer, or null when the customer or the key cannot be told. */
    private static Contacts.Key contactKey(Row row, Map<CustomerReference, Long> customers, String keyField) {
        CustomerReference reference = CustomerReference.of(row.values());
        Long customerId = reference == null ? null : customers.get(reference);
        String key = ImportCells.key(keyField, row.values().get(keyField));
        return customerId == null || key == null ? null : new Contacts.Key(customerId, key);
    }
}
