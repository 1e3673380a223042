package dev.guanxi.crm.audit;

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
}
