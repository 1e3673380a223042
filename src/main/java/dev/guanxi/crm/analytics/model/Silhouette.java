package dev.guanxi.crm.analytics.model;

import java.util.SplittableRandom;

/**
 * The mean silhouette coefficient of a clustering (Rousseeuw 1987) with Euclidean distances: for each point,
 * s = (b − a) / max(a, b), where a is the mean distance to the other points of its cluster and b the smallest mean
 * distance to the points of another cluster; s = 0 for a point alone in its cluster (as scikit-learn). It lies in
 * [−1, 1]; higher is better separated. The exact computation is O(n²), so large data are scored on a seeded sample.
 */
public final class Silhouette {

    /** Default sample size for {@link #score(double[][], int[], int, long)} callers (exact up to this size). */
    public static final int DEFAULT_SAMPLE = 2000;

    private Silhouette() {
    }

    /**
     * The exact mean silhouette over all points.
     *
     * @param labels cluster index ≥ 0 per point; at least two distinct clusters
     */
    public static double score(double[][] points, int[] labels) {
        int d = KMeans.checkPoints(points);
        if (labels.length != points.length) {
            throw new IllegalArgumentException("labels must have one entry per point");
        }
        int[] all = new int[points.length];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return exact(points, labels, all, d);
    }

    /**
     * The mean silhouette, exact when there are at most {@code maxSample} points, otherwise over a uniform sample of
     * {@code maxSample} points drawn without replacement with the given seed (silhouettes computed within the sample,
     * as scikit-learn's {@code sample_size}).
     */
    public static double score(double[][] points, int[] labels, int maxSample, long seed) {
        int d = KMeans.checkPoints(points);
        if (labels.length != points.length) {
            throw new IllegalArgumentException("labels must have one entry per point");
        }
        if (maxSample < 2) {
            throw new IllegalArgumentException("sample size must be at least 2, was " + maxSample);
        }
        int n = points.length;
        int[] index = new int[n];
        for (int i = 0; i < n; i++) {
            index[i] = i;
        }
        if (n <= maxSample) {
            return exact(points, labels, index, d);
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < maxSample; i++) { // partial Fisher-Yates shuffle
            int j = i + random.nextInt(n - i);
            int tmp = index[i];
            index[i] = index[j];
            index[j] = tmp;
        }
        return exact(points, labels, java.util.Arrays.copyOf(index, maxSample), d);
    }

    private static double exact(double[][] points, int[] labels, int[] sample, int d) {
        int m = sample.length;
        int clusters = 0;
        for (int i : sample) {
            if (labels[i] < 0) {
                throw new IllegalArgumentException("labels must not be negative, was " + labels[i]);
            }
            clusters = Math.max(clusters, labels[i] + 1);
        }
        int[] size = new int[clusters];
        for (int i : sample) {
            size[labels[i]]++;
        }
        int present = 0;
        for (int s : size) {
            if (s > 0) {
                present++;
            }
        }
        if (present < 2) {
            throw new IllegalArgumentException("silhouette needs at least two clusters, had " + present);
        }
        double[] sumTo = new double[clusters];
        double total = 0;
        for (int p = 0; p < m; p++) {
            double[] a = points[sample[p]];
            java.util.Arrays.fill(sumTo, 0);
            for (int q = 0; q < m; q++) {
                if (q != p) {
                    double[] b = points[sample[q]];
                    double sum = 0;
                    for (int f = 0; f < d; f++) {
                        double diff = a[f] - b[f];
                        sum += diff * diff;
                    }
                    sumTo[labels[sample[q]]] += Math.sqrt(sum);
                }
            }
            int own = labels[sample[p]];
            if (size[own] <= 1) {
                continue; // s = 0
            }
            double inside = sumTo[own] / (size[own] - 1);
            double nearest = Double.POSITIVE_INFINITY;
            for (int c = 0; c < clusters; c++) {
                if (c != own && size[c] > 0) {
                    nearest = Math.min(nearest, sumTo[c] / size[c]);
                }
            }
            double max = Math.max(inside, nearest);
            total += max > 0 ? (nearest - inside) / max : 0;
        }
        return total / m;
    }
}
