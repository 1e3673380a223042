package dev.guanxi.crm.analytics.model;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ClusteringTest {

    static final double[][] CENTRES = {{0, 0}, {10, 10}, {-10, 10}};

    /** 300 points around each centre, standard deviation 1, seeded. */
    static double[][] blobs(long seed) {
        Random random = new Random(seed);
        double[][] points = new double[900][];
        for (int i = 0; i < points.length; i++) {
            double[] centre = CENTRES[i / 300];
            points[i] = new double[] {centre[0] + random.nextGaussian(), centre[1] + random.nextGaussian()};
        }
        return points;
    }

    @Test
    void silhouetteOfAHandComputedExample() {
        // points 0, 1 | 4, 6 on a line: s = (5−1)/5, (4−1)/4, (3.5−2)/3.5, (5.5−2)/5.5 → mean 0.6537337662…
        double[][] points = {{0}, {1}, {4}, {6}};
        int[] labels = {0, 0, 1, 1};
        double expected = (0.8 + 0.75 + 3.0 / 7 + 7.0 / 11) / 4;
        assertThat(Silhouette.score(points, labels)).isCloseTo(expected, within(1e-12));
        assertThat(Silhouette.score(points, labels, 2000, 1)).isCloseTo(expected, within(1e-12));
        // a point alone in its cluster scores 0: {0,1} | {4} → (s0 + s1 + 0) / 3
        double[][] three = {{0}, {1}, {4}};
        assertThat(Silhouette.score(three, new int[] {0, 0, 1})).isCloseTo((0.75 + 2.0 / 3) / 3, within(1e-12));
        assertThatThrownBy(() -> Silhouette.score(points, new int[] {0, 0, 0, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least two clusters");
    }

    @Test
    void recoversWellSeparatedBlobs() {
        double[][] points = blobs(7);
        KMeans.Result result = KMeans.fit(points, 3, 42);
        assertThat(result.converged()).isTrue();
        assertThat(result.sizes()).containsExactlyInAnyOrder(300, 300, 300);
        for (int blob = 0; blob < 3; blob++) {
            int label = result.assignments()[blob * 300];
            for (int i = blob * 300; i < (blob + 1) * 300; i++) {
                assertThat(result.assignments()[i]).isEqualTo(label);
            }
            assertThat(result.centroids()[label][0]).isCloseTo(CENTRES[blob][0], within(0.3));
            assertThat(result.centroids()[label][1]).isCloseTo(CENTRES[blob][1], within(0.3));
        }
        assertThat(Silhouette.score(points, result.assignments())).isGreaterThan(0.8);
    }

    @Test
    void isDeterministicForASeed() {
        double[][] points = blobs(11);
        KMeans.Result first = KMeans.fit(points, 5, 99);
        KMeans.Result second = KMeans.fit(points, 5, 99);
        assertThat(second.assignments()).isEqualTo(first.assignments());
        assertThat(second.centroids()).isDeepEqualTo(first.centroids());
        assertThat(second.inertia()).isEqualTo(first.inertia());
        double sampled = Silhouette.score(points, first.assignments(), 200, 5);
        assertThat(Silhouette.score(points, first.assignments(), 200, 5)).isEqualTo(sampled);
    }

    @Test
    void suggestsTheNumberOfBlobsBySilhouette() {
        double[][] points = blobs(3);
        KMeans.Suggestion suggestion = KMeans.suggestK(points, 2, 6, 1, Silhouette.DEFAULT_SAMPLE);
        assertThat(suggestion.bestK()).isEqualTo(3);
        assertThat(suggestion.scores()).extracting(KMeans.KScore::k).containsExactly(2, 3, 4, 5, 6);
        assertThat(suggestion.best().k()).isEqualTo(3);
        // on a sample the silhouette is close to the exact one
        double exact = Silhouette.score(points, suggestion.best().assignments());
        assertThat(Silhouette.score(points, suggestion.best().assignments(), 300, 8)).isCloseTo(exact, within(0.05));
    }

    @Test
    void standardizesAndMapsCentroidsBackToOriginalUnits() {
        // recency in days, monetary in yuan: very different scales
        Random random = new Random(5);
        double[][] points = new double[600][];
        for (int i = 0; i < points.length; i++) {
            boolean vip = i < 300;
            points[i] = new double[] {(vip ? 20 : 200) + 5 * random.nextGaussian(),
                    (vip ? 50_000 : 2_000) + 1_000 * random.nextGaussian(), 7};
        }
        Standardizer standardizer = Standardizer.fit(points);
        double[][] z = standardizer.transform(points);
        double mean = 0;
        double square = 0;
        for (double[] row : z) {
            mean += row[0];
            square += row[0] * row[0];
            assertThat(row[2]).isZero(); // a constant feature maps to 0, not NaN
        }
        assertThat(mean / z.length).isCloseTo(0, within(1e-12));
        assertThat(square / z.length).isCloseTo(1, within(1e-12));
        assertThat(standardizer.inverse(z[17])).containsExactly(points[17], within(1e-9));
        KMeans.Result result = KMeans.fit(z, 2, 3);
        double[][] centroids = standardizer.inverse(result.centroids());
        int vipLabel = result.assignments()[0];
        assertThat(centroids[vipLabel][0]).isCloseTo(20, within(1.5));
        assertThat(centroids[vipLabel][1]).isCloseTo(50_000, within(300.0));
        assertThat(centroids[1 - vipLabel][1]).isCloseTo(2_000, within(300.0));
    }

    @Test
    void rejectsInvalidInput() {
        double[][] points = {{1, 2}, {3, 4}};
        assertThatThrownBy(() -> KMeans.fit(points, 3, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("k must be between 1 and the number of points");
        assertThatThrownBy(() -> KMeans.fit(new double[][] {{1, 2}, {3}}, 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("point 1 has 1 features");
        assertThatThrownBy(() -> KMeans.fit(new double[][] {{1, Double.NaN}}, 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a finite number");
        assertThatThrownBy(() -> KMeans.suggestK(points, 1, 1, 1, 100)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("k range");
    }
}
