package dev.guanxi.crm.analytics.model;

import org.hipparchus.random.RandomDataGenerator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Fits BG/NBD and Gamma-Gamma on data simulated from known parameters (seeded, so the outcome is fixed) and checks
 * that the true parameters are recovered. Tolerance: each estimate must lie within 4 asymptotic standard errors of
 * the truth (standard errors from the observed information at the estimate, see {@link Fisher}); a correct
 * estimator misses that by chance with probability below 1e-4 per parameter. To make sure the check has teeth, the
 * standard errors themselves must be small (below 20% of the parameter), so a wrong likelihood cannot pass.
 */
class ParameterRecoveryTest {

    @Test
    void recoversBgNbdParametersFromSimulatedCustomers() {
        double r = 0.5;
        double alpha = 6;
        double a = 0.8;
        double b = 2.5;
        double[][] data = simulateBgNbd(r, alpha, a, b, 6000, 20051);
        double[] x = data[0];
        double[] tx = data[1];
        double[] age = data[2];
        BgNbd.Fit fit = BgNbd.fit(x, tx, age);
        BgNbd.Parameters est = fit.parameters();
        double[] estimate = {est.r(), est.alpha(), est.a(), est.b()};
        double[] errors = Fisher.standardErrors(v -> BgNbd.logLikelihood(new BgNbd.Parameters(v[0], v[1], v[2], v[3]),
                x, tx, age), estimate);
        double[] truth = {r, alpha, a, b};
        System.out.printf("BG/NBD recovery: estimate %s, s.e. %s%n", java.util.Arrays.toString(estimate),
                java.util.Arrays.toString(errors));
        for (int k = 0; k < 4; k++) {
            assertThat(errors[k]).isLessThan(0.2 * truth[k]);
            assertThat(Math.abs(estimate[k] - truth[k])).as("parameter %d", k).isLessThan(4 * errors[k]);
        }
    }

    @Test
    void aLargeFitStartedFromASubsampleReachesTheMaximumOfTheFullData() {
        // above 100,000 customers the fit starts from a subsample's optimum; it must still end at the full data's
        // maximum: every small move of a parameter lowers the full log-likelihood
        double[][] data = simulateBgNbd(0.5, 6, 0.8, 2.5, 120_000, 7);
        BgNbd.Fit fit = BgNbd.fit(data[0], data[1], data[2]);
        // the sums run in parallel chunks, added in a fixed order: a second fit gives exactly the same result
        assertThat(BgNbd.fit(data[0], data[1], data[2])).isEqualTo(fit);
        BgNbd.Parameters p = fit.parameters();
        double[] at = {p.r(), p.alpha(), p.a(), p.b()};
        assertThat(BgNbd.logLikelihood(p, data[0], data[1], data[2])).isCloseTo(fit.logLikelihood(), within(1e-6));
        for (int k = 0; k < 4; k++) {
            for (double sign : new double[] {-1, 1}) {
                double[] moved = at.clone();
                moved[k] *= 1 + sign * 1e-3;
                double ll = BgNbd.logLikelihood(new BgNbd.Parameters(moved[0], moved[1], moved[2], moved[3]), data[0],
                        data[1], data[2]);
                assertThat(ll).as("parameter %d moved by %s per mille", k, sign).isLessThan(fit.logLikelihood());
            }
        }
    }

    /** n customers simulated from BG/NBD, T uniform over one to two years in weeks; returns {x, t_x, T}. */
    static double[][] simulateBgNbd(double r, double alpha, double a, double b, int n, long seed) {
        RandomDataGenerator random = new RandomDataGenerator(seed);
        double[] x = new double[n];
        double[] tx = new double[n];
        double[] age = new double[n];
        for (int i = 0; i < n; i++) {
            double lambda = random.nextGamma(r, 1 / alpha);
            double p = random.nextBeta(a, b);
            age[i] = 52 + 52 * random.nextDouble();
            double t = 0;
            while (true) {
                t += random.nextExponential(1 / lambda);
                if (t > age[i]) {
                    break;
                }
                x[i]++;
                tx[i] = t;
                if (random.nextDouble() < p) { // drops out right after this repeat purchase
                    break;
                }
            }
        }
        return new double[][] {x, tx, age};
    }

    @Test
    void recoversGammaGammaParametersFromSimulatedSpend() {
        double p = 6;
        double q = 4;
        double gamma = 15;
        int n = 5000;
        RandomDataGenerator random = new RandomDataGenerator(2013);
        double[] x = new double[n];
        double[] m = new double[n];
        for (int i = 0; i < n; i++) {
            double nu = random.nextGamma(q, 1 / gamma);
            x[i] = 1 + random.nextInt(0, 9);
            double sum = 0;
            for (int j = 0; j < x[i]; j++) {
                sum += random.nextGamma(p, 1 / nu);
            }
            m[i] = sum / x[i];
        }
        GammaGamma.Fit fit = GammaGamma.fit(x, m);
        GammaGamma.Parameters est = fit.parameters();
        double[] estimate = {est.p(), est.q(), est.gamma()};
        double[] errors = Fisher.standardErrors(
                v -> GammaGamma.logLikelihood(new GammaGamma.Parameters(v[0], v[1], v[2]), x, m), estimate);
        double[] truth = {p, q, gamma};
        System.out.printf("Gamma-Gamma recovery: estimate %s, s.e. %s%n", java.util.Arrays.toString(estimate),
                java.util.Arrays.toString(errors));
        for (int k = 0; k < 3; k++) {
            assertThat(errors[k]).isLessThan(0.2 * truth[k]);
            assertThat(Math.abs(estimate[k] - truth[k])).as("parameter %d", k).isLessThan(4 * errors[k]);
        }
    }
}
