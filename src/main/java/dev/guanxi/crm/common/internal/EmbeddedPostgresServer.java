package dev.guanxi.crm.common.internal;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * One embedded PostgreSQL server per data directory and JVM. Test contexts and the application share it, so a
 * test JVM starts PostgreSQL once however many Spring contexts it builds. Runs as root too: the library starts
 * PostgreSQL in an unprivileged user namespace ({@code unshare -U}) when it is available.
 */
final class EmbeddedPostgresServer {

    private static final Map<String, EmbeddedPostgres> SERVERS = new HashMap<>();

    private EmbeddedPostgresServer() {
    }

    static synchronized EmbeddedPostgres start(File dataDir, int port, boolean clean, boolean durable) {
        String key = dataDir.getAbsolutePath();
        EmbeddedPostgres running = SERVERS.get(key);
        if (running != null) {
            return running;
        }
        try {
            if (!dataDir.exists() && !dataDir.mkdirs()) {
                throw new IOException("cannot create " + dataDir.getAbsolutePath());
            }
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(clean)
                    .setLocaleConfig("locale", "C.UTF-8")
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("shared_buffers", "256MB")
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
            EmbeddedPostgres server = builder.start();
            SERVERS.put(key, server);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + key, e);
        }
    }
}
