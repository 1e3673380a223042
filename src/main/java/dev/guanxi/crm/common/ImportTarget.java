package dev.guanxi.crm.common;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the rows of an import go: one kind of record (customers, contacts, products, leads …), written by the
 * module that owns it with that module's validation, visibility, timeline and audit. Every method runs in the
 * caller's transaction (one batch, one transaction) and acts as the signed-in user.
 */
public interface ImportTarget {

    enum Mode { CREATE_ONLY, UPSERT }

    /** The match key that matches nothing: every valid row creates a record. */
    String NO_KEY = "NONE";

    /** One line of a file: field name → cell text. */
    record Row(long line, Map<String, String> values) {
    }

    enum Result { CREATED, UPDATED, UNCHANGED, REJECTED }

    /**
     * @param recordId the record created or updated
     * @param before   the record's values before an update (JSON), to restore on undo
     * @param problems why a row was rejected; message keys of the message bundles
     */
    record Outcome(long line, Result result, Long recordId, int version, String before,
                   List<FieldProblem> problems) {

        public static Outcome rejected(long line, List<FieldProblem> problems) {
            return new Outcome(line, Result.REJECTED, null, 0, null, problems);
        }

        public static Outcome rejected(long line, String field, String messageKey) {
            return rejected(line, List.of(new FieldProblem(field, messageKey)));
        }
    }

    /** One change of an import to take back. */
    record Reversal(long recordId, boolean created, int versionAfterImport, String before) {
    }

    /** The fields an import can fill, named as in the module's API, in form order. */
    List<String> fields();

    /** Fields the mapping must contain when the import creates records: the name unless said otherwise. */
    default List<String> required() {
        return List.of("name");
    }

    /** The keys existing records can be matched by (e.g. {@code PHONE}), each with the field that holds it. */
    Map<String, String> matchKeys();

    /** Match keys in the order given: key name, its field, key name, its field … */
    static Map<String, String> keys(String... namesAndFields) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndFields.length; i += 2) {
            keys.put(namesAndFields[i], namesAndFields[i + 1]);
        }
        return keys;
    }

    /** Throws {@link org.springframework.security.access.AccessDeniedException} when the user may not import these. */
    void checkAllowed();

    /**
     * Validates and stores the rows: valid ones are created or, with {@link Mode#UPSERT}, update the record with the
     * same key; invalid ones are rejected with reasons, never with an exception.
     *
     * @param matchKey one of {@link #matchKeys()} or {@link #NO_KEY}
     * @param importRef names the import in the audit log and on timelines
     */
    List<Outcome> write(List<Row> rows, Mode mode, String matchKey, String importRef);

    /**
     * A field whose rows belong together (the lines of one order): consecutive rows with the same value are kept in
     * one batch, so one record is never split across transactions. Null when every row stands alone.
     */
    default String groupField() {
        return null;
    }

    /** The state of work an import leaves to run after its batches (such as a duplicate check). */
    enum FollowUp { NONE, RUNNING, DONE }

    /**
     * Whether the work the import {@code importRef} left to a follow-up job has finished; {@link FollowUp#NONE} when
     * these records have none.
     */
    default FollowUp followUp(String importRef) {
        return FollowUp.NONE;
    }

    /** Whether {@link #revert} takes back what an import of these records did. */
    default boolean undoable() {
        return true;
    }

    /**
     * Undoes changes: created records are removed, updated ones get their values from before the import. A record
     * changed again since the import is left alone.
     *
     * @return how many were reverted; the rest had changed since
     */
    int revert(List<Reversal> reversals, String importRef);
}
