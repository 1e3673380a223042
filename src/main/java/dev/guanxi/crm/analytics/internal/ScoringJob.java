package dev.guanxi.crm.analytics.internal;

import dev.guanxi.crm.common.ConflictException;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The nightly scoring run ({@code guanxi.analytics.cron}, in the business time zone) on one instance (ShedLock);
 * the run's own claim ({@code scoring_runs}) also keeps it from overlapping a run started from the page.
 */
@Component
class ScoringJob {

    static final String NAME = "analytics-scoring";
    private static final Logger log = LoggerFactory.getLogger(ScoringJob.class);

    private final ScoringService scoring;

    ScoringJob(ScoringService scoring) {
        this.scoring = scoring;
    }

    @Scheduled(cron = "${guanxi.analytics.cron:0 30 2 * * *}", zone = "${guanxi.activity.zone:Asia/Shanghai}")
    @SchedulerLock(name = NAME, lockAtLeastFor = "PT1M", lockAtMostFor = "PT3H")
    public void run() {
        try {
            scoring.runNow(ScoringService.SCHEDULED, null, null);
        } catch (ConflictException e) {
            log.info("Nightly scoring skipped: {}", e.getMessage());
        }
    }
}
