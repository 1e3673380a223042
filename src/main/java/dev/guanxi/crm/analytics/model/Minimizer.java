package dev.guanxi.crm.analytics.model;

import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.hipparchus.optim.nonlinear.scalar.noderiv.SimplexOptimizer;

/**
 * Unconstrained minimisation of a smooth function of a few variables (the log-parameters of a model): BFGS with an
 * Armijo backtracking line search on the analytic gradient, and Hipparchus' Nelder-Mead simplex as a fallback when
 * BFGS stalls.
 */
final class Minimizer {

    /** A function with its gradient; returns the value and writes the gradient into {@code gradient}. */
    interface Objective {
        double valueAndGradient(double[] point, double[] gradient);
    }

    /** The minimum found, with BFGS' final inverse-Hessian approximation (null after the simplex fallback). */
    record Result(double[] point, double value, int iterations, double[][] inverseHessian) {
    }

    private Minimizer() {
    }

    /**
     * Minimises {@code f} from {@code start}. Converged when the largest gradient component is below
     * {@code gradientTolerance} (or the value no longer changes at double precision after a successful BFGS run).
     *
     * @throws ModelFitException when neither BFGS nor the simplex fallback converge to a finite minimum
     */
    static Result minimize(Objective f, double[] start, double gradientTolerance, String model) {
        return minimize(f, start, null, gradientTolerance, model);
    }

    /**
     * As {@link #minimize(Objective, double[], double, String)}, with an initial inverse-Hessian approximation (for
     * example from a fit of the same mean likelihood on a subsample), or null.
     */
    static Result minimize(Objective f, double[] start, double[][] inverseHessian, double gradientTolerance,
                           String model) {
        Result bfgs = bfgs(f, start, inverseHessian, gradientTolerance, 500);
        if (bfgs != null) {
            return bfgs;
        }
        return simplex(f, start, gradientTolerance, model);
    }

    /**
     * Rejects an optimum on the boundary: a log-parameter beyond ±30 means a parameter ran to 0 or infinity, so the
     * data do not identify the model.
     */
    static void requireInterior(double[] logParameters, String model, String names) {
        for (double p : logParameters) {
            if (!(Math.abs(p) <= 30)) {
                throw new ModelFitException(model + " fit did not converge: a parameter (" + names + ") ran to 0 or "
                        + "infinity, the data do not identify the model");
            }
        }
    }

    private static Result bfgs(Objective f, double[] start, double[][] initialInverse, double tolerance,
                               int maxIterations) {
        int n = start.length;
        double[] x = start.clone();
        double[] g = new double[n];
        double fx = f.valueAndGradient(x, g);
        if (!Double.isFinite(fx)) {
            return null;
        }
        double[][] h = new double[n][n];
        for (int i = 0; i < n; i++) {
            if (initialInverse != null) {
                System.arraycopy(initialInverse[i], 0, h[i], 0, n);
            } else {
                h[i][i] = 1;
            }
        }
        double[] d = new double[n];
        double[] xNew = new double[n];
        double[] gNew = new double[n];
        double[] s = new double[n];
        double[] y = new double[n];
        double[] hy = new double[n];
        int stalls = 0;
        for (int iteration = 1; iteration <= maxIterations; iteration++) {
            if (maxAbs(g) < tolerance) {
                return new Result(x, fx, iteration, h);
            }
            for (int i = 0; i < n; i++) {
                double sum = 0;
                for (int j = 0; j < n; j++) {
                    sum -= h[i][j] * g[j];
                }
                d[i] = sum;
            }
            double slope = dot(d, g);
            if (slope >= 0) { // not a descent direction: restart from steepest descent
                for (int i = 0; i < n; i++) {
                    java.util.Arrays.fill(h[i], 0);
                    h[i][i] = 1;
                    d[i] = -g[i];
                }
                slope = dot(d, g);
            }
            double step = 1;
            double maxMove = maxAbs(d);
            if (maxMove > 5) { // log-parameters: never move by more than e^5 in one step
                step = 5 / maxMove;
            }
            double fNew = Double.NaN;
            boolean accepted = false;
            for (int tries = 0; tries < 60; tries++) {
                for (int i = 0; i < n; i++) {
                    xNew[i] = x[i] + step * d[i];
                }
                fNew = f.valueAndGradient(xNew, gNew);
                if (Double.isFinite(fNew) && fNew <= fx + 1e-4 * step * slope) {
                    accepted = true;
                    break;
                }
                if (Math.abs(fNew - fx) <= 1e-14 * Math.abs(fx) && maxAbs(g) < tolerance * 1e3) {
                    // the change is within the rounding noise of the sum over customers: converged
                    return new Result(x, fx, iteration, h);
                }
                step *= 0.5;
            }
            if (!accepted) {
                // no decrease possible at double precision: accept a converged point with a small gradient
                return maxAbs(g) < tolerance * 1e3 ? new Result(x, fx, iteration, h) : null;
            }
            for (int i = 0; i < n; i++) {
                s[i] = xNew[i] - x[i];
                y[i] = gNew[i] - g[i];
            }
            double sy = dot(s, y);
            if (sy > 1e-300) {
                if (iteration == 1 && initialInverse == null) {
                    double scale = sy / dot(y, y);
                    for (int i = 0; i < n; i++) {
                        h[i][i] = scale;
                    }
                }
                for (int i = 0; i < n; i++) {
                    double sum = 0;
                    for (int j = 0; j < n; j++) {
                        sum += h[i][j] * y[j];
                    }
                    hy[i] = sum;
                }
                double yhy = dot(y, hy);
                double rho = 1 / sy;
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        h[i][j] += (1 + yhy * rho) * rho * s[i] * s[j] - rho * (hy[i] * s[j] + s[i] * hy[j]);
                    }
                }
            }
            boolean sameValue = Math.abs(fx - fNew) <= 1e-15 * Math.max(1, Math.abs(fx));
            System.arraycopy(xNew, 0, x, 0, n);
            System.arraycopy(gNew, 0, g, 0, n);
            fx = fNew;
            if (maxAbs(x) > 60) { // a parameter ran to 0 or infinity: the model is not identified
                return null;
            }
            stalls = sameValue ? stalls + 1 : 0;
            if (stalls >= 3) {
                return maxAbs(g) < tolerance * 1e3 ? new Result(x, fx, iteration, h) : null;
            }
        }
        return null;
    }

    private static Result simplex(Objective f, double[] start, double tolerance, String model) {
        double[] scratch = new double[start.length];
        try {
            PointValuePair best = new SimplexOptimizer(1e-14, 1e-14).optimize(new MaxEval(50_000),
                    new ObjectiveFunction(p -> {
                        double v = f.valueAndGradient(p, scratch);
                        return Double.isFinite(v) ? v : Double.MAX_VALUE;
                    }), GoalType.MINIMIZE, new InitialGuess(start), new NelderMeadSimplex(start.length));
            double value = f.valueAndGradient(best.getPointRef(), scratch);
            if (!Double.isFinite(value) || maxAbs(best.getPointRef()) > 60 || maxAbs(scratch) > tolerance * 1e4) {
                throw new ModelFitException(model + " fit did not converge (the likelihood has no finite maximum "
                        + "for this data; check that customers have repeat purchases)");
            }
            return new Result(best.getPoint(), value, -1, null);
        } catch (MathIllegalStateException e) {
            throw new ModelFitException(model + " fit did not converge: " + e.getMessage());
        }
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static double maxAbs(double[] a) {
        double max = 0;
        for (double v : a) {
            max = Math.max(max, Math.abs(v));
        }
        return max;
    }
}
