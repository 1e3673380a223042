package dev.guanxi.crm.dataio.internal;

import dev.guanxi.crm.common.ImportTarget.Outcome;
import dev.guanxi.crm.common.ImportTarget.Result;
import dev.guanxi.crm.common.ImportTarget.Reversal;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Import jobs, the changes they made (for undo) and the rows they rejected. */
@Repository
class ImportJobs {

    private static final String COLUMNS = """
            id, entity, status, file_name, stored_file, format, encoding, mode, match_key, mapping::text AS mapping, locale,
            actor_id, last_line, total_rows, rows_read, created_count, updated_count, unchanged_count, error_count,
            undone_count, skipped_undo_count, failure, created_at, started_at, finished_at""";

    record Rejected(long line, String field, String reason, String rawJson) {
    }

    record StoredChange(long id, Reversal reversal) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final JsonMapper json;

    ImportJobs(JdbcClient jdbc, JdbcTemplate batch, JsonMapper json) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.json = json;
    }

    long create(ImportEntity entity, String fileName, String storedFile, String format, String encoding, String locale,
                String actorJson, long actorId) {
        return jdbc.sql("""
                        INSERT INTO import_jobs (entity, status, file_name, stored_file, format, encoding, locale, actor,
                          actor_id)
                        VALUES (?, 'DRAFT', ?, ?, ?, ?, ?, CAST(? AS jsonb), ?) RETURNING id""")
                .params(entity.name(), fileName, storedFile, format, encoding, locale, actorJson, actorId)
                .query(Long.class).single();
    }

    Optional<ImportJob> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM import_jobs WHERE id = ?").param(id).query(this::map).optional();
    }

    String actor(long id) {
        return jdbc.sql("SELECT actor::text FROM import_jobs WHERE id = ?").param(id).query(String.class).single();
    }

    List<ImportJob> recent(Long actorId, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM import_jobs WHERE (CAST(? AS bigint) IS NULL OR actor_id = ?)"
                        + " ORDER BY id DESC LIMIT ?")
                .params(actorId, actorId, limit).query(this::map).list();
    }

    List<Long> unfinished() {
        return jdbc.sql("SELECT id FROM import_jobs WHERE status IN ('QUEUED','RUNNING','UNDOING') ORDER BY id")
                .query(Long.class).list();
    }

    /** Settles mapping, mode and key and queues the job; false when it is no longer a draft. */
    boolean queue(long id, List<String> mapping, String mode, String matchKey) {
        return jdbc.sql("""
                        UPDATE import_jobs SET status = 'QUEUED', mapping = CAST(? AS jsonb), mode = ?, match_key = ?
                        WHERE id = ? AND status = 'DRAFT'""")
                .params(json.writeValueAsString(mapping), mode, matchKey, id).update() == 1;
    }

    void total(long id, long rows) {
        jdbc.sql("UPDATE import_jobs SET total_rows = ? WHERE id = ?").params(rows, id).update();
    }

    void status(long id, ImportJob.Status status, String failure) {
        jdbc.sql("""
                        UPDATE import_jobs SET status = ?, failure = ?,
                          started_at = CASE WHEN ? = 'RUNNING' THEN coalesce(started_at, now()) ELSE started_at END,
                          finished_at = CASE WHEN ? IN ('DONE','FAILED','UNDONE') THEN now() END
                        WHERE id = ?""")
                .params(status.name(), failure, status.name(), status.name(), id).update();
    }

    /** A failed job goes back to the queue; it continues after its last committed line. */
    boolean requeue(long id) {
        return jdbc.sql("UPDATE import_jobs SET status = 'QUEUED', failure = NULL, finished_at = NULL "
                + "WHERE id = ? AND status = 'FAILED' AND file_removed_at IS NULL").param(id).update() == 1;
    }

    boolean startUndo(long id) {
        return jdbc.sql("UPDATE import_jobs SET status = 'UNDOING', finished_at = NULL WHERE id = ? AND status = 'DONE'")
                .param(id).update() == 1;
    }

    /** Records a committed batch: in the same transaction as the rows it wrote. */
    void progress(long id, long lastLine, int rows, List<Outcome> outcomes, List<Rejected> rejected) {
        // records, not rows: the lines of one imported order are one created order
        long created = outcomes.stream().filter(o -> o.result() == Result.CREATED).map(Outcome::recordId).distinct()
                .count();
        long updated = outcomes.stream().filter(o -> o.result() == Result.UPDATED).map(Outcome::recordId).distinct()
                .count();
        long unchanged = outcomes.stream().filter(o -> o.result() == Result.UNCHANGED).count();
        long errors = outcomes.stream().filter(o -> o.result() == Result.REJECTED).count();
        // one entry per record: the first change keeps its values before, the last one its version after
        Map<Long, Object[]> changes = new java.util.LinkedHashMap<>();
        for (Outcome o : outcomes) {
            if (o.result() == Result.CREATED || o.result() == Result.UPDATED) {
                Object[] first = changes.get(o.recordId());
                if (first == null) {
                    changes.put(o.recordId(), new Object[] {o.line(), o.recordId(),
                            o.result() == Result.CREATED ? "CREATED" : "UPDATED", o.version(), o.before()});
                } else {
                    first[3] = o.version();
                }
            }
        }
        if (!changes.isEmpty()) {
            List<Object[]> entries = List.copyOf(changes.values());
            jdbc.sql("""
                            INSERT INTO import_changes (import_id, line, record_id, action, version_after, before)
                            SELECT ?, u.line, u.record_id, u.action, u.version_after, CAST(u.before AS jsonb)
                            FROM unnest(CAST(? AS bigint[]), CAST(? AS bigint[]), CAST(? AS text[]), CAST(? AS int[]),
                              CAST(? AS text[])) AS u (line, record_id, action, version_after, before)
                            ON CONFLICT (import_id, record_id) DO UPDATE SET version_after = EXCLUDED.version_after""")
                    .params(id, entries.stream().map(r -> (Long) r[0]).toArray(Long[]::new),
                            entries.stream().map(r -> (Long) r[1]).toArray(Long[]::new),
                            entries.stream().map(r -> (String) r[2]).toArray(String[]::new),
                            entries.stream().map(r -> (Integer) r[3]).toArray(Integer[]::new),
                            entries.stream().map(r -> (String) r[4]).toArray(String[]::new))
                    .update();
        }
        batch.batchUpdate("INSERT INTO import_errors (import_id, line, field, reason, raw) "
                        + "VALUES (?, ?, ?, ?, CAST(? AS jsonb))",
                rejected.stream().map(r -> new Object[] {id, r.line(), r.field(), r.reason(), r.rawJson()}).toList());
        int n = jdbc.sql("""
                        UPDATE import_jobs SET last_line = ?, rows_read = rows_read + ?, created_count = created_count + ?,
                          updated_count = updated_count + ?, unchanged_count = unchanged_count + ?,
                          error_count = error_count + ?
                        WHERE id = ? AND last_line < ?""")
                .params(lastLine, rows, created, updated, unchanged, errors, id, lastLine).update();
        if (n != 1) {
            throw new IllegalStateException("Import " + id + " already has line " + lastLine + " committed");
        }
    }

    List<StoredChange> changesAfter(long id, long afterChangeId, int limit) {
        return jdbc.sql("""
                        SELECT id, record_id, action, version_after, before::text AS before FROM import_changes
                        WHERE import_id = ? AND id > ? ORDER BY id LIMIT ?""")
                .params(id, afterChangeId, limit)
                .query((rs, n) -> new StoredChange(rs.getLong("id"), new Reversal(rs.getLong("record_id"),
                        "CREATED".equals(rs.getString("action")), rs.getInt("version_after"),
                        rs.getString("before"))))
                .list();
    }

    long undoLastId(long id) {
        return jdbc.sql("SELECT undo_last_id FROM import_jobs WHERE id = ?").param(id).query(Long.class).single();
    }

    void undoProgress(long id, long lastChangeId, int undone, int skipped) {
        jdbc.sql("""
                        UPDATE import_jobs SET undo_last_id = ?, undone_count = undone_count + ?,
                          skipped_undo_count = skipped_undo_count + ? WHERE id = ? AND undo_last_id < ?""")
                .params(lastChangeId, undone, skipped, id, lastChangeId).update();
    }

    List<Rejected> errors(long id, int limit) {
        return jdbc.sql("SELECT line, field, reason, raw::text AS raw FROM import_errors WHERE import_id = ? "
                        + "ORDER BY line, id LIMIT ?")
                .params(id, limit).query((rs, n) -> new Rejected(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getString(4))).list();
    }

    void streamErrors(long id, Consumer<Rejected> sink) {
        jdbc.sql("SELECT line, field, reason, raw::text AS raw FROM import_errors WHERE import_id = ? ORDER BY line, id")
                .param(id).query((RowCallbackHandler) rs -> sink.accept(new Rejected(rs.getLong(1), rs.getString(2),
                        rs.getString(3), rs.getString(4))));
    }

    private ImportJob map(ResultSet rs, int n) throws SQLException {
        String mapping = rs.getString("mapping");
        List<String> columns = mapping == null || mapping.startsWith("{") ? List.of()
                : json.readValue(mapping, new TypeReference<List<String>>() { });
        return new ImportJob(rs.getLong("id"), ImportEntity.valueOf(rs.getString("entity")),
                ImportJob.Status.valueOf(rs.getString("status")),
                rs.getString("file_name"), rs.getString("stored_file"), rs.getString("format"),
                rs.getString("encoding"), rs.getString("mode"), rs.getString("match_key"), columns,
                rs.getString("locale"), rs.getLong("actor_id"), rs.getLong("last_line"),
                (Long) rs.getObject("total_rows"), rs.getLong("rows_read"), rs.getLong("created_count"),
                rs.getLong("updated_count"), rs.getLong("unchanged_count"), rs.getLong("error_count"),
                rs.getLong("undone_count"), rs.getLong("skipped_undo_count"), rs.getString("failure"),
                instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("started_at")),
                instant(rs.getTimestamp("finished_at")));
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }

    static Map<String, String> rawOf(List<String> header, List<String> cells) {
        Map<String, String> raw = new java.util.LinkedHashMap<>();
        for (int i = 0; i < cells.size(); i++) {
            String title = i < header.size() && header.get(i) != null && !header.get(i).isBlank() ? header.get(i)
                    : "#" + (i + 1);
            raw.putIfAbsent(title, cells.get(i));
        }
        return raw;
    }
}
