package dev.guanxi.crm.common.internal;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One embedded PostgreSQL server per data directory and JVM. Test contexts and the application share it, so a
 * test JVM starts PostgreSQL once however many Spring contexts it builds. Runs as root too: the library starts
 * PostgreSQL in an unprivileged user namespace ({@code unshare -U}) when it is available.
 * <p>
 * The server stops when the last data source using it closes, so Spring's shutdown (which may still use the
 * database) finishes first; a JVM shutdown hook stops it as well when no Spring context closes it.
 */
final class EmbeddedPostgresServer {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final Map<String, EmbeddedPostgres> SERVERS = new HashMap<>();
    private static final Map<String, Integer> USERS = new HashMap<>();
    private static final Set<String> STARTED_BEFORE = new HashSet<>();
    private static volatile CountDownLatch allReleased = new CountDownLatch(1);

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedPostgresServer::stopOnExit, "embedded-postgres-stop"));
    }

    private EmbeddedPostgresServer() {
    }

    /**
     * Starts the server for this data directory unless it runs already, and counts one more user of it.
     * {@code clean} empties the directory at the first start in this JVM (tests), never at a later one.
     */
    static synchronized EmbeddedPostgres acquire(File dataDir, int port, boolean clean, boolean durable,
                                                 String sharedBuffers) {
        String key = dataDir.getAbsolutePath();
        EmbeddedPostgres running = SERVERS.get(key);
        if (running == null) {
            running = start(dataDir, port, clean && !STARTED_BEFORE.contains(key), durable, sharedBuffers);
            SERVERS.put(key, running);
            STARTED_BEFORE.add(key);
            allReleased = new CountDownLatch(1);
        }
        USERS.merge(key, 1, Integer::sum);
        return running;
    }

    /** One user fewer; the last one stops the server. */
    static synchronized void release(File dataDir) {
        String key = dataDir.getAbsolutePath();
        Integer left = USERS.computeIfPresent(key, (k, n) -> n - 1);
        if (left != null && left <= 0) {
            USERS.remove(key);
            stop(key, SERVERS.remove(key));
            if (SERVERS.isEmpty()) {
                allReleased.countDown();
            }
        }
    }

    private static void stopOnExit() {
        try {
            // Give Spring's own shutdown hook the chance to close the data sources first.
            allReleased.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (EmbeddedPostgresServer.class) {
            SERVERS.forEach(EmbeddedPostgresServer::stop);
            SERVERS.clear();
        }
    }

    private static void stop(String key, EmbeddedPostgres server) {
        if (server == null) {
            return;
        }
        try {
            server.close();
        } catch (IOException | RuntimeException e) {
            log.warn("Could not stop the embedded PostgreSQL in {}: {}", key, e.getMessage());
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static EmbeddedPostgres start(File dataDir, int port, boolean clean, boolean durable,
                                          String sharedBuffers) {
        try {
            if (dataDir.exists()) {
                OrphanedPostmaster.stopIfOrphaned(dataDir);
            }
            if (clean) {
                deleteRecursively(dataDir.toPath());
            }
            if (!dataDir.exists() && !dataDir.mkdirs()) {
                throw new IOException("cannot create " + dataDir.getAbsolutePath());
            }
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setLocaleConfig("locale", "C.UTF-8")
                    .setServerConfig("max_connections", "200")
                    // customers alone are 1.4 GB with their indexes at a million: a page read from the OS cache
                    // instead of the buffers costs several times a buffer hit (guanxi.db.shared-buffers)
                    .setServerConfig("shared_buffers", sharedBuffers)
                    // the embedded data sits on a local disk and mostly in the OS cache: random reads cost about
                    // what sequential ones do, so that the planner prefers index scans for selective lists
                    .setServerConfig("random_page_cost", "1.1")
                    .setServerConfig("effective_cache_size", "8GB")
                    .setServerConfig("work_mem", "16MB")
                    .setServerConfig("maintenance_work_mem", "256MB")
                    .setServerConfig("max_wal_size", "2GB")
                    .setServerConfig("log_min_duration_statement", "1000");
            if (!durable) {
                builder.setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off");
            }
            if (port > 0) {
                builder.setPort(port);
            }
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDir.getAbsolutePath()
                    + ": " + e.getMessage(), e);
        }
    }
}
