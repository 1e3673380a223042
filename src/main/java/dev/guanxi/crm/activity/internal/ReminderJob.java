package dev.guanxi.crm.activity.internal;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends due activity reminders every minute on one instance at a time (ShedLock); the claim in
 * {@link Reminders#remindDue()} keeps each reminder single even if runs overlap.
 */
@Component
class ReminderJob {

    static final String NAME = "activity-reminders";
    private static final Logger log = LoggerFactory.getLogger(ReminderJob.class);

    private final Reminders reminders;

    ReminderJob(Reminders reminders) {
        this.reminders = reminders;
    }

    // lockAtLeastFor: an instance triggering moments after another one finished must not run the job again.
    @Scheduled(fixedDelayString = "${guanxi.activity.reminder-interval:PT1M}",
            initialDelayString = "${guanxi.activity.reminder-interval:PT1M}")
    @SchedulerLock(name = NAME, lockAtLeastFor = "${guanxi.activity.reminder-lock-at-least-for:PT20S}",
            lockAtMostFor = "PT10M")
    public void run() {
        int sent = reminders.remindDue().size();
        if (sent > 0) {
            log.info("Sent {} activity reminders", sent);
        }
    }
}
