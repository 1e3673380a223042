package dev.guanxi.crm.analytics.internal;

import dev.guanxi.crm.customer.LifecycleStage;
import dev.guanxi.crm.customer.ValueTier;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The scoring rules on small hand-computed sets (no database). */
class ScoringTest {

    private final AnalyticsSettings settings = new AnalyticsSettings();

    private static CustomerFacts buyer(long id, int frequency, int firstDay, int lastDay, long monetaryCents) {
        CustomerFacts c = new CustomerFacts(id);
        c.frequency = frequency;
        c.firstDay = firstDay;
        c.lastDay = lastDay;
        c.monetaryCents = monetaryCents;
        return c;
    }

    private static CustomerFacts withPeriod(long id, long periodYuan) {
        CustomerFacts c = buyer(id, 1, 0, 0, periodYuan * 100);
        c.periodCents = periodYuan * 100;
        return c;
    }

    @Test
    void abcRanksByPeriodRevenueWithCumulativeThresholdsAndMapsTiers() {
        // revenue 500, 300, 100, 50, 30, 20 = 1000 in all; share of those ranked above each customer:
        // #1 0.00 < .80 → A (cum .50); #2 .50 < .80 → A (cum .80); #3 .80 not < .80 → B (cum .90);
        // #4 .90 < .95 → B (cum .95); #5 .95 not < .95 → C (cum .98); #6 C (cum 1.00)
        List<CustomerFacts> all = new ArrayList<>(List.of(withPeriod(6, 20), withPeriod(2, 300), withPeriod(4, 50),
                withPeriod(1, 500), withPeriod(5, 30), withPeriod(3, 100)));
        CustomerFacts noPeriodRevenue = buyer(7, 1, 0, 0, 9_999_00); // bought, but before the period
        CustomerFacts prospect = new CustomerFacts(8);
        all.add(noPeriodRevenue);
        all.add(prospect);

        int[] counts = Scoring.abc(all, settings);

        assertThat(counts).containsExactly(2, 2, 4);
        Map<Long, CustomerFacts> byId = new java.util.HashMap<>();
        all.forEach(c -> byId.put(c.customerId, c));
        assertThat(List.of(1L, 2L, 3L, 4L, 5L, 6L).stream().map(id -> byId.get(id).abcClass).toList())
                .containsExactly('A', 'A', 'B', 'B', 'C', 'C');
        assertThat(byId.get(3L).abcRank).isEqualTo(3);
        assertThat(byId.get(3L).cumulativeShare).isCloseTo(0.90, within(1e-9));
        assertThat(noPeriodRevenue.abcClass).isEqualTo('C');
        assertThat(noPeriodRevenue.abcRank).isZero();
        // VIP: ceil(5 % × 2 A customers) = 1, the top one; other A major, B medium, C small; no purchase: no tier
        assertThat(byId.get(1L).valueTier).isEqualTo(ValueTier.VIP);
        assertThat(byId.get(2L).valueTier).isEqualTo(ValueTier.MAJOR);
        assertThat(byId.get(4L).valueTier).isEqualTo(ValueTier.MEDIUM);
        assertThat(byId.get(6L).valueTier).isEqualTo(ValueTier.SMALL);
        assertThat(noPeriodRevenue.valueTier).isEqualTo(ValueTier.SMALL);
        assertThat(prospect.valueTier).isNull();
    }

    @Test
    void abcBreaksEqualRevenueByCustomerId() {
        List<CustomerFacts> all = List.of(withPeriod(9, 100), withPeriod(3, 100));
        Scoring.abc(all, settings);
        assertThat(all.get(1).abcRank).isEqualTo(1);
        assertThat(all.get(0).abcRank).isEqualTo(2);
    }

    @Test
    void rfmQuintilesCountStrictlyWorseCustomersSoTiesShareAScore() {
        // run date = day 100; n = 5 buyers; score = 1 + floor(5 × worse / 5) = 1 + worse
        CustomerFacts c1 = buyer(1, 5, 10, 99, 1000); // recency 1
        CustomerFacts c2 = buyer(2, 3, 10, 90, 500);  // recency 10
        CustomerFacts c3 = buyer(3, 1, 90, 90, 200);  // recency 10 (tie with c2)
        CustomerFacts c4 = buyer(4, 1, 50, 50, 200);  // recency 50, monetary tie with c3
        CustomerFacts c5 = buyer(5, 2, 0, 0, 50);     // recency 100
        CustomerFacts none = new CustomerFacts(6);
        Scoring.rfm(List.of(c5, c3, none, c1, c4, c2), 100);

        // R: worse = longer recency: c1 4 → 5; c2, c3 2 → 3; c4 1 → 2; c5 0 → 1
        // F: worse = fewer purchase days (5,3,1,1,2): c1 4 → 5; c2 3 → 4; c3, c4 0 → 1; c5 2 → 3
        // M: worse = lower spend (1000,500,200,200,50): c1 4 → 5; c2 3 → 4; c3, c4 1 → 2; c5 0 → 1
        assertThat(new int[]{c1.r, c1.f, c1.m}).containsExactly(5, 5, 5);
        assertThat(new int[]{c2.r, c2.f, c2.m}).containsExactly(3, 4, 4);
        assertThat(new int[]{c3.r, c3.f, c3.m}).containsExactly(3, 1, 2);
        assertThat(new int[]{c4.r, c4.f, c4.m}).containsExactly(2, 1, 2);
        assertThat(new int[]{c5.r, c5.f, c5.m}).containsExactly(1, 3, 1);
        assertThat(c2.recencyDays).isEqualTo(10);
        // segments: R5F5 champions; R3F4 loyal; R3F1 potential loyalist (new needs R ≥ 4); R2F1 hibernating;
        // R1F3 at risk
        assertThat(List.of(c1.segment, c2.segment, c3.segment, c4.segment, c5.segment)).containsExactly(
                RfmSegment.CHAMPIONS, RfmSegment.LOYAL, RfmSegment.POTENTIAL_LOYALIST, RfmSegment.HIBERNATING,
                RfmSegment.AT_RISK);
        assertThat(none.r).isZero();
        assertThat(none.segment).isNull();
    }

    @Test
    void everyRfmCellHasOneSegment() {
        assertThat(RfmSegment.of(5, 1)).isEqualTo(RfmSegment.NEW);
        assertThat(RfmSegment.of(4, 2)).isEqualTo(RfmSegment.POTENTIAL_LOYALIST);
        assertThat(RfmSegment.of(1, 5)).isEqualTo(RfmSegment.CANT_LOSE);
        assertThat(RfmSegment.of(2, 5)).isEqualTo(RfmSegment.AT_RISK);
        assertThat(RfmSegment.of(1, 2)).isEqualTo(RfmSegment.LOST);
        Set<RfmSegment> seen = java.util.EnumSet.noneOf(RfmSegment.class);
        for (int r = 1; r <= 5; r++) {
            for (int f = 1; f <= 5; f++) {
                seen.add(RfmSegment.of(r, f));
            }
        }
        assertThat(seen).containsExactlyInAnyOrder(RfmSegment.values());
    }

    @Test
    void retentionIsTheShareOfYearlyActiveCustomersActiveAgainTheYearAfter() {
        CustomerFacts a = new CustomerFacts(1);
        a.activeYears = 0b011; // years 0 and 1
        CustomerFacts b = new CustomerFacts(2);
        b.activeYears = 0b010; // year 1 only
        CustomerFacts c = new CustomerFacts(3);
        c.activeYears = 0b110; // years 1 and 2
        CustomerFacts d = new CustomerFacts(4);
        d.activeYears = 0b100; // year 2 only
        // year 1 → 0: a, b, c active, a again → 1 of 3; year 2 → 1: c, d active, c again → 1 of 2; r = 2 / 5
        assertThat(Scoring.retention(List.of(a, b, c, d), 5, 0.5)).isCloseTo(0.4, within(1e-12));
        assertThat(Scoring.retention(List.of(new CustomerFacts(5)), 5, 0.5)).isEqualTo(0.5);
    }

    @Test
    void dwyerDiscountsTheYearlyMarginKeptWithTheRetentionRate() {
        settings.setHorizonYears(2);
        settings.setDiscountRate(0.25);
        settings.setMargin(0.30);
        // r / (1 + d) = 0.5 / 1.25 = 0.4; Σ_{t=1..2} 0.4^t = 0.4 + 0.16 = 0.56
        // two years of tenure (729 + 1 days / 365), ¥2,000: yearly margin 0.3 × 2000 / 2 = 300 → 300 × 0.56 = 168
        CustomerFacts old = buyer(1, 4, 1000 - 729, 990, 2000_00);
        // 100 days of tenure count as one year: ¥500 → 150 × 0.56 = 84
        CustomerFacts young = buyer(2, 1, 900, 900, 500_00);
        CustomerFacts none = new CustomerFacts(3);
        Scoring.dwyer(List.of(old, young, none), 1000, 0.5, settings);
        assertThat(old.clvDwyer).isEqualTo(168.00);
        assertThat(young.clvDwyer).isEqualTo(84.00);
        assertThat(none.clvDwyer).isZero();
    }

    @Test
    void churnFlagsOverdueRecencyFallingSpendLowPAliveAndOtherModulesSignals() {
        // 3 purchase days from day 0 to day 100: every 50 days; k = 2 → overdue after 100 days
        CustomerFacts overdue = buyer(1, 3, 0, 100, 100_00);
        overdue.recencyDays = 101;
        CustomerFacts onTime = buyer(2, 3, 0, 100, 100_00);
        onTime.recencyDays = 100;
        // spend ¥6.90 against ¥10.00 before: down 31 % > 30 %; ¥7.00 is down exactly 30 %: no warning
        CustomerFacts falling = buyer(3, 1, 0, 0, 100_00);
        falling.previousCents = 1000;
        falling.recentCents = 690;
        CustomerFacts steady = buyer(4, 1, 0, 0, 100_00);
        steady.previousCents = 1000;
        steady.recentCents = 700;
        CustomerFacts unlikely = buyer(5, 1, 0, 0, 100_00);
        unlikely.pAlive = 0.2;
        CustomerFacts complaining = new CustomerFacts(6);

        Scoring.churn(List.of(overdue, onTime, falling, steady, unlikely, complaining), settings,
                Map.of("OPEN_COMPLAINT", Set.of(6L)));

        assertThat(overdue.churnReasons).containsExactly(Scoring.RECENCY_OVERDUE);
        assertThat(onTime.churnReasons).isEmpty();
        assertThat(falling.churnReasons).containsExactly(Scoring.SPEND_DOWN);
        assertThat(steady.churnReasons).isEmpty();
        assertThat(unlikely.churnReasons).containsExactly(Scoring.LOW_P_ALIVE);
        assertThat(complaining.churnReasons).containsExactly("OPEN_COMPLAINT");
    }

    @Test
    void lifecycleStagesFollowTheDocumentedRulesInOrder() {
        int today = 10_000;
        assertThat(stage(new CustomerFacts(1), today)).isEqualTo(LifecycleStage.PROSPECT);
        // one purchase 30 days ago: still acquisition
        assertThat(stage(facts(1, today - 30, today - 30), today)).isEqualTo(LifecycleStage.PROSPECT);
        // last purchase 400 days ago: terminated
        assertThat(stage(facts(5, today - 2000, today - 400), today)).isEqualTo(LifecycleStage.TERMINATED);
        // P(alive) 5 %: terminated even if recent
        CustomerFacts gone = facts(5, today - 2000, today - 10);
        gone.pAlive = 0.05;
        assertThat(stage(gone, today)).isEqualTo(LifecycleStage.TERMINATED);
        // spend down: decline
        CustomerFacts down = facts(10, today - 1000, today - 5);
        down.previousCents = 100_00;
        down.recentCents = 10_00;
        assertThat(stage(down, today)).isEqualTo(LifecycleStage.DECLINE);
        // P(alive) 40 %: decline
        CustomerFacts doubtful = facts(10, today - 1000, today - 5);
        doubtful.pAlive = 0.4;
        assertThat(stage(doubtful, today)).isEqualTo(LifecycleStage.DECLINE);
        // customer for 200 days with several purchases: growth
        assertThat(stage(facts(4, today - 200, today - 3), today)).isEqualTo(LifecycleStage.GROWTH);
        // old customer whose spend rose by more than 20 %: growth
        CustomerFacts rising = facts(20, today - 1000, today - 3);
        rising.previousCents = 100_00;
        rising.recentCents = 130_00;
        assertThat(stage(rising, today)).isEqualTo(LifecycleStage.GROWTH);
        // old customer, steady spend: maturity
        CustomerFacts steady = facts(20, today - 1000, today - 3);
        steady.previousCents = 100_00;
        steady.recentCents = 110_00;
        assertThat(stage(steady, today)).isEqualTo(LifecycleStage.MATURITY);
    }

    private static CustomerFacts facts(int frequency, int first, int last) {
        return buyer(1, frequency, first, last, 1000_00);
    }

    private LifecycleStage stage(CustomerFacts c, int today) {
        c.recencyDays = c.hasPurchases() ? today - c.lastDay : CustomerFacts.NONE;
        Scoring.churn(List.of(c), settings, Map.of());
        return Scoring.stage(c, today, settings);
    }
}
