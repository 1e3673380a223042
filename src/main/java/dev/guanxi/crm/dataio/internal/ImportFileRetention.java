package dev.guanxi.crm.dataio.internal;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Removes uploaded import files from disk once they are no longer needed: a finished (done, undone or failed)
 * import's file after {@code guanxi.imports.keep-files}, an upload never started after
 * {@code guanxi.imports.keep-drafts} (that draft is closed as failed). Runs daily on one instance (ShedLock). The
 * job row, its error report and its undo records stay: undo does not read the file.
 */
@Component
class ImportFileRetention {

    private static final Logger log = LoggerFactory.getLogger(ImportFileRetention.class);

    private final JdbcClient jdbc;
    private final Duration keepFiles;
    private final Duration keepDrafts;

    ImportFileRetention(JdbcClient jdbc, @Value("${guanxi.imports.keep-files:P30D}") Duration keepFiles,
                        @Value("${guanxi.imports.keep-drafts:P2D}") Duration keepDrafts) {
        this.jdbc = jdbc;
        this.keepFiles = keepFiles;
        this.keepDrafts = keepDrafts;
    }

    @Scheduled(cron = "${guanxi.imports.retention-cron:0 15 3 * * *}", zone = "${guanxi.activity.zone:Asia/Shanghai}")
    @SchedulerLock(name = "import-file-retention", lockAtMostFor = "PT30M")
    public void run() {
        removeExpiredFiles();
    }

    /** Removes what expired; returns how many uploads were removed. */
    int removeExpiredFiles() {
        record Expired(long id, String file, String status) {
        }
        List<Expired> expired = jdbc.sql("""
                        SELECT id, stored_file, status FROM import_jobs
                        WHERE file_removed_at IS NULL
                          AND ((status IN ('DONE', 'UNDONE', 'FAILED') AND coalesce(finished_at, created_at) < now() - make_interval(secs => ?))
                            OR (status = 'DRAFT' AND created_at < now() - make_interval(secs => ?)))
                        ORDER BY id LIMIT 10000""")
                .params(keepFiles.toSeconds(), keepDrafts.toSeconds())
                .query((rs, n) -> new Expired(rs.getLong(1), rs.getString(2), rs.getString(3))).list();
        for (Expired e : expired) {
            try {
                Files.deleteIfExists(Path.of(e.file()));
            } catch (IOException ex) {
                throw new UncheckedIOException("Could not remove the upload of import " + e.id(), ex);
            }
            jdbc.sql("""
                    UPDATE import_jobs SET file_removed_at = now(),
                      status = CASE WHEN status = 'DRAFT' THEN 'FAILED' ELSE status END,
                      failure = CASE WHEN status = 'DRAFT' THEN 'The upload expired before the import was started.'
                                     ELSE failure END,
                      finished_at = coalesce(finished_at, now())
                    WHERE id = ?""").param(e.id()).update();
        }
        if (!expired.isEmpty()) {
            log.info("Removed {} expired import uploads", expired.size());
        }
        return expired.size();
    }
}
