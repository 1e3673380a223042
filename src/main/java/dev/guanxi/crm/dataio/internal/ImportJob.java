package dev.guanxi.crm.dataio.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** An import as stored: its file, settings and progress (the last line whose batch is committed). */
public record ImportJob(long id, ImportEntity entity, Status status, String fileName, String storedFile, String format, String encoding,
                        String mode, String matchKey, List<String> mapping, String locale, long actorId,
                        long lastLine, Long totalRows, long rowsRead, long created, long updated, long unchanged,
                        long errors, long undone, long skippedUndo, String failure, Instant createdAt,
                        Instant startedAt, Instant finishedAt) {

    public enum Status { DRAFT, QUEUED, RUNNING, DONE, FAILED, UNDOING, UNDONE }

    public boolean working() {
        return status == Status.QUEUED || status == Status.RUNNING || status == Status.UNDOING;
    }

    public boolean undoable() {
        return status == Status.DONE && created + updated > 0;
    }

    /** Progress in percent; the undo counts its reverted changes. */
    public int percent() {
        if (status == Status.DONE || status == Status.UNDONE) {
            return 100;
        }
        if (status == Status.UNDOING) {
            long total = created + updated;
            return total == 0 ? 0 : (int) Math.min(99, (undone + skippedUndo) * 100 / total);
        }
        return totalRows == null || totalRows == 0 ? 0 : (int) Math.min(99, rowsRead * 100 / totalRows);
    }

    /** Rows handled per second since the start. */
    public long rowsPerSecond() {
        if (startedAt == null) {
            return 0;
        }
        Instant end = finishedAt == null ? Instant.now() : finishedAt;
        long millis = Math.max(1, Duration.between(startedAt, end).toMillis());
        return rowsRead * 1000 / millis;
    }
}
