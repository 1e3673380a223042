package dev.guanxi.crm.analytics.internal;

import dev.guanxi.crm.customer.LifecycleStage;
import dev.guanxi.crm.customer.ValueTier;

import java.util.ArrayList;
import java.util.List;

/**
 * One customer in a scoring run: the purchase facts aggregated by the database, then the scores computed from
 * them. Amounts are in cents (exact sums from the database, compact for a million customers in memory). Dates
 * are epoch days. Mutable on purpose: each step of {@link Scoring} fills its part.
 */
public final class CustomerFacts {

    public static final int NONE = Integer.MIN_VALUE;

    // facts
    public final long customerId;
    /** Purchase days (orders of one day merged), 0 without purchases. */
    public int frequency;
    public int firstDay = NONE;
    public int lastDay = NONE;
    public long monetaryCents;
    public long periodCents;
    public long recentCents;
    public long previousCents;
    /** Bit k set: bought in the k-th year before the run date (bit 0: the last 365 days). */
    public int activeYears;

    // scores
    public int abcRank;
    public double cumulativeShare = Double.NaN;
    public char abcClass = 'C';
    public ValueTier valueTier;
    public int recencyDays = NONE;
    public int r;
    public int f;
    public int m;
    public RfmSegment segment;
    public double clvDwyer;
    public LifecycleStage stage;
    public final List<String> churnReasons = new ArrayList<>();

    // filled by the model step (ScoreEnricher); null until then
    public Double pAlive;
    public Double expectedPurchases90;
    public Double expectedPurchases365;
    public Double clvBgnbd;
    public Integer clusterId;

    public CustomerFacts(long customerId) {
        this.customerId = customerId;
    }

    public boolean hasPurchases() {
        return frequency > 0;
    }

    /** Mean days between purchase days: (last − first) / (frequency − 1); NaN below two purchase days. */
    public double interPurchaseDays() {
        return frequency < 2 ? Double.NaN : (double) (lastDay - firstDay) / (frequency - 1);
    }

    /** What the churn list sorts by: the BG/NBD CLV once the model step gives it, else Dwyer's. */
    public double valueAtRisk() {
        return clvBgnbd != null ? clvBgnbd : clvDwyer;
    }
}
