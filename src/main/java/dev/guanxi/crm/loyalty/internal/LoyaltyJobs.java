package dev.guanxi.crm.loyalty.internal;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.List;

/**
 * Nightly, on one instance at a time (ShedLock): expires points lots past their date, then re-evaluates every
 * member's tier (downgrades happen here, when payments leave the rolling period). Both are idempotent: an expired
 * lot has one EXPIRE entry (unique per lot), and a tier change applies only from the tier it was computed from.
 */
@Component
public class LoyaltyJobs {

    private static final Logger log = LoggerFactory.getLogger(LoyaltyJobs.class);
    private static final int BATCH = 500;

    private final PointsService points;
    private final TierService tiers;

    LoyaltyJobs(PointsService points, TierService tiers) {
        this.points = points;
        this.tiers = tiers;
    }

    @Scheduled(cron = "${guanxi.loyalty.nightly-cron:0 30 2 * * *}", zone = "${guanxi.activity.zone:Asia/Shanghai}")
    @SchedulerLock(name = "loyalty-nightly", lockAtLeastFor = "PT1M", lockAtMostFor = "PT2H")
    public void nightly() {
        LocalDate today = points.today();
        long expired = expire(today);
        int changed = tiers.evaluateAll("NIGHTLY", today);
        log.info("Loyalty nightly: {} points expired, {} tier changes", expired, changed);
    }

    /** Expires every lot due by {@code today}, one customer per transaction; returns the points expired. */
    public long expire(LocalDate today) {
        long total = 0;
        List<Long> batch;
        do {
            batch = points.customersWithExpiredLots(today, BATCH);
            for (long customerId : batch) {
                total += points.expire(customerId, today);
            }
        } while (batch.size() == BATCH);
        return total;
    }
}
