package dev.guanxi.crm.marketing.internal;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Runs due member days every few minutes on one instance at a time (ShedLock); see {@link MemberDays}. */
@Component
class MemberDayJob {

    static final String NAME = "marketing-member-days";
    private static final Logger log = LoggerFactory.getLogger(MemberDayJob.class);

    private final MemberDays memberDays;

    MemberDayJob(MemberDays memberDays) {
        this.memberDays = memberDays;
    }

    @Scheduled(fixedDelayString = "${guanxi.marketing.member-day-interval:PT5M}",
            initialDelayString = "${guanxi.marketing.member-day-interval:PT5M}")
    @SchedulerLock(name = NAME, lockAtLeastFor = "PT30S", lockAtMostFor = "PT30M")
    public void run() {
        memberDays.runDue().forEach(r -> log.info("Member day of campaign {}: {} members, {} coupon codes",
                r.campaignId(), r.members(), r.codes()));
    }
}
