package dev.guanxi.crm.audit;

import java.util.LinkedHashMap;
import java.util.Map;

/** Records changes in the same transaction as the change itself, attributed to the signed-in user. */
public interface AuditTrail {

    /**
     * @param changes field name → old and new value; empty for actions without field changes
     * @return the id of the audit entry
     */
    long record(String entityType, Object entityId, AuditAction action, Map<String, Change> changes, String summary);

    record Change(Object from, Object to) {
    }

    /**
     * One entry for a committed batch of an import (id {@code importRef}) instead of one per record, when it
     * created or updated any; the records' detail is in the import's undo records.
     *
     * @param plural the records in the summary, e.g. "customers"
     */
    default void recordImportBatch(String entityType, String importRef, int created, int updated, long firstLine,
                                   long lastLine, String plural) {
        if (created + updated == 0) {
            return;
        }
        Map<String, Change> summary = new LinkedHashMap<>();
        summary.put("created", new Change(null, created));
        summary.put("updated", new Change(null, updated));
        summary.put("lines", new Change(null, firstLine + "-" + lastLine));
        record(entityType, importRef, created > 0 ? AuditAction.CREATE : AuditAction.UPDATE, summary,
                importRef + ": " + created + " " + plural + " created, " + updated + " updated");
    }

    /** One entry for a batch of an import's undo, when it deleted or restored any record. */
    default void recordImportUndo(String entityType, String importRef, int deleted, int restored, String plural) {
        if (deleted + restored == 0) {
            return;
        }
        Map<String, Change> summary = new LinkedHashMap<>();
        summary.put("deleted", new Change(null, deleted));
        summary.put("restored", new Change(null, restored));
        record(entityType, importRef, AuditAction.DELETE, summary,
                "Undo of " + importRef + ": " + deleted + " created " + plural + " deleted, " + restored + " restored");
    }
}
