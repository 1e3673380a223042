package dev.guanxi.crm.common.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Delivers again the module events whose listener failed or whose instance died before completing them
 * (Spring Modulith keeps every publication until its listener completes). One instance does it at a time
 * (ShedLock), so a publication is not handed to two instances' listeners at once; the threshold keeps
 * publications still being processed out of it.
 */
@Component
class IncompletePublicationsJob {

    static final String NAME = "resubmit-incomplete-event-publications";
    private static final Logger log = LoggerFactory.getLogger(IncompletePublicationsJob.class);

    private final IncompleteEventPublications publications;
    private final Duration olderThan;
    private final Counter runs;

    IncompletePublicationsJob(IncompleteEventPublications publications,
                              @Value("${guanxi.events.resubmit-older-than:PT5M}") Duration olderThan,
                              MeterRegistry meters) {
        this.publications = publications;
        this.olderThan = olderThan;
        this.runs = Counter.builder("guanxi.jobs.runs").tag("job", NAME)
                .description("Runs of a scheduled job on this instance").register(meters);
    }

    // lockAtLeastFor: an instance triggering moments after another one finished must not run the job again.
    @Scheduled(fixedDelayString = "${guanxi.events.resubmit-interval:PT1M}",
            initialDelayString = "${guanxi.events.resubmit-interval:PT1M}")
    @SchedulerLock(name = NAME, lockAtLeastFor = "${guanxi.events.resubmit-lock-at-least-for:PT20S}",
            lockAtMostFor = "PT10M")
    public void resubmit() {
        runs.increment();
        log.debug("Resubmitting event publications incomplete for more than {}", olderThan);
        publications.resubmitIncompletePublicationsOlderThan(olderThan);
    }
}
