package dev.guanxi.crm.analytics.internal;

import dev.guanxi.crm.analytics.model.BgNbd;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The model step fills P(alive), expected purchases, BG/NBD CLV and clusters from the run's facts. */
class ProbabilisticScoresTest {

    static final LocalDate AS_OF = LocalDate.of(2026, 11, 1);

    /** Customers whose purchases follow BG/NBD (r 0.5, α 10 weeks, a 0.8, b 2.5), as the model assumes. */
    static List<CustomerFacts> customers(int n, long seed) {
        Random random = new Random(seed);
        int asOf = (int) AS_OF.toEpochDay();
        List<CustomerFacts> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double lambda = gamma(random, 0.5) / 10;
            double p = beta(random, 0.8, 2.5);
            CustomerFacts c = new CustomerFacts(i + 1);
            c.firstDay = asOf - 30 - random.nextInt(500);
            java.util.TreeSet<Integer> days = new java.util.TreeSet<>(List.of(c.firstDay));
            double weeks = 0;
            while (true) {
                weeks += -Math.log(1 - random.nextDouble()) / lambda;
                int day = c.firstDay + (int) Math.round(weeks * 7);
                if (day > asOf) {
                    break;
                }
                days.add(day);
                if (random.nextDouble() < p) {
                    break;
                }
            }
            c.frequency = days.size();
            c.lastDay = days.last();
            c.monetaryCents = c.frequency * (5_000L + random.nextInt(50_000));
            c.clvDwyer = 100;
            all.add(c);
        }
        all.add(new CustomerFacts(n + 1)); // no purchases
        return all;
    }

    /** Gamma(shape, 1) by Marsaglia and Tsang (boosted below shape 1). */
    static double gamma(Random random, double shape) {
        if (shape < 1) {
            return gamma(random, shape + 1) * Math.pow(random.nextDouble(), 1 / shape);
        }
        double d = shape - 1.0 / 3, c = 1 / Math.sqrt(9 * d);
        while (true) {
            double z = random.nextGaussian(), v = Math.pow(1 + c * z, 3);
            if (v > 0 && Math.log(random.nextDouble()) < 0.5 * z * z + d - d * v + d * Math.log(v)) {
                return d * v;
            }
        }
    }

    static double beta(Random random, double a, double b) {
        double x = gamma(random, a);
        return x / (x + gamma(random, b));
    }

    @Test
    void aValueThatIsNotFiniteIsLeftOutAndTheRunStillClusters() {
        // one purchase each: BG/NBD finds no finite maximum, so the clusters use the Dwyer CLV
        int asOf = (int) AS_OF.toEpochDay();
        List<CustomerFacts> all = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            CustomerFacts c = new CustomerFacts(i + 1);
            c.firstDay = asOf - 10 - i * 7;
            c.lastDay = c.firstDay;
            c.frequency = 1;
            c.monetaryCents = 10_000L + i * 1_000L;
            c.clvDwyer = 100 + i;
            all.add(c);
        }
        CustomerFacts odd = all.get(12);
        odd.clvDwyer = Double.NaN; // as an overflowing retention formula or model value could give
        new ProbabilisticScores(new AnalyticsSettings(), 4).enrich(all, AS_OF);

        assertThat(odd.clusterId).as("clustered, not failed").isNotNull();
        for (CustomerFacts c : all) {
            for (Double v : new Double[] {c.pAlive, c.expectedPurchases90, c.expectedPurchases365, c.clvBgnbd}) {
                assertThat(v == null || Double.isFinite(v)).as("customer %d: %s", c.customerId, v).isTrue();
            }
        }
    }

    @Test
    void fillsTheModelScoresAsTheFittedModelGivesThem() {
        List<CustomerFacts> all = customers(2000, 7);
        new ProbabilisticScores(new AnalyticsSettings(), 4).enrich(all, AS_OF);

        int asOf = (int) AS_OF.toEpochDay();
        double[] x = all.stream().filter(CustomerFacts::hasPurchases).mapToDouble(c -> c.frequency - 1).toArray();
        double[] age = all.stream().filter(CustomerFacts::hasPurchases).mapToDouble(c -> (asOf - c.firstDay) / 7.0).toArray();
        double[] tx = all.stream().filter(CustomerFacts::hasPurchases)
                .mapToDouble(c -> c.frequency == 1 ? 0 : (c.lastDay - c.firstDay) / 7.0).toArray();
        BgNbd model = BgNbd.fit(x, tx, age).model();
        for (int i = 0; i < 2000; i++) {
            CustomerFacts c = all.get(i);
            assertThat(c.pAlive).isCloseTo(model.probabilityAlive(x[i], tx[i], age[i]), within(1e-9));
            assertThat(c.expectedPurchases365).isCloseTo(
                    model.conditionalExpectedPurchases(365 / 7.0, x[i], tx[i], age[i]), within(1e-9));
            assertThat(c.expectedPurchases90).isLessThanOrEqualTo(c.expectedPurchases365);
            assertThat(c.clvBgnbd).isPositive();
            assertThat(c.clusterId).isBetween(1, 4);
            if (c.frequency == 1) {
                assertThat(c.pAlive).as("no repeat purchase: alive by the model's assumption").isEqualTo(1.0);
            }
        }
        CustomerFacts none = all.get(2000);
        assertThat(none.pAlive).isNull();
        assertThat(none.clusterId).isNull();
    }

    @Test
    void tooFewBuyersLeaveTheColumnsEmpty() {
        List<CustomerFacts> few = customers(ProbabilisticScores.MIN_CUSTOMERS - 1, 3);
        new ProbabilisticScores(new AnalyticsSettings(), 5).enrich(few, AS_OF);
        assertThat(few).allSatisfy(c -> {
            assertThat(c.pAlive).isNull();
            assertThat(c.clvBgnbd).isNull();
            assertThat(c.clusterId).isNull();
        });
    }

    @Test
    void theSameFactsGiveTheSameClusters() {
        List<CustomerFacts> a = customers(1000, 11);
        List<CustomerFacts> b = customers(1000, 11);
        new ProbabilisticScores(new AnalyticsSettings(), 5).enrich(a, AS_OF);
        new ProbabilisticScores(new AnalyticsSettings(), 5).enrich(b, AS_OF);
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i).clusterId).isEqualTo(b.get(i).clusterId);
        }
    }
}
