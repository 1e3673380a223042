package dev.guanxi.crm.analytics.model;

import java.util.stream.IntStream;

/**
 * Splits a loop over n elements into fixed chunks run on the common fork-join pool, with per-chunk partial sums
 * added in chunk order afterwards, so results are identical whatever the number of threads (deterministic).
 */
final class Chunks {

    /** Elements per chunk; loops over fewer elements than two chunks run on the calling thread. */
    static final int SIZE = 16_384;

    /** The body of a loop over [from, to), adding its sums into {@code partial}. */
    interface Body {
        void run(int from, int to, double[] partial);
    }

    private Chunks() {
    }

    /** Runs {@code body} over [0, n) and returns the element-wise sum of the chunks' {@code width} partial sums. */
    static double[] sum(int n, int width, Body body) {
        int chunks = (n + SIZE - 1) / SIZE;
        double[][] partials = new double[Math.max(chunks, 1)][width];
        if (chunks <= 1) {
            body.run(0, n, partials[0]);
        } else {
            IntStream.range(0, chunks).parallel()
                    .forEach(c -> body.run(c * SIZE, Math.min(n, (c + 1) * SIZE), partials[c]));
        }
        double[] total = new double[width];
        for (double[] partial : partials) {
            for (int j = 0; j < width; j++) {
                total[j] += partial[j];
            }
        }
        return total;
    }
}
