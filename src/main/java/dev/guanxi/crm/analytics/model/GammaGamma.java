package dev.guanxi.crm.analytics.model;

import org.hipparchus.special.Gamma;

import static dev.guanxi.crm.analytics.model.SpecialFunctions.checkLengths;
import static dev.guanxi.crm.analytics.model.SpecialFunctions.requireNonNegative;
import static dev.guanxi.crm.analytics.model.SpecialFunctions.requirePositive;

/**
 * The Gamma-Gamma model of monetary value (Fader and Hardie 2013, "The Gamma-Gamma Model of Monetary Value"; Colombo
 * and Jiang 1999). A customer's transaction values are Gamma(p, ν) distributed; ν ~ Gamma(q, γ) across customers. It
 * is fitted on the customers with at least one repeat purchase, from x (number of repeat purchases) and m (the mean
 * value of those repeat purchases), and gives each customer's expected average transaction value, shrinking the
 * observed mean towards the population mean the fewer purchases there are.
 *
 * <p>As in the note and lifetimes, spend is assumed independent of the purchase process. Parameter names follow the
 * note: p, q and γ (lifetimes calls γ "v").
 */
public final class GammaGamma {

    /** The model's parameters p, q and γ (gamma). */
    public record Parameters(double p, double q, double gamma) {
        /** @throws IllegalArgumentException unless all three are positive and finite */
        public Parameters {
            requirePositive("p", p);
            requirePositive("q", q);
            requirePositive("gamma", gamma);
        }
    }

    /**
     * The result of a maximum-likelihood fit.
     *
     * @param parameters    the estimates
     * @param logLikelihood the maximised log-likelihood (sum over the customers fitted)
     * @param customers     the number of customers fitted (those with x &gt; 0)
     * @param iterations    BFGS iterations used (−1 when the Nelder-Mead fallback was needed)
     */
    public record Fit(Parameters parameters, double logLikelihood, int customers, int iterations) {

        /** The fitted model. */
        public GammaGamma model() {
            return new GammaGamma(parameters);
        }
    }

    private final Parameters parameters;
    private final double populationMean;

    private GammaGamma(Parameters parameters) {
        this.parameters = parameters;
        this.populationMean = parameters.p() * parameters.gamma() / (parameters.q() - 1);
    }

    /** A model with known parameters. */
    public static GammaGamma of(Parameters parameters) {
        return new GammaGamma(parameters);
    }

    /** The model's parameters. */
    public Parameters parameters() {
        return parameters;
    }

    /**
     * Fits p, q and γ by maximum likelihood over the log-parameters. Customers with x = 0 are skipped (their mean
     * repeat spend is undefined), as in the note and lifetimes.
     *
     * @param x        repeat purchases per customer (whole numbers ≥ 0)
     * @param monetary mean value of the repeat purchases per customer; must be &gt; 0 where x &gt; 0
     * @throws IllegalArgumentException if the arrays differ in length, a value is invalid, or fewer than two customers
     *                                  have repeat purchases
     * @throws ModelFitException        if the likelihood has no finite maximum (for example all spends equal)
     */
    public static Fit fit(double[] x, double[] monetary) {
        Likelihood likelihood = Likelihood.over(x, monetary);
        int n = likelihood.x.length;
        if (n < 2) {
            throw new IllegalArgumentException("Gamma-Gamma fit needs at least two customers with repeat purchases, had "
                    + n);
        }
        double sum = 0;
        for (double m : likelihood.m) {
            sum += m;
        }
        // start at p = 1, q = 2 (finite mean) and γ matching the mean spend: E[M] = p γ / (q − 1)
        double[] start = {0, Math.log(2), Math.log(sum / n)};
        Minimizer.Result result = Minimizer.minimize(likelihood, start, 1e-9, "Gamma-Gamma");
        double[] point = result.point();
        Minimizer.requireInterior(point, "Gamma-Gamma", "p, q, gamma");
        Parameters parameters = new Parameters(Math.exp(point[0]), Math.exp(point[1]), Math.exp(point[2]));
        return new Fit(parameters, -result.value() * n, n, result.iterations());
    }

    /** The log-likelihood of the customers with x &gt; 0 under the given parameters (sum over those customers). */
    public static double logLikelihood(Parameters parameters, double[] x, double[] monetary) {
        Likelihood likelihood = Likelihood.over(x, monetary);
        double[] point = {Math.log(parameters.p()), Math.log(parameters.q()), Math.log(parameters.gamma())};
        return -likelihood.valueAndGradient(point, new double[3]) * likelihood.x.length;
    }

    /**
     * E[M | x, m]: the expected average transaction value of a customer with x repeat purchases of mean value m,
     * a weighted mean of the population mean p γ / (q − 1) and m, with weight p x / (p x + q − 1) on m. For x = 0 it
     * is the population mean. Requires q &gt; 1 (a finite population mean).
     */
    public double conditionalExpectedAverageSpend(double x, double monetary) {
        check(x, monetary);
        double p = parameters.p();
        double q = parameters.q();
        if (!(q > 1)) {
            throw new IllegalStateException("q = " + q + " ≤ 1: the fitted spend distribution has no finite mean");
        }
        double weight = p * x / (p * x + q - 1);
        return (1 - weight) * populationMean + weight * monetary;
    }

    /** The mean transaction value across customers, p γ / (q − 1) (infinite when q ≤ 1). */
    public double populationMeanSpend() {
        return parameters.q() > 1 ? populationMean : Double.POSITIVE_INFINITY;
    }

    private static void check(double x, double monetary) {
        requireNonNegative("frequency x", x);
        if (x != Math.rint(x)) {
            throw new IllegalArgumentException("frequency x must be a whole number of repeat purchases, was " + x);
        }
        requireNonNegative("monetary value", monetary);
        if (x > 0 && monetary == 0) {
            throw new IllegalArgumentException("monetary value must be positive for a customer with repeat purchases "
                    + "(exclude customers whose repeat purchases were all free)");
        }
    }

    /** Mean negative log-likelihood over (log p, log q, log γ) with its gradient. */
    private static final class Likelihood implements Minimizer.Objective {
        private final double[] x;
        private final double[] m;
        private final double[] logM;
        private final double[] logX;

        /** The likelihood over the customers with x &gt; 0, after checking every customer. */
        static Likelihood over(double[] x, double[] monetary) {
            checkLengths("x and monetary", x.length, monetary.length);
            int n = 0;
            for (int i = 0; i < x.length; i++) {
                check(x[i], monetary[i]);
                if (x[i] > 0) {
                    n++;
                }
            }
            double[] xs = new double[n];
            double[] ms = new double[n];
            for (int i = 0, j = 0; i < x.length; i++) {
                if (x[i] > 0) {
                    xs[j] = x[i];
                    ms[j++] = monetary[i];
                }
            }
            return new Likelihood(xs, ms);
        }

        private Likelihood(double[] xs, double[] ms) {
            // order the customers by x so that the gamma functions of p·x are computed once per distinct x
            long[] order = new long[xs.length];
            for (int i = 0; i < xs.length; i++) {
                order[i] = ((long) xs[i] << 32) | i;
            }
            java.util.Arrays.sort(order);
            this.x = new double[xs.length];
            this.m = new double[xs.length];
            this.logM = new double[xs.length];
            this.logX = new double[xs.length];
            for (int k = 0; k < order.length; k++) {
                int i = (int) order[k];
                x[k] = xs[i];
                m[k] = ms[i];
                logM[k] = Math.log(ms[i]);
                logX[k] = Math.log(xs[i]);
            }
        }

        @Override
        public double valueAndGradient(double[] point, double[] gradient) {
            double p = Math.exp(point[0]);
            double q = Math.exp(point[1]);
            double g = Math.exp(point[2]);
            if (!(p > 0 && q > 0 && g > 0) || !Double.isFinite(p + q + g)) {
                return Double.NaN;
            }
            double logG = Math.log(g);
            double lgQ = Gamma.logGamma(q);
            double psiQ = Gamma.digamma(q);
            double[] sums = Chunks.sum(x.length, 4, (from, to, partial) -> {
                // customers are ordered by x: the gamma functions of p·x change only between runs of equal x
                double lastX = -1;
                double lg = 0;
                double psiPxq = 0;
                double psiPx = 0;
                for (int i = from; i < to; i++) {
                    double xi = x[i];
                    double px = p * xi;
                    if (xi != lastX) {
                        lg = Gamma.logGamma(px + q) - Gamma.logGamma(px) - lgQ;
                        psiPxq = Gamma.digamma(px + q);
                        psiPx = Gamma.digamma(px);
                        lastX = xi;
                    }
                    double denominator = xi * m[i] + g;
                    double logDen = Math.log(denominator);
                    partial[0] += lg + q * logG + (px - 1) * logM[i] + px * logX[i] - (px + q) * logDen;
                    partial[1] += xi * (psiPxq - psiPx + logM[i] + logX[i] - logDen);
                    partial[2] += psiPxq - psiQ + logG - logDen;
                    partial[3] += q / g - (px + q) / denominator;
                }
            });
            double total = sums[0];
            double dp = sums[1];
            double dq = sums[2];
            double dg = sums[3];
            double n = x.length;
            gradient[0] = -dp * p / n;
            gradient[1] = -dq * q / n;
            gradient[2] = -dg * g / n;
            return -total / n;
        }
    }
}
