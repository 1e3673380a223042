package dev.guanxi.crm.customer.internal;

import dev.guanxi.crm.customer.PinyinNameKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Fills {@code customers.name_key} ({@link PinyinNameKey}) where it is missing: rows from before migration V9_1 and
 * rows written by hand in SQL. Runs once in the background after start-up and before each duplicate scan, in
 * committed batches, so a million rows neither block the start nor hold one long transaction. Instances running it
 * at the same time share the work ({@code SKIP LOCKED}); a row being edited meanwhile gets its key from the edit.
 * The key is derived data: version, updated_at and the audit log stay as they are.
 */
@Component
public class NameKeyBackfill {

    private static final Logger log = LoggerFactory.getLogger(NameKeyBackfill.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final int batchSize;

    NameKeyBackfill(JdbcClient jdbc, TransactionTemplate transaction,
                    @Value("${guanxi.duplicates.name-key-batch:5000}") int batchSize) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.batchSize = batchSize;
        if (batchSize < 1) {
            throw new IllegalArgumentException("guanxi.duplicates.name-key-batch must be at least 1");
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void afterStart() {
        Thread thread = new Thread(() -> {
            try {
                fillAll();
            } catch (RuntimeException e) {
                log.warn("Filling the pinyin name keys stopped; the next duplicate scan continues it", e);
            }
        }, "name-key-backfill");
        thread.setDaemon(true);
        thread.start();
    }

    /** Fills every missing key; returns the number of rows filled. */
    public long fillAll() {
        long started = System.nanoTime();
        long filled = 0;
        int n;
        do {
            Integer batch = transaction.execute(status -> fillBatch());
            n = batch == null ? 0 : batch;
            filled += n;
        } while (n == batchSize);
        if (filled > 0) {
            log.info("Pinyin name keys filled for {} customers in {} ms", filled, (System.nanoTime() - started) / 1_000_000);
        }
        return filled;
    }

    private int fillBatch() {
        List<Long> ids = new ArrayList<>(batchSize);
        List<String> keys = new ArrayList<>(batchSize);
        jdbc.sql("SELECT id, name FROM customers WHERE name_key IS NULL ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED")
                .param(batchSize).query((RowCallbackHandler) rs -> {
                    ids.add(rs.getLong(1));
                    keys.add(Objects.requireNonNullElse(PinyinNameKey.of(rs.getString(2)), ""));
                });
        if (ids.isEmpty()) {
            return 0;
        }
        jdbc.sql("""
                        UPDATE customers c SET name_key = u.key
                        FROM unnest(CAST(? AS bigint[]), CAST(? AS text[])) AS u (id, key) WHERE c.id = u.id""")
                .params(ids.toArray(Long[]::new), keys.toArray(String[]::new)).update();
        return ids.size();
    }
}
