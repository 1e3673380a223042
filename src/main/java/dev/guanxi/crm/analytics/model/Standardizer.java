package dev.guanxi.crm.analytics.model;

import java.util.Arrays;

/**
 * Z-score standardisation of features (value − mean) / standard deviation, with the population standard deviation
 * (as scikit-learn's StandardScaler); a constant feature gets deviation 1 so that it maps to 0 instead of NaN. The
 * inverse maps standardised points (for example k-means centroids) back to the original units.
 *
 * @param means      per-feature means
 * @param deviations per-feature standard deviations (1 for a constant feature)
 */
public record Standardizer(double[] means, double[] deviations) {

    public Standardizer {
        if (means.length != deviations.length) {
            throw new IllegalArgumentException("means and deviations must have the same length");
        }
        means = means.clone();
        deviations = deviations.clone();
    }

    /** The means and standard deviations of the columns of {@code points} (rows = observations). */
    public static Standardizer fit(double[][] points) {
        int d = KMeans.checkPoints(points);
        int n = points.length;
        double[] mean = new double[d];
        double[] m2 = new double[d];
        // Welford's update: stable for large n and large values
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double delta = points[i][j] - mean[j];
                mean[j] += delta / (i + 1);
                m2[j] += delta * (points[i][j] - mean[j]);
            }
        }
        double[] sd = new double[d];
        for (int j = 0; j < d; j++) {
            double s = Math.sqrt(m2[j] / n);
            sd[j] = s > 1e-12 * Math.max(1, Math.abs(mean[j])) ? s : 1;
        }
        return new Standardizer(mean, sd);
    }

    /** The standardised copy of one point. */
    public double[] transform(double[] point) {
        check(point);
        double[] z = new double[point.length];
        for (int j = 0; j < point.length; j++) {
            z[j] = (point[j] - means[j]) / deviations[j];
        }
        return z;
    }

    /** The standardised copy of all points. */
    public double[][] transform(double[][] points) {
        double[][] z = new double[points.length][];
        for (int i = 0; i < points.length; i++) {
            z[i] = transform(points[i]);
        }
        return z;
    }

    /** A standardised point back in original units. */
    public double[] inverse(double[] standardized) {
        check(standardized);
        double[] x = new double[standardized.length];
        for (int j = 0; j < x.length; j++) {
            x[j] = standardized[j] * deviations[j] + means[j];
        }
        return x;
    }

    /** Standardised points (for example centroids) back in original units. */
    public double[][] inverse(double[][] standardized) {
        double[][] x = new double[standardized.length][];
        for (int i = 0; i < x.length; i++) {
            x[i] = inverse(standardized[i]);
        }
        return x;
    }

    @Override
    public double[] means() {
        return means.clone();
    }

    @Override
    public double[] deviations() {
        return deviations.clone();
    }

    private void check(double[] point) {
        if (point.length != means.length) {
            throw new IllegalArgumentException("point has " + point.length + " features, expected " + means.length);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Standardizer other && Arrays.equals(means, other.means)
                && Arrays.equals(deviations, other.deviations);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(means) + Arrays.hashCode(deviations);
    }

    @Override
    public String toString() {
        return "Standardizer[means=" + Arrays.toString(means) + ", deviations=" + Arrays.toString(deviations) + "]";
    }
}
