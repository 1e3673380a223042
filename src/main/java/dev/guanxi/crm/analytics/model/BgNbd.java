package dev.guanxi.crm.analytics.model;

import org.hipparchus.special.Gamma;

import java.util.Arrays;

import static dev.guanxi.crm.analytics.model.SpecialFunctions.checkCustomer;
import static dev.guanxi.crm.analytics.model.SpecialFunctions.checkLengths;
import static dev.guanxi.crm.analytics.model.SpecialFunctions.hyp2f1;
import static dev.guanxi.crm.analytics.model.SpecialFunctions.logSumExp;
import static dev.guanxi.crm.analytics.model.SpecialFunctions.requireNonNegative;
import static dev.guanxi.crm.analytics.model.SpecialFunctions.requirePositive;

/**
 * The BG/NBD model of repeat buying (Fader, Hardie and Lee 2005, "Counting Your Customers the Easy Way: An
 * Alternative to the Pareto/NBD Model", Marketing Science 24(2)). While alive a customer buys at a Poisson rate λ,
 * λ ~ Gamma(r, α) across customers; after each purchase the customer drops out with probability p,
 * p ~ Beta(a, b).
 *
 * <p>A customer is summarised by {@code x} (number of repeat purchases: distinct purchase days − 1), {@code t_x}
 * (time of the last purchase, counted from the first purchase) and {@code T} (time from the first purchase to the
 * end of the calibration period), all in one time unit (see {@link PurchaseSummary}). Fit once with
 * {@link #fit(double[], double[], double[])}, then evaluate per customer: the instance methods are allocation-free
 * and use only logarithms, so they stay finite for very large x. The formulas are those of the paper and of the
 * reference implementation, the Python library lifetimes ({@code BetaGeoFitter}).
 */
public final class BgNbd {

    /** The model's parameters: r and α of the Gamma purchase-rate mixing, a and b of the Beta dropout mixing. */
    public record Parameters(double r, double alpha, double a, double b) {
        /** @throws IllegalArgumentException unless all four are positive and finite */
        public Parameters {
            requirePositive("r", r);
            requirePositive("alpha", alpha);
            requirePositive("a", a);
            requirePositive("b", b);
        }
    }

    /**
     * The result of a maximum-likelihood fit.
     *
     * @param parameters    the estimates
     * @param logLikelihood the maximised log-likelihood (sum over customers, as published in the paper)
     * @param customers     the number of customers fitted
     * @param iterations    BFGS iterations used (−1 when the Nelder-Mead fallback was needed)
     */
    public record Fit(Parameters parameters, double logLikelihood, int customers, int iterations) {

        /** The fitted model, ready to score customers. */
        public BgNbd model() {
            return new BgNbd(parameters);
        }
    }

    /** Customers in the subsample whose fit starts the fit of a large data set. */
    private static final int WARM_START_SAMPLE = 25_000;

    private final Parameters parameters;
    private final double r;
    private final double alpha;
    private final double a;
    private final double b;
    /** a − 1, nudged away from 0 where the closed forms have a removable singularity. */
    private final double aMinusOne;
    private final double logA;
    private final double logAlpha;
    private final double logBetaAB;
    private final double logGammaR;

    private BgNbd(Parameters parameters) {
        this.parameters = parameters;
        this.r = parameters.r();
        this.alpha = parameters.alpha();
        this.a = parameters.a();
        this.b = parameters.b();
        double am1 = a - 1;
        this.aMinusOne = Math.abs(am1) < 1e-7 ? Math.copySign(1e-7, am1) : am1;
        this.logA = Math.log(a);
        this.logAlpha = Math.log(alpha);
        this.logBetaAB = logBeta(a, b);
        this.logGammaR = Gamma.logGamma(r);
    }

    /** A model with known parameters (for example stored from an earlier fit). */
    public static BgNbd of(Parameters parameters) {
        return new BgNbd(parameters);
    }

    /** The model's parameters. */
    public Parameters parameters() {
        return parameters;
    }

    /**
     * Fits r, α, a, b by maximum likelihood, optimising over the logarithms of the parameters (BFGS on the analytic
     * gradient, Hipparchus Nelder-Mead as fallback). The log-gamma terms are computed once per distinct x and the
     * per-customer sums run in parallel chunks; above 100,000 customers the fit starts from the fit of an evenly
     * spaced 25,000-customer subsample (point and inverse Hessian), so a million customers take about ten passes.
     *
     * @param x  repeat purchases per customer (whole numbers ≥ 0)
     * @param tx recency t_x per customer (0 ≤ t_x ≤ T, 0 when x = 0)
     * @param age T per customer
     * @throws IllegalArgumentException if the arrays differ in length, are empty, or a customer is invalid
     * @throws ModelFitException        if the likelihood has no finite maximum (for example nobody bought again)
     */
    public static Fit fit(double[] x, double[] tx, double[] age) {
        Likelihood likelihood = new Likelihood(x, tx, age);
        double meanX = 0;
        double meanAge = 0;
        for (int i = 0; i < x.length; i++) {
            meanX += x[i];
            meanAge += age[i];
        }
        if (meanX == 0) {
            throw new ModelFitException("BG/NBD fit needs at least one customer with a repeat purchase (all x are 0)");
        }
        // start at r = a = b = 1 and α matching the mean purchase rate, whatever the time unit
        double startAlpha = meanAge > 0 ? meanAge / meanX : 1;
        double[] start = {0, Math.log(startAlpha), 0, 0};
        double[][] inverseHessian = null;
        if (x.length > 4 * WARM_START_SAMPLE) {
            // start a large fit from the fit on an evenly spaced subsample: far fewer passes over all customers
            int step = x.length / WARM_START_SAMPLE;
            int m = x.length / step;
            double[] sx = new double[m];
            double[] stx = new double[m];
            double[] sage = new double[m];
            for (int j = 0; j < m; j++) {
                sx[j] = x[j * step];
                stx[j] = tx[j * step];
                sage[j] = age[j * step];
            }
            try {
                // the objective is a mean, so the subsample's inverse Hessian also fits the full data
                Minimizer.Result warm = Minimizer.minimize(new Likelihood(sx, stx, sage), start, 1e-9, "BG/NBD");
                Minimizer.requireInterior(warm.point(), "BG/NBD", "r, alpha, a, b");
                start = warm.point();
                inverseHessian = warm.inverseHessian();
            } catch (ModelFitException e) {
                // the subsample does not identify the model (say, too few repeat purchases): start from the default
            }
        }
        Minimizer.Result result = Minimizer.minimize(likelihood, start, inverseHessian, 1e-9, "BG/NBD");
        double[] p = result.point();
        Minimizer.requireInterior(p, "BG/NBD", "r, alpha, a, b");
        Parameters parameters = new Parameters(Math.exp(p[0]), Math.exp(p[1]), Math.exp(p[2]), Math.exp(p[3]));
        return new Fit(parameters, -result.value() * x.length, x.length, result.iterations());
    }

    /** The log-likelihood of the given customers under the given parameters (sum over customers). */
    public static double logLikelihood(Parameters parameters, double[] x, double[] tx, double[] age) {
        Likelihood likelihood = new Likelihood(x, tx, age);
        double[] point = {Math.log(parameters.r()), Math.log(parameters.alpha()), Math.log(parameters.a()),
                Math.log(parameters.b())};
        return -likelihood.valueAndGradient(point, new double[4]) * x.length;
    }

    /** One customer's log-likelihood (equation 6 of the paper, in log space). */
    public double logLikelihood(double x, double tx, double age) {
        checkCustomer(x, tx, age);
        double first = Gamma.logGamma(r + x) - logGammaR + r * logAlpha + logBeta(a, b + x) - logBetaAB;
        double noDropout = -(r + x) * Math.log(alpha + age);
        if (x == 0) {
            return first + noDropout;
        }
        double droppedAfterLast = logA - Math.log(b + x - 1) - (r + x) * Math.log(alpha + tx);
        return first + logSumExp(noDropout, droppedAfterLast);
    }

    /**
     * P(alive | x, t_x, T): the probability that the customer has not dropped out by T. It is 1 when x = 0 (the
     * model only lets a customer drop out right after a purchase, so one who never bought again is alive), as in the
     * paper and lifetimes.
     */
    public double probabilityAlive(double x, double tx, double age) {
        checkCustomer(x, tx, age);
        return aliveUnchecked(x, tx, age);
    }

    /** P(alive) without argument checks. */
    double aliveUnchecked(double x, double tx, double age) {
        if (x == 0) {
            return 1;
        }
        // 1 / (1 + a/(b+x-1) * ((α+T)/(α+t_x))^(r+x)), the power taken in logs
        double logOdds = (r + x) * (Math.log(alpha + age) - Math.log(alpha + tx)) + logA - Math.log(b + x - 1);
        if (logOdds > 0) {
            double e = Math.exp(-logOdds);
            return e / (1 + e);
        }
        return 1 / (1 + Math.exp(logOdds));
    }

    /** E[X(t)]: the expected number of repeat purchases in (0, t] of a customer who made the first purchase at 0. */
    public double expectedPurchases(double t) {
        requireNonNegative("t", t);
        return conditionalUnchecked(t, 0, 0, 0);
    }

    /**
     * E[Y(t) | x, t_x, T]: the expected number of purchases in the next t time units (T, T + t] of a customer with
     * the given history (equation 10 of the paper). The Gaussian hypergeometric function is taken after Euler's
     * transformation, 2F1(r+x, b+x; a+b+x−1; z) = (1−z)^(a−1−r−x) 2F1(a+b−1−r, a−1; a+b+x−1; z), whose series has
     * small numerator parameters and converges fast for any x, so that no power of (r + x) is formed.
     */
    public double conditionalExpectedPurchases(double t, double x, double tx, double age) {
        requireNonNegative("t", t);
        checkCustomer(x, tx, age);
        return conditionalUnchecked(t, x, tx, age);
    }

    private double conditionalUnchecked(double t, double x, double tx, double age) {
        return purchasesIfAlive(t, x, age) * aliveUnchecked(x, tx, age);
    }

    /**
     * E[Y(t) | x, T, alive at T]: the expected purchases in the next t of a customer known to be alive (the
     * conditional expectation without its P(alive) factor); for callers that evaluate several t per customer.
     * Arguments are not checked.
     */
    double purchasesIfAlive(double t, double x, double age) {
        if (t == 0) {
            return 0;
        }
        double z = t / (alpha + age + t);
        double logOneMinusZ = -Math.log1p(t / (alpha + age));
        double c = a + b + x - 1;
        double hyp = hyp2f1(a + b - 1 - r, aMinusOne, c, z);
        double remaining = -Math.expm1(aMinusOne * logOneMinusZ + Math.log(hyp));
        return c / aMinusOne * remaining;
    }

    /**
     * P(X(t) = n): the probability that a customer makes exactly n repeat purchases in (0, t] after the first
     * purchase (equation 8 of the paper; the finite sum of negative-binomial terms needs no hypergeometric function).
     */
    public double probabilityOfPurchases(int n, double t) {
        if (n < 0) {
            throw new IllegalArgumentException("number of purchases n must not be negative, was " + n);
        }
        requireNonNegative("t", t);
        if (t == 0) {
            return n == 0 ? 1 : 0;
        }
        double logRatio = logAlpha - Math.log(alpha + t); // log(α/(α+t))
        double logZ = Math.log(t) - Math.log(alpha + t); // log(t/(α+t))
        double first = Math.exp(logBeta(a, b + n) - logBetaAB + Gamma.logGamma(r + n) - logGammaR
                - Gamma.logGamma(n + 1.0) + r * logRatio + n * logZ);
        if (n == 0) {
            return first;
        }
        // P(NB count < n) = (α/(α+t))^r Σ_{j<n} Γ(r+j)/(Γ(r) j!) (t/(α+t))^j, summed with a term recurrence
        double z = Math.exp(logZ);
        double term = Math.exp(r * logRatio);
        double below = 0;
        for (int j = 0; j < n; j++) {
            below += term;
            term *= (r + j) / (j + 1) * z;
        }
        double second = Math.exp(logBeta(a + 1, b + n - 1) - logBetaAB) * Math.max(0, 1 - below);
        return first + second;
    }

    static double logBeta(double p, double q) {
        return Gamma.logGamma(p) + Gamma.logGamma(q) - Gamma.logGamma(p + q);
    }

    /** The mean negative log-likelihood over log-parameters, with its gradient, for the optimiser. */
    private static final class Likelihood implements Minimizer.Objective {
        private final double[] tx;
        private final double[] age;
        /** Distinct values of x, and per customer the index of its x there. */
        private final double[] xs;
        private final int[] xIndex;
        private final int[] xCount;
        private final double[] perX;
        private final double[] perXr;
        private final double[] perXa;
        private final double[] perXb;
        private final double[] logBx;

        Likelihood(double[] x, double[] tx, double[] age) {
            checkLengths("x, t_x and T", x.length, tx.length, age.length);
            for (int i = 0; i < x.length; i++) {
                checkCustomer(x[i], tx[i], age[i]);
            }
            this.tx = tx;
            this.age = age;
            double[] sorted = x.clone();
            Arrays.sort(sorted);
            int distinct = 0;
            for (int i = 0; i < sorted.length; i++) {
                if (i == 0 || sorted[i] != sorted[i - 1]) {
                    sorted[distinct++] = sorted[i];
                }
            }
            this.xs = Arrays.copyOf(sorted, distinct);
            this.xIndex = new int[x.length];
            this.xCount = new int[distinct];
            for (int i = 0; i < x.length; i++) {
                int k = Arrays.binarySearch(xs, x[i]);
                xIndex[i] = k;
                xCount[k]++;
            }
            this.perX = new double[distinct];
            this.perXr = new double[distinct];
            this.perXa = new double[distinct];
            this.perXb = new double[distinct];
            this.logBx = new double[distinct];
        }

        @Override
        public double valueAndGradient(double[] point, double[] gradient) {
            double r = Math.exp(point[0]);
            double alpha = Math.exp(point[1]);
            double a = Math.exp(point[2]);
            double b = Math.exp(point[3]);
            if (!(r > 0 && alpha > 0 && a > 0 && b > 0) || !Double.isFinite(r + alpha + a + b)) {
                return Double.NaN;
            }
            double logAlpha = Math.log(alpha);
            double logA = Math.log(a);
            double lgR = Gamma.logGamma(r);
            double lgB = Gamma.logGamma(b);
            double lgAB = Gamma.logGamma(a + b);
            double psiR = Gamma.digamma(r);
            double psiB = Gamma.digamma(b);
            double psiAB = Gamma.digamma(a + b);
            // terms that depend on the customer only through x, once per distinct x; the r·log α term is added here
            double total = 0;
            double gR = 0;
            double gAlpha = 0;
            double gA = 0;
            double gB = 0;
            for (int k = 0; k < xs.length; k++) {
                double x = xs[k];
                double count = xCount[k];
                if (x == 0) {
                    perX[k] = r * logAlpha;
                    perXr[k] = logAlpha;
                    perXa[k] = 0;
                    perXb[k] = 0;
                } else {
                    perX[k] = Gamma.logGamma(r + x) - lgR + r * logAlpha + lgAB + Gamma.logGamma(b + x) - lgB
                            - Gamma.logGamma(a + b + x);
                    double psiABx = Gamma.digamma(a + b + x);
                    perXr[k] = Gamma.digamma(r + x) - psiR + logAlpha;
                    perXa[k] = psiAB - psiABx;
                    perXb[k] = psiAB + Gamma.digamma(b + x) - psiB - psiABx;
                    logBx[k] = Math.log(b + x - 1);
                }
                total += count * perX[k];
                gR += count * perXr[k];
                gA += count * perXa[k];
                gB += count * perXb[k];
                gAlpha += count * r / alpha;
            }
            double[] sums = Chunks.sum(tx.length, 5, (from, to, partial) -> {
                double sTotal = 0;
                double sR = 0;
                double sAlpha = 0;
                double sA = 0;
                double sB = 0;
                for (int i = from; i < to; i++) {
                    int k = xIndex[i];
                    double x = xs[k];
                    double rx = r + x;
                    double logT = Math.log(alpha + age[i]);
                    double noDropout = -rx * logT;
                    if (x == 0) {
                        sTotal += noDropout;
                        sR -= logT;
                        sAlpha -= rx / (alpha + age[i]);
                        continue;
                    }
                    double logTx = Math.log(alpha + tx[i]);
                    double dropped = logA - logBx[k] - rx * logTx;
                    // log-sum-exp with one exponential: e = exp(smaller − larger) ≤ 1
                    double w4;
                    if (dropped > noDropout) {
                        double e = Math.exp(noDropout - dropped);
                        sTotal += dropped + Math.log1p(e);
                        w4 = 1 / (1 + e);
                    } else {
                        double e = Math.exp(dropped - noDropout);
                        sTotal += noDropout + Math.log1p(e);
                        w4 = e / (1 + e);
                    }
                    double w3 = 1 - w4;
                    sR -= w3 * logT + w4 * logTx;
                    sAlpha -= rx * (w3 / (alpha + age[i]) + w4 / (alpha + tx[i]));
                    sA += w4 / a;
                    sB -= w4 / (b + x - 1);
                }
                partial[0] += sTotal;
                partial[1] += sR;
                partial[2] += sAlpha;
                partial[3] += sA;
                partial[4] += sB;
            });
            total += sums[0];
            gR += sums[1];
            gAlpha += sums[2];
            gA += sums[3];
            gB += sums[4];
            double n = tx.length;
            gradient[0] = -gR * r / n;
            gradient[1] = -gAlpha * alpha / n;
            gradient[2] = -gA * a / n;
            gradient[3] = -gB * b / n;
            return -total / n;
        }
    }
}
