package dev.guanxi.crm.analytics.model;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * k-means clustering (Lloyd's algorithm) with greedy k-means++ seeding (Arthur and Vassilvitskii 2007), deterministic
 * for a given seed. Standardise the features first ({@link Standardizer}) when they have different units, as RFM and CLV
 * do. An emptied cluster is re-seeded with the point farthest from its centroid.
 */
public final class KMeans {

    /** Default iteration limit of Lloyd's algorithm. */
    public static final int DEFAULT_MAX_ITERATIONS = 300;

    /**
     * A clustering.
     *
     * @param centroids   k centroids (in the units of the points clustered)
     * @param assignments cluster index (0..k−1) per point
     * @param sizes       number of points per cluster
     * @param inertia     sum of squared distances of the points to their centroids
     * @param iterations  Lloyd iterations run
     * @param converged   whether the assignments stopped changing within the iteration limit
     */
    public record Result(double[][] centroids, int[] assignments, int[] sizes, double inertia, int iterations,
                         boolean converged) {

        public int k() {
            return centroids.length;
        }
    }

    /** The silhouette and inertia of one k tried by {@link #suggestK}. */
    public record KScore(int k, double silhouette, double inertia) {
    }

    /**
     * The k with the highest silhouette in a range.
     *
     * @param bestK  the suggested k (the smallest k on ties)
     * @param scores one score per k tried, by k ascending
     * @param best   the clustering with the suggested k
     */
    public record Suggestion(int bestK, List<KScore> scores, Result best) {
    }

    private KMeans() {
    }

    /** k-means with at most {@value #DEFAULT_MAX_ITERATIONS} iterations. */
    public static Result fit(double[][] points, int k, long seed) {
        return fit(points, k, seed, DEFAULT_MAX_ITERATIONS);
    }

    /**
     * Clusters {@code points} (rows = observations, all of the same length, finite) into k clusters.
     *
     * @throws IllegalArgumentException if k is not in 1..n, the rows are ragged or a value is not finite
     */
    public static Result fit(double[][] points, int k, long seed, int maxIterations) {
        int d = checkPoints(points);
        int n = points.length;
        if (k < 1 || k > n) {
            throw new IllegalArgumentException("k must be between 1 and the number of points (" + n + "), was " + k);
        }
        if (maxIterations < 1) {
            throw new IllegalArgumentException("maximum iterations must be at least 1, was " + maxIterations);
        }
        double[] x = new double[n * d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(points[i], 0, x, i * d, d);
        }
        double[] c = seed(x, n, d, k, new SplittableRandom(seed));
        int[] labels = new int[n];
        java.util.Arrays.fill(labels, -1);
        double[] distance = new double[n];
        double[] sums = new double[k * d];
        int[] sizes = new int[k];
        // stop when the centroids move less than 1e-4 of the mean feature variance (scikit-learn's tol)
        double tolerance = 1e-4 * meanVariance(x, n, d);
        int iteration = 0;
        boolean converged = false;
        while (iteration < maxIterations) {
            iteration++;
            if (assign(x, n, d, c, k, labels, distance) == 0) {
                converged = true;
                break;
            }
            double shift = updateCentroids(x, n, d, k, labels, distance, sums, sizes, c);
            if (shift <= tolerance) {
                converged = true;
                assign(x, n, d, c, k, labels, distance); // labels consistent with the final centroids
                break;
            }
        }
        double inertia = Chunks.sum(n, 1, (from, to, partial) -> {
            for (int i = from; i < to; i++) {
                partial[0] += squaredDistance(x, i * d, c, labels[i] * d, d);
            }
        })[0];
        java.util.Arrays.fill(sizes, 0);
        for (int label : labels) {
            sizes[label]++;
        }
        double[][] centroids = new double[k][d];
        for (int j = 0; j < k; j++) {
            System.arraycopy(c, j * d, centroids[j], 0, d);
        }
        return new Result(centroids, labels, sizes, inertia, iteration, converged);
    }

    /**
     * Tries every k in [minK, maxK] (same seed each) and suggests the one with the highest mean silhouette, computed
     * on a seeded sample of at most {@code silhouetteSample} points (exact when there are fewer points).
     */
    public static Suggestion suggestK(double[][] points, int minK, int maxK, long seed, int silhouetteSample) {
        checkPoints(points);
        if (minK < 2 || maxK < minK || maxK >= points.length) {
            throw new IllegalArgumentException("k range must satisfy 2 ≤ minK ≤ maxK < number of points ("
                    + points.length + "), was " + minK + ".." + maxK);
        }
        List<KScore> scores = new ArrayList<>();
        Result best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int k = minK; k <= maxK; k++) {
            Result result = fit(points, k, seed);
            double score = Silhouette.score(points, result.assignments(), silhouetteSample, seed);
            scores.add(new KScore(k, score, result.inertia()));
            if (score > bestScore) {
                bestScore = score;
                best = result;
            }
        }
        return new Suggestion(best.k(), List.copyOf(scores), best);
    }

    /**
     * Greedy k-means++ (as scikit-learn): the first centre uniformly, then for each next centre 2 + ⌊ln k⌋
     * candidates drawn with probability ∝ squared distance to the nearest centre so far, keeping the candidate that
     * lowers the total squared distance most.
     */
    private static double[] seed(double[] x, int n, int d, int k, SplittableRandom random) {
        double[] c = new double[k * d];
        int first = random.nextInt(n);
        System.arraycopy(x, first * d, c, 0, d);
        double[] nearest = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            nearest[i] = squaredDistance(x, i * d, c, 0, d);
            total += nearest[i];
        }
        int trials = 2 + (int) Math.log(k);
        double[] candidateNearest = new double[n];
        double[] bestNearest = new double[n];
        for (int j = 1; j < k; j++) {
            int chosen = -1;
            double chosenTotal = Double.POSITIVE_INFINITY;
            for (int trial = 0; trial < trials; trial++) {
                int candidate = total > 0 ? sample(nearest, total, random.nextDouble() * total)
                        : random.nextInt(n); // fewer distinct points than k: any point
                double candidateTotal = 0;
                for (int i = 0; i < n; i++) {
                    candidateNearest[i] = Math.min(nearest[i], squaredDistance(x, i * d, x, candidate * d, d));
                    candidateTotal += candidateNearest[i];
                }
                if (candidateTotal < chosenTotal) {
                    chosenTotal = candidateTotal;
                    chosen = candidate;
                    System.arraycopy(candidateNearest, 0, bestNearest, 0, n);
                }
            }
            System.arraycopy(x, chosen * d, c, j * d, d);
            System.arraycopy(bestNearest, 0, nearest, 0, n);
            total = chosenTotal;
        }
        return c;
    }

    /** The index where the running sum of {@code weights} first exceeds {@code target}. */
    private static int sample(double[] weights, double total, double target) {
        double cumulative = 0;
        for (int i = 0; i < weights.length; i++) {
            cumulative += weights[i];
            if (cumulative > target) {
                return i;
            }
        }
        return weights.length - 1;
    }

    /** Assigns every point to its nearest centroid (in parallel chunks); returns how many labels changed. */
    private static int assign(double[] x, int n, int d, double[] c, int k, int[] labels, double[] distance) {
        return (int) Chunks.sum(n, 1, (from, to, partial) -> {
            int changed = 0;
            for (int i = from; i < to; i++) {
                int best = 0;
                double bestDistance = Double.POSITIVE_INFINITY;
                for (int j = 0; j < k; j++) {
                    double dist = squaredDistance(x, i * d, c, j * d, d);
                    if (dist < bestDistance) {
                        bestDistance = dist;
                        best = j;
                    }
                }
                distance[i] = bestDistance;
                if (labels[i] != best) {
                    labels[i] = best;
                    changed++;
                }
            }
            partial[0] += changed;
        })[0];
    }

    private static double meanVariance(double[] x, int n, int d) {
        double total = 0;
        for (int f = 0; f < d; f++) {
            double mean = 0;
            for (int i = 0; i < n; i++) {
                mean += x[i * d + f];
            }
            mean /= n;
            double variance = 0;
            for (int i = 0; i < n; i++) {
                double diff = x[i * d + f] - mean;
                variance += diff * diff;
            }
            total += variance / n;
        }
        return total / d;
    }

    /** Moves each centroid to the mean of its points; returns the sum of the squared centroid moves. */
    private static double updateCentroids(double[] x, int n, int d, int k, int[] labels, double[] distance,
                                          double[] sums, int[] sizes, double[] c) {
        double shift = 0;
        java.util.Arrays.fill(sums, 0);
        java.util.Arrays.fill(sizes, 0);
        for (int i = 0; i < n; i++) {
            int label = labels[i];
            sizes[label]++;
            for (int f = 0; f < d; f++) {
                sums[label * d + f] += x[i * d + f];
            }
        }
        for (int j = 0; j < k; j++) {
            if (sizes[j] == 0) {
                // re-seed an empty cluster with the point farthest from its centroid
                int farthest = 0;
                for (int i = 1; i < n; i++) {
                    if (distance[i] > distance[farthest]) {
                        farthest = i;
                    }
                }
                distance[farthest] = 0;
                shift += squaredDistance(x, farthest * d, c, j * d, d);
                System.arraycopy(x, farthest * d, c, j * d, d);
                continue;
            }
            for (int f = 0; f < d; f++) {
                double moved = sums[j * d + f] / sizes[j];
                shift += (moved - c[j * d + f]) * (moved - c[j * d + f]);
                c[j * d + f] = moved;
            }
        }
        return shift;
    }

    static double squaredDistance(double[] a, int offsetA, double[] b, int offsetB, int d) {
        double sum = 0;
        for (int f = 0; f < d; f++) {
            double diff = a[offsetA + f] - b[offsetB + f];
            sum += diff * diff;
        }
        return sum;
    }

    /** Checks that the points are non-empty, rectangular and finite; returns the number of features. */
    static int checkPoints(double[][] points) {
        if (points == null || points.length == 0) {
            throw new IllegalArgumentException("no points given");
        }
        int d = points[0].length;
        if (d == 0) {
            throw new IllegalArgumentException("points have no features");
        }
        for (int i = 0; i < points.length; i++) {
            if (points[i].length != d) {
                throw new IllegalArgumentException("point " + i + " has " + points[i].length + " features, expected "
                        + d);
            }
            for (double v : points[i]) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("point " + i + " has a value that is not a finite number: " + v);
                }
            }
        }
        return d;
    }
}
