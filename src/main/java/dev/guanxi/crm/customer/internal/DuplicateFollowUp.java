package dev.guanxi.crm.customer.internal;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import jakarta.annotation.PreDestroy;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The follow-up duplicate check of imported customers (decision 0018): an import batch checks its customers by the
 * cheap exact rules (phone, e-mail) and queues them in {@code duplicate_check_queue} in its own transaction; this job
 * checks the queued customers by the other rules in chunks, each chunk in one transaction that also removes it from
 * the queue, so a stopped instance leaves the rest queued and the check is resumed (on start and every minute). One
 * chunk is checked at a time across instances (a PostgreSQL advisory lock); checking a customer twice changes nothing.
 */
@Component
public class DuplicateFollowUp {

    private static final Logger log = LoggerFactory.getLogger(DuplicateFollowUp.class);
    /** The advisory lock key of the job (any constant unique to it). */
    private static final long LOCK = 0x6775616e7869L;

    private final JdbcClient jdbc;
    private final Duplicates duplicates;
    private final TransactionTemplate transaction;
    private final boolean background;
    private final CustomerStatistics statistics;
    private final int chunk;
    private volatile boolean cleanPendingList = true;
    /** One worker; at most one further run waits, and it checks everything queued by then. */
    private final ThreadPoolExecutor worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(1), r -> {
        Thread t = new Thread(r, "duplicate-follow-up");
        t.setDaemon(true);
        return t;
    }, new ThreadPoolExecutor.DiscardPolicy());

    DuplicateFollowUp(JdbcClient jdbc, Duplicates duplicates, CustomerStatistics statistics,
                      PlatformTransactionManager transactions,
                      @Value("${guanxi.duplicates.follow-up.background:true}") boolean background,
                      @Value("${guanxi.duplicates.follow-up.chunk:2000}") int chunk) {
        this.jdbc = jdbc;
        this.duplicates = duplicates;
        this.statistics = statistics;
        this.transaction = new TransactionTemplate(transactions);
        // started from a committing transaction's callback: always a transaction of its own
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.background = background;
        this.chunk = chunk;
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    /** Whether {@link #queue} leaves anything to this job: false when only the inline rules are configured. */
    public boolean needed() {
        return duplicates.hasFollowUpRules();
    }

    /**
     * Queues customers written by {@code source} (e.g. {@code import:42}) in the current transaction; the check
     * starts when it commits.
     */
    void queue(String source, Collection<Long> customerIds) {
        if (customerIds.isEmpty() || !needed()) {
            return;
        }
        jdbc.sql("INSERT INTO duplicate_check_queue (source, customer_id) SELECT ?, unnest(CAST(? AS bigint[])) "
                        + "ON CONFLICT DO NOTHING").params(source, customerIds.toArray(Long[]::new)).update();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    start();
                }
            });
        } else {
            start();
        }
    }

    /** Whether customers written by the source still wait for their check. */
    public boolean pending(String source) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM duplicate_check_queue WHERE source = ?)").param(source)
                .query(Boolean.class).single();
    }

    /** Checks what a stopped instance left queued. */
    @EventListener(ApplicationReadyEvent.class)
    void resumeQueued() {
        start();
    }

    /** Checks what is queued but not being checked (an instance went away after queueing); one instance runs it. */
    @Scheduled(fixedDelayString = "${guanxi.duplicates.follow-up.interval:PT1M}",
            initialDelayString = "${guanxi.duplicates.follow-up.interval:PT1M}")
    @SchedulerLock(name = "customer-duplicate-follow-up", lockAtMostFor = "PT30M")
    public void sweep() {
        checkQueued();
    }

    private void start() {
        if (background) {
            worker.execute(this::checkQueued);
        } else {
            checkQueued();
        }
    }

    /** Checks queued customers chunk by chunk until the queue is empty; returns how many were checked. */
    public long checkQueued() {
        long checked = 0;
        try {
            int n;
            while ((n = checkChunk()) > 0) {
                checked += n;
            }
        } catch (RuntimeException e) {
            // the chunk stays queued; the next start or sweep checks it
            log.warn("Follow-up duplicate check stopped after {} customers", checked, e);
        }
        return checked;
    }

    /**
     * Moves the name trigram index's pending list (rows inserted since its last clean-up, fastupdate) into the index.
     * The similar-name rule's index look-ups read the whole pending list each time: during an import, with the list
     * full, one look-up took about 17 ms instead of 2 ms. The work is what the importing transactions would do when
     * the list fills; done here, it also leaves them.
     */
    private void cleanTrigramPendingList() {
        if (!cleanPendingList) {
            return;
        }
        try {
            jdbc.sql("SELECT gin_clean_pending_list('customers_name_trgm_idx'::regclass)").query(Long.class).single();
        } catch (RuntimeException e) {
            // e.g. a database user that does not own the index: the check is slower, not wrong
            cleanPendingList = false;
            log.info("Not cleaning the name trigram index's pending list: {}", e.getMessage());
        }
    }

    private int checkChunk() {
        cleanTrigramPendingList();
        statistics.refreshIfStale();
        for (int attempt = 1; ; attempt++) {
            try {
                Integer n = transaction.execute(status -> {
                    jdbc.sql("SELECT pg_advisory_xact_lock(?)").param(LOCK).query().singleRow();
                    List<Long> ids = jdbc.sql("""
                                    DELETE FROM duplicate_check_queue q USING (SELECT source, customer_id
                                      FROM duplicate_check_queue ORDER BY source, customer_id LIMIT ?) s
                                    WHERE q.source = s.source AND q.customer_id = s.customer_id
                                    RETURNING q.customer_id""")
                            .param(chunk).query(Long.class).list();
                    duplicates.checkFollowUp(ids.stream().distinct().toList());
                    return ids.size();
                });
                return n == null ? 0 : n;
            } catch (PessimisticLockingFailureException e) {
                // an import batch's own check took the same candidate pairs in another order: try again
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }
}
