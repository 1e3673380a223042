package dev.guanxi.crm.sales.internal;

import dev.guanxi.crm.audit.AuditTrail;
import dev.guanxi.crm.common.FieldProblem;
import dev.guanxi.crm.common.ImportCells;
import dev.guanxi.crm.identity.CurrentUser;
import dev.guanxi.crm.sales.LeadImportTarget;
import dev.guanxi.crm.sales.LeadStatus;
import jakarta.validation.Validator;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Imported leads, validated like the lead form and owned by the importing user (in their team). Rows are written
 * one by one in the batch's transaction, so a phone or e-mail repeated in a file updates what its first row created.
 */
@Service
class LeadImports implements LeadImportTarget {

    private final Leads leads;
    private final AuditTrail audit;
    private final Validator validator;
    private final JsonMapper json;

    LeadImports(Leads leads, AuditTrail audit, Validator validator, JsonMapper json) {
        this.leads = leads;
        this.audit = audit;
        this.validator = validator;
        this.json = json;
    }

    @Override
    public void checkAllowed() {
        LeadService.require();
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public List<Outcome> write(List<Row> rows, Mode mode, String matchKey, String importRef) {
        CurrentUser user = LeadService.require();
        String keyField = matchKeys().get(matchKey);
        // the batch's leads by key in one statement (not one per row); a key seen earlier in the batch is read
        // again, so that a second row with it sees what the first one wrote
        Map<String, Leads.Row> existing = keyField == null ? Map.of() : leads.findByKeys(keyField, rows.stream()
                .map(r -> ImportCells.key(keyField, r.values().get(keyField))).filter(Objects::nonNull).toList(), user);
        Set<String> seen = new HashSet<>();
        List<Outcome> outcomes = new ArrayList<>();
        int created = 0;
        int updated = 0;
        for (Row row : rows) {
            Map<String, String> cells = row.values();
            String key = keyField == null ? null : ImportCells.key(keyField, cells.get(keyField));
            if (keyField != null && key == null) {
                outcomes.add(Outcome.rejected(row.line(), keyField, "validation.import-key-missing"));
                continue;
            }
            Leads.Row stored = key == null ? null
                    : seen.add(key) ? existing.get(key) : leads.findByKey(keyField, key, user).orElse(null);
            if (stored != null && mode == Mode.CREATE_ONLY) {
                outcomes.add(Outcome.rejected(row.line(), keyField, "validation.import-exists"));
                continue;
            }
            if (stored != null && stored.status() != LeadStatus.NEW && stored.status() != LeadStatus.QUALIFIED) {
                outcomes.add(Outcome.rejected(row.line(), keyField, "validation.import-lead-closed"));
                continue;
            }
            LeadData d = merge(stored == null ? null : stored.data(), cells);
            List<FieldProblem> problems = FieldProblem.violations(validator, d);
            if (!problems.isEmpty()) {
                outcomes.add(Outcome.rejected(row.line(), problems));
            } else if (stored == null) {
                long id = leads.insert(d, user.id(), user.teamId());
                created++;
                outcomes.add(new Outcome(row.line(), Result.CREATED, id, 0, null, List.of()));
            } else if (d.equals(stored.data())) {
                outcomes.add(new Outcome(row.line(), Result.UNCHANGED, stored.id(), stored.version(), null,
                        List.of()));
            } else if (leads.update(stored.id(), stored.version(), d, stored.ownerId(), stored.teamId())) {
                updated++;
                outcomes.add(new Outcome(row.line(), Result.UPDATED, stored.id(), stored.version() + 1,
                        json.writeValueAsString(stored.data()), List.of()));
            } else {
                outcomes.add(Outcome.rejected(row.line(), keyField, "validation.import-concurrent"));
            }
        }
        audit.recordImportBatch("lead", importRef, created, updated, rows.get(0).line(),
                rows.get(rows.size() - 1).line(), "leads");
        return outcomes;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public int revert(List<Reversal> reversals, String importRef) {
        CurrentUser user = LeadService.require();
        int deleted = 0;
        int restored = 0;
        for (Reversal r : reversals) {
            Leads.Row lead = leads.find(r.recordId(), user).orElse(null);
            if (lead == null || lead.version() != r.versionAfterImport()) {
                continue; // changed since the import (also qualified or converted): a later edit wins over the undo
            }
            if (r.created() && leads.deleteNew(lead.id(), lead.version())) {
                deleted++;
            } else if (!r.created() && r.before() != null && leads.update(lead.id(), lead.version(),
                    json.readValue(r.before(), LeadData.class), lead.ownerId(), lead.teamId())) {
                restored++;
            }
        }
        audit.recordImportUndo("lead", importRef, deleted, restored, "leads");
        return deleted + restored;
    }

    /** The row's non-empty cells over the stored lead (null: a new one); the owner stays who it was. */
    private static LeadData merge(LeadData base, Map<String, String> cells) {
        return new LeadData(ImportCells.text(cells, "name", base == null ? null : base.name()),
                ImportCells.text(cells, "company", base == null ? null : base.company()),
                ImportCells.text(cells, "title", base == null ? null : base.title()),
                ImportCells.text(cells, "phone", base == null ? null : base.phone()),
                ImportCells.text(cells, "email", base == null ? null : base.email()),
                ImportCells.text(cells, "source", base == null ? null : base.source()),
                ImportCells.text(cells, "notes", base == null ? null : base.notes()),
                base == null ? null : base.ownerId()).normalized();
    }

}
