package dev.guanxi.crm.dataio.internal;

import dev.guanxi.crm.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Upload files are removed after the retention period; recent ones and the job rows stay. */
@IntegrationTest
class ImportFileRetentionTest {

    @Autowired
    ImportFileRetention retention;
    @Autowired
    JdbcClient jdbc;

    @Test
    void expiredUploadsAreRemovedAndRecentOnesKept() throws Exception {
        Path dir = Files.createDirectories(Path.of("target/test-imports"));
        Path oldDone = Files.writeString(dir.resolve("retention-old-" + System.nanoTime() + ".csv"), "name\nA\n");
        Path oldDraft = Files.writeString(dir.resolve("retention-draft-" + System.nanoTime() + ".csv"), "name\nB\n");
        Path recent = Files.writeString(dir.resolve("retention-new-" + System.nanoTime() + ".csv"), "name\nC\n");
        long done = job(oldDone, "DONE", "40 days");
        long draft = job(oldDraft, "DRAFT", "3 days");
        long fresh = job(recent, "DONE", "1 day");

        assertThat(retention.removeExpiredFiles()).isGreaterThanOrEqualTo(2);

        assertThat(oldDone).doesNotExist();
        assertThat(oldDraft).doesNotExist();
        assertThat(recent).exists();
        assertThat(status(done)).isEqualTo("DONE");
        assertThat(status(draft)).isEqualTo("FAILED");
        assertThat(jdbc.sql("SELECT file_removed_at IS NULL FROM import_jobs WHERE id = ?").param(fresh)
                .query(Boolean.class).single()).isTrue();
        assertThat(jdbc.sql("UPDATE import_jobs SET status = 'QUEUED' WHERE id = ? AND status = 'FAILED' "
                + "AND file_removed_at IS NULL").param(draft).update()).as("no retry without the file").isZero();
    }

    private long job(Path file, String status, String age) {
        return jdbc.sql("""
                        INSERT INTO import_jobs (status, file_name, stored_file, format, locale, actor, actor_id,
                          created_at, finished_at)
                        VALUES (?, 'f.csv', ?, 'CSV', 'en', '{}', 0, now() - CAST(? AS interval),
                          CASE WHEN ? = 'DRAFT' THEN NULL ELSE now() - CAST(? AS interval) END) RETURNING id""")
                .params(status, file.toString(), age, status, age).query(Long.class).single();
    }

    private String status(long id) {
        return jdbc.sql("SELECT status FROM import_jobs WHERE id = ?").param(id).query(String.class).single();
    }
}
