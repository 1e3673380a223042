package dev.guanxi.crm.analytics.internal;

import dev.guanxi.crm.customer.LifecycleStage;
import dev.guanxi.crm.customer.ValueTier;

import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The scoring rules, pure and in memory (no database): ABC, RFM, Dwyer CLV, churn warning and lifecycle stage.
 * Each method fills its part of the {@link CustomerFacts}; the order is the one of {@link ScoringService}.
 */
public final class Scoring {

    public static final String RECENCY_OVERDUE = "RECENCY_OVERDUE";
    public static final String SPEND_DOWN = "SPEND_DOWN";
    public static final String LOW_P_ALIVE = "LOW_P_ALIVE";

    private Scoring() {
    }

    /**
     * ABC (二八法则): customers with revenue in the period, ranked by it (ties: lower customer id first). A
     * customer is A while the revenue share of the customers ranked above it is below {@code abcA}, B while below
     * {@code abcB}, else C, so the customer that crosses 80 % is still A. Customers without revenue in the period
     * are C without rank. Value tier: the first {@code ceil(vipShareOfA × #A)} A customers are VIP, the other
     * classes map to tierA/B/C; customers without any purchase get no tier (their record keeps its own).
     *
     * @return the number of customers in A, B and C
     */
    public static int[] abc(List<CustomerFacts> all, AnalyticsSettings s) {
        CustomerFacts[] ranked = all.stream().filter(c -> c.periodCents > 0)
                .sorted(Comparator.comparingLong((CustomerFacts c) -> -c.periodCents)
                        .thenComparingLong(c -> c.customerId))
                .toArray(CustomerFacts[]::new);
        double total = 0;
        for (CustomerFacts c : ranked) {
            total += c.periodCents;
        }
        int[] counts = new int[3];
        double before = 0;
        for (int i = 0; i < ranked.length; i++) {
            CustomerFacts c = ranked[i];
            double shareBefore = before / total;
            c.abcClass = shareBefore < s.getAbcA() ? 'A' : shareBefore < s.getAbcB() ? 'B' : 'C';
            before += c.periodCents;
            c.cumulativeShare = before / total;
            c.abcRank = i + 1;
        }
        for (CustomerFacts c : all) {
            counts[c.abcClass - 'A']++;
        }
        long vip = (long) Math.ceil(s.getVipShareOfA() * counts[0]);
        for (CustomerFacts c : all) {
            if (!c.hasPurchases()) {
                c.valueTier = null;
            } else if (c.abcClass == 'A') {
                c.valueTier = c.abcRank <= vip ? ValueTier.VIP : s.getTierA();
            } else {
                c.valueTier = c.abcClass == 'B' ? s.getTierB() : s.getTierC();
            }
        }
        return counts;
    }

    /**
     * RFM quintile scores among the customers with purchases: recency = days from the last purchase to the run
     * date, frequency = purchase days, monetary = all-time revenue. A customer's score is
     * {@code 1 + floor(5 × worse / n)}, where {@code worse} counts the customers with a strictly worse value
     * (longer recency, lower frequency or spend) and n the customers with purchases. Equal values therefore get
     * equal scores (ties never split by order), and the score does not depend on the order of the input.
     */
    public static void rfm(List<CustomerFacts> all, int asOfDay) {
        List<CustomerFacts> buyers = all.stream().filter(CustomerFacts::hasPurchases).toList();
        int n = buyers.size();
        long[] recency = new long[n];
        long[] frequency = new long[n];
        long[] monetary = new long[n];
        for (int i = 0; i < n; i++) {
            CustomerFacts c = buyers.get(i);
            c.recencyDays = asOfDay - c.lastDay;
            recency[i] = c.recencyDays;
            frequency[i] = c.frequency;
            monetary[i] = c.monetaryCents;
        }
        Arrays.sort(recency);
        Arrays.sort(frequency);
        Arrays.sort(monetary);
        for (CustomerFacts c : buyers) {
            c.r = quintile(n - firstAbove(recency, c.recencyDays), n);
            c.f = quintile(firstAtLeast(frequency, c.frequency), n);
            c.m = quintile(firstAtLeast(monetary, c.monetaryCents), n);
            c.segment = RfmSegment.of(c.r, c.f);
        }
    }

    static int quintile(long worse, int n) {
        return (int) Math.min(5, 1 + 5 * worse / n);
    }

    /** Index of the first element ≥ value in a sorted array = the number of elements below it. */
    private static int firstAtLeast(long[] sorted, long value) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Index of the first element > value in a sorted array. */
    private static int firstAbove(long[] sorted, long value) {
        return firstAtLeast(sorted, value + 1);
    }

    /**
     * Yearly retention rate for Dwyer's method, estimated overall (not per cohort) from the data: of the customers
     * who bought in year k before the run date (k = 1..years), the share who bought again in year k − 1, pooled
     * over the pairs: r = Σ retained / Σ active. {@code fallback} when no customer bought in those years.
     */
    public static double retention(Collection<CustomerFacts> all, int years, double fallback) {
        long active = 0;
        long retained = 0;
        for (CustomerFacts c : all) {
            for (int k = 1; k <= years; k++) {
                if ((c.activeYears & (1 << k)) != 0) {
                    active++;
                    if ((c.activeYears & (1 << (k - 1))) != 0) {
                        retained++;
                    }
                }
            }
        }
        return active == 0 ? fallback : (double) retained / active;
    }

    /**
     * Dwyer's retention method: CLV = Σ_{t=1..H} m · r^t / (1 + d)^t, the value of the next H years, where m is
     * the customer's yearly margin: margin × the customer's mean yearly revenue (all-time revenue divided by the
     * tenure in years, at least one year), r the retention rate and d the discount rate.
     */
    public static void dwyer(List<CustomerFacts> all, int asOfDay, double retention, AnalyticsSettings s) {
        double factor = 0;
        double q = retention / (1 + s.getDiscountRate());
        double power = 1;
        for (int t = 1; t <= s.getHorizonYears(); t++) {
            power *= q;
            factor += power;
        }
        for (CustomerFacts c : all) {
            if (!c.hasPurchases()) {
                c.clvDwyer = 0;
                continue;
            }
            double years = Math.max(1.0, (asOfDay - c.firstDay + 1) / 365.0);
            double yearlyMargin = s.getMargin() * (c.monetaryCents / 100.0) / years;
            c.clvDwyer = Math.round(yearlyMargin * factor * 100) / 100.0;
        }
    }

    /**
     * Churn early warning (流失预警) per customer with purchases: RECENCY_OVERDUE when the days since the last
     * purchase exceed k × the customer's own mean inter-purchase time (two purchase days at least); SPEND_DOWN when
     * the spend of the recent window fell by more than {@code spendDrop} against the window before; LOW_P_ALIVE
     * when P(alive) is known and below {@code aliveWarning}. Then the codes of other modules' signals for any
     * customer.
     *
     * @param signals reason code → customers flagged by a {@link dev.guanxi.crm.analytics.ChurnSignal}
     */
    public static void churn(List<CustomerFacts> all, AnalyticsSettings s, Map<String, Set<Long>> signals) {
        for (CustomerFacts c : all) {
            c.churnReasons.clear();
            if (c.hasPurchases()) {
                double interval = c.interPurchaseDays();
                if (!Double.isNaN(interval) && c.recencyDays > s.getChurnK() * interval) {
                    c.churnReasons.add(RECENCY_OVERDUE);
                }
                if (spendDown(c, s)) {
                    c.churnReasons.add(SPEND_DOWN);
                }
                if (c.pAlive != null && c.pAlive < s.getAliveWarning()) {
                    c.churnReasons.add(LOW_P_ALIVE);
                }
            }
            signals.forEach((code, ids) -> {
                if (ids.contains(c.customerId)) {
                    c.churnReasons.add(code);
                }
            });
        }
    }

    static boolean spendDown(CustomerFacts c, AnalyticsSettings s) {
        return c.previousCents > 0 && c.recentCents < c.previousCents * (1 - s.getSpendDrop());
    }

    /**
     * Lifecycle stage (客户生命周期), first matching rule wins, tenure = days since the first purchase:
     * <ol>
     * <li>no purchase: PROSPECT;</li>
     * <li>no purchase for more than {@code terminatedDays}, or P(alive) below {@code aliveTerminated}: TERMINATED;</li>
     * <li>one purchase day, tenure below {@code acquisitionDays}: PROSPECT (still being acquired);</li>
     * <li>spend down, recency overdue, or P(alive) below {@code aliveDecline}: DECLINE;</li>
     * <li>tenure below {@code growthDays}, or recent spend above the previous window by more than
     * {@code spendRise}: GROWTH;</li>
     * <li>otherwise MATURITY.</li>
     * </ol>
     * Run after {@link #churn}, whose recency and spend warnings it reuses.
     */
    public static void lifecycle(List<CustomerFacts> all, int asOfDay, AnalyticsSettings s) {
        for (CustomerFacts c : all) {
            c.stage = stage(c, asOfDay, s);
        }
    }

    static LifecycleStage stage(CustomerFacts c, int asOfDay, AnalyticsSettings s) {
        if (!c.hasPurchases()) {
            return LifecycleStage.PROSPECT;
        }
        int tenure = asOfDay - c.firstDay;
        if (c.recencyDays > s.getTerminatedDays() || (c.pAlive != null && c.pAlive < s.getAliveTerminated())) {
            return LifecycleStage.TERMINATED;
        }
        if (c.frequency == 1 && tenure < s.getAcquisitionDays()) {
            return LifecycleStage.PROSPECT;
        }
        if (c.churnReasons.contains(SPEND_DOWN) || c.churnReasons.contains(RECENCY_OVERDUE)
                || (c.pAlive != null && c.pAlive < s.getAliveDecline())) {
            return LifecycleStage.DECLINE;
        }
        if (tenure < s.getGrowthDays() || c.recentCents > c.previousCents * (1 + s.getSpendRise())) {
            return LifecycleStage.GROWTH;
        }
        return LifecycleStage.MATURITY;
    }
}
