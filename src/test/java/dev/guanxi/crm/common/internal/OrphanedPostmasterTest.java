package dev.guanxi.crm.common.internal;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A PostgreSQL orphaned by a killed application is stopped at the next start; a live one is left alone. */
class OrphanedPostmasterTest {

    /** Runs in a child JVM: starts PostgreSQL on the given directory and waits to be killed. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(new File(args[0]))
                    .setCleanDataDirectory(true).setRegisterShutdownHook(false).start();
            System.out.println("READY " + pg.getPort());
            System.out.flush();
            System.in.read();
        }
    }

    @Test
    void nextStartStopsAnOrphanAndRefusesToTouchALiveInstance(@TempDir Path dir) throws Exception {
        File dataDir = dir.resolve("pg").toFile();
        Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), Child.class.getName(), dataDir.getAbsolutePath())
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.startsWith("READY"));
            assertThat(line).as("child started PostgreSQL").isNotNull();
            long postmasterPid = Long.parseLong(Files.readAllLines(dataDir.toPath().resolve("postmaster.pid")).get(0).strip());

            assertThatThrownBy(() -> OrphanedPostmaster.stopIfOrphaned(dataDir))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("another running Guanxi instance");
            assertThat(ProcessHandle.of(postmasterPid).map(ProcessHandle::isAlive)).contains(true);

            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            assertThat(ProcessHandle.of(postmasterPid).map(ProcessHandle::isAlive)).as("orphan outlives its JVM")
                    .contains(true);

            EmbeddedPostgres restarted = EmbeddedPostgresServer.acquire(dataDir, 0, false, false, "128MB");
            try (Connection c = restarted.getPostgresDatabase().getConnection();
                 ResultSet rs = c.createStatement().executeQuery("SELECT 1")) {
                assertThat(rs.next()).isTrue();
            } finally {
                EmbeddedPostgresServer.release(dataDir);
            }
            assertThat(ProcessHandle.of(postmasterPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        } finally {
            child.destroyForcibly();
        }
    }
}
