package dev.guanxi.crm.marketing.internal;

import jakarta.annotation.PreDestroy;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Runs send jobs in the background: a new job starts when its transaction commits; every minute, on one instance
 * (ShedLock), jobs whose runner stopped (no heartbeat for two minutes, e.g. a crash) are resumed.
 */
@Component
class MessageJobRunner {

    private static final Logger log = LoggerFactory.getLogger(MessageJobRunner.class);

    private final ObjectProvider<MessageService> service;
    private final MessageJobs jobs;
    private final ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "message-jobs");
        t.setDaemon(true);
        return t;
    });

    MessageJobRunner(ObjectProvider<MessageService> service, MessageJobs jobs) {
        this.service = service;
        this.jobs = jobs;
    }

    void startAfterCommit(long jobId) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    submit(jobId);
                }
            });
        } else {
            submit(jobId);
        }
    }

    private void submit(long jobId) {
        pool.submit(() -> {
            try {
                service.getObject().process(jobId);
            } catch (RuntimeException e) {
                log.warn("Message job {} stopped: {}; it is resumed within minutes", jobId, e.toString());
            }
        });
    }

    @Scheduled(fixedDelayString = "${guanxi.marketing.resume-interval:PT1M}",
            initialDelayString = "${guanxi.marketing.resume-interval:PT1M}")
    @SchedulerLock(name = "marketing-message-jobs", lockAtLeastFor = "PT20S", lockAtMostFor = "PT10M")
    public void resumeAbandoned() {
        for (long id : jobs.abandoned()) {
            log.info("Resuming message job {}", id);
            submit(id);
        }
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }
}
