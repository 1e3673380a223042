package dev.guanxi.crm.customer;

import dev.guanxi.crm.common.FieldProblem;

import java.util.List;
import java.util.Map;

/**
 * Bulk writes of imported rows with the customer rules, validation and audit, for thousands of rows a second.
 * Every method runs in the caller's transaction (one batch, one transaction) and acts as the signed-in user.
 */
public interface CustomerImportTarget {

    /** The fields an import can fill, named as in the customer API, in form order. */
    List<String> FIELDS = List.of("name", "kind", "customerType", "valueTier", "loyaltyStatus", "settlement",
            "creditTerms", "creditLimit", "lifecycleStage", "relationshipLevel", "industry", "occupation",
            "birthDate", "gender", "province", "city", "district", "address", "source", "tags", "phone", "email",
            "idNumber", "notes", "externalId");

    enum Mode { CREATE_ONLY, UPSERT }

    /** How a row finds the customer it updates (upsert) or must not duplicate (create-only). */
    enum MatchKey { NONE, PHONE, EMAIL, EXTERNAL_ID }

    /** One line of a file: field name → cell text. */
    record Row(long line, Map<String, String> values) {
    }

    enum Result { CREATED, UPDATED, UNCHANGED, REJECTED }

    /**
     * @param before the customer's values before an update (JSON), to restore on undo
     * @param problems why a row was rejected; message keys of messages.properties
     */
    record Outcome(long line, Result result, Long customerId, int version, String before,
                   List<FieldProblem> problems) {
    }

    /**
     * Validates and stores the rows: valid ones are created or, with {@link Mode#UPSERT}, update the visible
     * customer with the same key (cells left empty keep the stored value); invalid ones are rejected with reasons.
     *
     * @param importRef names the import in the audit log and on the customers' timelines
     */
    List<Outcome> write(List<Row> rows, Mode mode, MatchKey key, String importRef);

    /** One change of an import to take back. */
    record Reversal(long customerId, boolean created, int versionAfterImport, String before) {
    }

    /**
     * Undoes changes: created customers are soft-deleted, updated ones get their values from before the import.
     * A customer changed again since the import is left alone.
     *
     * @return how many were reverted; the rest had changed since
     */
    int revert(List<Reversal> reversals, String importRef);
}
