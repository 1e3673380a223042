package dev.guanxi.crm.analytics.model;

import org.hipparchus.linear.LUDecomposition;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.linear.RealMatrix;

import java.util.function.ToDoubleFunction;

/**
 * Asymptotic standard errors of maximum-likelihood estimates: the square roots of the diagonal of the inverse of the
 * observed information (minus the Hessian of the log-likelihood, by central differences). Used to justify the
 * tolerances of the parameter-recovery tests.
 */
final class Fisher {

    private Fisher() {
    }

    static double[] standardErrors(ToDoubleFunction<double[]> logLikelihood, double[] estimate) {
        int n = estimate.length;
        double[][] hessian = new double[n][n];
        double[] h = new double[n];
        for (int i = 0; i < n; i++) {
            h[i] = 1e-4 * Math.max(Math.abs(estimate[i]), 1e-3);
        }
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                double fpp = shifted(logLikelihood, estimate, i, h[i], j, h[j]);
                double fpm = shifted(logLikelihood, estimate, i, h[i], j, -h[j]);
                double fmp = shifted(logLikelihood, estimate, i, -h[i], j, h[j]);
                double fmm = shifted(logLikelihood, estimate, i, -h[i], j, -h[j]);
                hessian[i][j] = (fpp - fpm - fmp + fmm) / (4 * h[i] * h[j]);
                hessian[j][i] = hessian[i][j];
            }
        }
        RealMatrix information = MatrixUtils.createRealMatrix(hessian).scalarMultiply(-1);
        RealMatrix covariance = new LUDecomposition(information).getSolver().getInverse();
        double[] errors = new double[n];
        for (int i = 0; i < n; i++) {
            errors[i] = Math.sqrt(covariance.getEntry(i, i));
        }
        return errors;
    }

    private static double shifted(ToDoubleFunction<double[]> f, double[] at, int i, double di, int j, double dj) {
        double[] point = at.clone();
        point[i] += di;
        point[j] += dj;
        return f.applyAsDouble(point);
    }
}
