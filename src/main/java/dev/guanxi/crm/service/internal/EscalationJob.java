package dev.guanxi.crm.service.internal;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Escalates overdue tickets on one instance at a time (ShedLock); the claim in {@link Escalations#run()} keeps each
 * breach escalated once even if runs overlap.
 */
@Component
class EscalationJob {

    static final String NAME = "service-escalation";
    private static final Logger log = LoggerFactory.getLogger(EscalationJob.class);

    private final Escalations escalations;

    EscalationJob(Escalations escalations) {
        this.escalations = escalations;
    }

    @Scheduled(fixedDelayString = "${guanxi.service.escalation-interval:PT5M}",
            initialDelayString = "${guanxi.service.escalation-interval:PT5M}")
    @SchedulerLock(name = NAME, lockAtLeastFor = "${guanxi.service.escalation-lock-at-least-for:PT20S}",
            lockAtMostFor = "PT10M")
    public void run() {
        int n = escalations.run().size();
        if (n > 0) {
            log.info("Escalated {} overdue ticket breaches", n);
        }
    }
}
