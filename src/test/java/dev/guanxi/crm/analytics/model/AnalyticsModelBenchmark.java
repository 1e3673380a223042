package dev.guanxi.crm.analytics.model;

import org.hipparchus.random.RandomDataGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Speed of the analytics models; prints the figures for docs/benchmarks.md. Not part of the build:
 * {@code ./mvnw -q -B -o test -Dtest=AnalyticsModelBenchmark -Dbench=true}. Each figure is the median of several
 * runs after warm-up runs (the JIT compiles the hot loops during warm-up).
 */
@EnabledIfSystemProperty(named = "bench", matches = "true")
class AnalyticsModelBenchmark {

    static final int CUSTOMERS = Integer.getInteger("bench.customers", 1_000_000);

    @Test
    void measure() {
        StringBuilder report = new StringBuilder("\n| what | median | runs |\n| --- | --- | --- |\n");

        Datasets.Cdnow cdnow = Datasets.cdnow();
        BgNbd.Fit cdnowFit = time(report, "BG/NBD fit, CDNOW (2,357 customers)", 2, 7,
                () -> BgNbd.fit(cdnow.x(), cdnow.tx(), cdnow.age()));
        assertThat(cdnowFit.parameters().r()).isBetween(0.242, 0.244);
        time(report, "Gamma-Gamma fit, CDNOW (946 customers with repeat purchases)", 2, 7,
                () -> GammaGamma.fit(cdnow.x(), cdnow.zbar()));

        List<int[]> groceries = Datasets.baskets("groceries/groceries.csv", ",").baskets();
        FrequentItemsets.Result itemsets = time(report, "FP-Growth, Groceries (9,835 baskets), support 0.001", 2, 7,
                () -> FrequentItemsets.mine(groceries, 0.001));
        List<AssociationRules.Rule> rules = time(report,
                "FP-Growth + rules, Groceries, support 0.001, confidence 0.5 (5,668 rules)", 2, 7,
                () -> AssociationRules.mine(groceries, AssociationRules.Settings.of(0.001, 0.5)));
        report.append("| (").append(itemsets.itemsets().size()).append(" frequent itemsets, ").append(rules.size())
                .append(" rules) | | |\n");

        // one million synthetic customers in days, simulated from BG/NBD and Gamma-Gamma
        double[] x = new double[CUSTOMERS];
        double[] tx = new double[CUSTOMERS];
        double[] age = new double[CUSTOMERS];
        double[] monetary = new double[CUSTOMERS];
        simulate(x, tx, age, monetary);
        BgNbd.Fit fit = time(report, String.format(Locale.ROOT, "BG/NBD fit, %,d synthetic customers", CUSTOMERS), 1,
                3, () -> BgNbd.fit(x, tx, age));
        GammaGamma.Fit spendFit = time(report, String.format(Locale.ROOT, "Gamma-Gamma fit, %,d synthetic customers",
                CUSTOMERS), 1, 3, () -> GammaGamma.fit(x, monetary));
        BgNbd model = fit.model();
        GammaGamma spend = spendFit.model();
        CustomerLifetimeValue clv = new CustomerLifetimeValue(model, spend,
                CustomerLifetimeValue.Settings.of(12, 0.01, 1, PurchaseSummary.Unit.DAYS));
        double[] out = new double[CUSTOMERS];
        time(report, String.format(Locale.ROOT, "P(alive), %,d customers", CUSTOMERS), 1, 5, () -> {
            for (int i = 0; i < CUSTOMERS; i++) {
                out[i] = model.probabilityAlive(x[i], tx[i], age[i]);
            }
            return out;
        });
        time(report, String.format(Locale.ROOT, "expected purchases next 90 and 365 days, %,d customers", CUSTOMERS),
                1, 5, () -> {
                    for (int i = 0; i < CUSTOMERS; i++) {
                        out[i] = model.conditionalExpectedPurchases(90, x[i], tx[i], age[i])
                                + model.conditionalExpectedPurchases(365, x[i], tx[i], age[i]);
                    }
                    return out;
                });
        time(report, String.format(Locale.ROOT, "CLV (12 monthly steps, Gamma-Gamma spend), %,d customers",
                CUSTOMERS), 1, 3, () -> {
                    for (int i = 0; i < CUSTOMERS; i++) {
                        out[i] = clv.value(x[i], tx[i], age[i], monetary[i]);
                    }
                    return out;
                });
        for (double v : out) {
            assertThat(v).isFinite();
        }

        // k-means on one million standardised 5-feature points (recency, frequency, monetary, CLV, age)
        double[][] features = new double[CUSTOMERS][];
        for (int i = 0; i < CUSTOMERS; i++) {
            features[i] = new double[] {age[i] - tx[i], x[i], monetary[i], out[i], age[i]};
        }
        double[][] z = Standardizer.fit(features).transform(features);
        KMeans.Result clusters = time(report, String.format(Locale.ROOT, "k-means k = 8, %,d × 5 features", CUSTOMERS),
                0, 3, () -> KMeans.fit(z, 8, 42));
        report.append("| (").append(clusters.iterations()).append(" Lloyd iterations, converged ")
                .append(clusters.converged()).append(") | | |\n");
        time(report, "silhouette on a 2,000-point sample", 1, 5,
                () -> Silhouette.score(z, clusters.assignments(), Silhouette.DEFAULT_SAMPLE, 42));
        System.out.println(report);
        System.out.println("fitted on synthetic data: " + fit.parameters() + ", " + spendFit.parameters());
    }

    private static void simulate(double[] x, double[] tx, double[] age, double[] monetary) {
        RandomDataGenerator random = new RandomDataGenerator(1_000_000);
        for (int i = 0; i < x.length; i++) {
            double lambda = random.nextGamma(0.5, 1 / 30.0);
            double p = random.nextBeta(0.8, 2.5);
            double nu = random.nextGamma(4, 1 / 15.0);
            age[i] = Math.floor(random.nextDouble() * 1095);
            double t = 0;
            double spent = 0;
            while (true) {
                t += random.nextExponential(1 / lambda);
                if (t > age[i]) {
                    break;
                }
                x[i]++;
                tx[i] = Math.floor(t);
                spent += random.nextGamma(6, 1 / nu);
                if (random.nextDouble() < p) {
                    break;
                }
            }
            monetary[i] = x[i] > 0 ? spent / x[i] : 0;
        }
    }

    private static <T> T time(StringBuilder report, String what, int warmUps, int runs, Supplier<T> work) {
        for (int i = 0; i < warmUps; i++) {
            work.get();
        }
        double[] seconds = new double[runs];
        T result = null;
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            result = work.get();
            seconds[i] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(seconds);
        double median = seconds[runs / 2];
        String line = String.format(Locale.ROOT, "| %s | %s | %d |%n", what,
                median < 1 ? String.format(Locale.ROOT, "%.0f ms", median * 1000)
                        : String.format(Locale.ROOT, "%.2f s", median), runs);
        System.out.print(line);
        report.append(line);
        return result;
    }
}
