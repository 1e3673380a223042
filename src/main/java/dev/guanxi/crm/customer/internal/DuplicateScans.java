package dev.guanxi.crm.customer.internal;

import dev.guanxi.crm.common.ConflictException;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Background scans of all customers for duplicates (nightly on one instance, or started from the review queue).
 * One scan runs at a time across instances: the unfinished row in {@code duplicate_scans} is the lock (a unique
 * index), and a scan left unfinished by a stopped instance is closed as failed after {@code stale-after}. Each rule
 * commits on its own, so the queue fills while the scan goes on and progress is visible.
 */
@Component
public class DuplicateScans {

    private static final Logger log = LoggerFactory.getLogger(DuplicateScans.class);

    public record Scan(long id, Instant startedAt, Instant finishedAt, int rulesDone, int rulesTotal, long pairs,
                       String error) {
        public boolean running() {
            return finishedAt == null;
        }

        public int percent() {
            return rulesTotal == 0 ? 100 : rulesDone * 100 / rulesTotal;
        }
    }

    private final JdbcClient jdbc;
    private final Duplicates duplicates;
    private final NameKeyBackfill nameKeys;
    private final TransactionTemplate transaction;
    private final Duration staleAfter;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "duplicate-scan");
        t.setDaemon(true);
        return t;
    });

    DuplicateScans(JdbcClient jdbc, Duplicates duplicates, NameKeyBackfill nameKeys, TransactionTemplate transaction,
                   @Value("${guanxi.duplicates.stale-after:PT2H}") Duration staleAfter) {
        this.jdbc = jdbc;
        this.duplicates = duplicates;
        this.nameKeys = nameKeys;
        this.transaction = transaction;
        this.staleAfter = staleAfter;
    }

    /** Starts a scan in the background; a conflict when one is running already. */
    public Scan start(Long userId) {
        Scan scan = claim(userId).orElseThrow(() -> new ConflictException(
                "A duplicate scan is running already; wait for it to finish."));
        executor.submit(() -> run(scan.id()));
        return scan;
    }

    /** Nightly scan on one instance (ShedLock); skipped when a scan is running. */
    @Scheduled(cron = "${guanxi.duplicates.scan-cron:0 30 2 * * *}", zone = "${guanxi.activity.zone:Asia/Shanghai}")
    @SchedulerLock(name = "customer-duplicate-scan", lockAtMostFor = "PT3H")
    public void nightly() {
        claim(null).ifPresent(scan -> run(scan.id()));
    }

    public Optional<Scan> latest() {
        return jdbc.sql("""
                SELECT id, started_at, finished_at, rules_done, rules_total, pairs, error
                FROM duplicate_scans ORDER BY id DESC LIMIT 1""").query(this::map).optional();
    }

    public Optional<Scan> find(long id) {
        return jdbc.sql("SELECT id, started_at, finished_at, rules_done, rules_total, pairs, error "
                + "FROM duplicate_scans WHERE id = ?").param(id).query(this::map).optional();
    }

    private Optional<Scan> claim(Long userId) {
        jdbc.sql("""
                UPDATE duplicate_scans SET finished_at = now(), error = 'stopped: the instance running it went away'
                WHERE finished_at IS NULL AND started_at < now() - make_interval(secs => ?)""")
                .param(staleAfter.toSeconds()).update();
        try {
            long id = jdbc.sql("INSERT INTO duplicate_scans (started_by, rules_total) VALUES (?, ?) RETURNING id")
                    .params(userId, duplicates.scanRules().size()).query(Long.class).single();
            return find(id);
        } catch (DuplicateKeyException running) {
            return Optional.empty();
        }
    }

    /** Runs the scan with the given id to its end; public for tests, which run it in their own thread. */
    public void run(long scanId) {
        List<DuplicateRule> rules = duplicates.scanRules();
        long pairs = 0;
        try {
            // the pinyin rules compare keys; rows written without one (by hand, before V9_1) get it first
            nameKeys.fillAll();
            for (DuplicateRule rule : rules) {
                Integer found = transaction.execute(status -> duplicates.scan(rule));
                pairs += found == null ? 0 : found;
                jdbc.sql("UPDATE duplicate_scans SET rules_done = rules_done + 1, pairs = ? WHERE id = ?")
                        .params(pairs, scanId).update();
            }
            jdbc.sql("UPDATE duplicate_scans SET finished_at = now() WHERE id = ?").param(scanId).update();
            log.info("Duplicate scan {} finished: {} candidate pairs found or updated", scanId, pairs);
        } catch (RuntimeException e) {
            log.warn("Duplicate scan {} failed", scanId, e);
            jdbc.sql("UPDATE duplicate_scans SET finished_at = now(), error = ? WHERE id = ?")
                    .params(String.valueOf(e.getMessage()), scanId).update();
        }
    }

    private Scan map(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        java.sql.Timestamp finished = rs.getTimestamp("finished_at");
        return new Scan(rs.getLong("id"), rs.getTimestamp("started_at").toInstant(),
                finished == null ? null : finished.toInstant(), rs.getInt("rules_done"), rs.getInt("rules_total"),
                rs.getLong("pairs"), rs.getString("error"));
    }
}
