package dev.guanxi.crm.analytics.internal;

import dev.guanxi.crm.analytics.model.KMeans;
import dev.guanxi.crm.analytics.model.Silhouette;
import dev.guanxi.crm.analytics.model.Standardizer;
import dev.guanxi.crm.common.InvalidInputException;
import dev.guanxi.crm.identity.CurrentUser;
import dev.guanxi.crm.marketing.Segments;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Clustering segmentation (聚类) of the customers the user may see, from the latest scoring run: k-means (k chosen by
 * the user, or suggested by the silhouette over k = 2..8) on the standardized recency (days), frequency (purchase
 * days), monetary value and CLV; each cluster described by its size, centroid in original units and most typical
 * customer (nearest the centroid), and the clustering evaluated by its silhouette (on a seeded sample of at most
 * 2,000 customers). Deterministic: the same scores give the same clusters.
 */
@Service
public class ClusterAnalysis {

    public static final int MIN_K = 2;
    public static final int MAX_K = 12;
    static final long SEED = 42;

    public record Cluster(int number, int size, double share, double recencyDays, double frequency, double monetary,
                          double clv, long typicalCustomerId, String typicalCustomerName) {
    }

    /** @param suggested the k the silhouette suggested when the user asked for a suggestion, else null */
    public record Result(int k, Integer suggested, double silhouette, int customers, List<Cluster> clusters,
                         List<KMeans.KScore> scores) {
    }

    private record Computation(Result result, List<Long> ids, int[] assignments) {
    }

    private final JdbcClient jdbc;
    private final Segments segments;

    ClusterAnalysis(JdbcClient jdbc, Segments segments) {
        this.jdbc = jdbc;
        this.segments = segments;
    }

    /** @param k the number of clusters, or null to have it suggested */
    @Transactional(readOnly = true)
    public Result cluster(Integer k) {
        return compute(k).result();
    }

    /**
     * Clusters as {@link #cluster} does and saves each cluster as a static marketing segment ("Cluster 2 of 5 ...");
     * returns the segment ids. The user must be allowed to manage segments.
     */
    @Transactional
    public List<Long> saveAsSegments(Integer k) {
        Computation c = compute(k);
        List<Long> saved = new ArrayList<>();
        String day = java.time.LocalDate.now().toString();
        for (Cluster cluster : c.result().clusters()) {
            List<Long> members = new ArrayList<>();
            for (int i = 0; i < c.assignments().length; i++) {
                if (c.assignments()[i] == cluster.number() - 1) {
                    members.add(c.ids().get(i));
                }
            }
            saved.add(segments.saveStatic("Cluster " + cluster.number() + "/" + c.result().k() + " · " + day,
                    String.format(java.util.Locale.ROOT,
                            "k-means on recency, frequency, spend and CLV: centroid %.0f days, %.1f purchase days, "
                                    + "¥%.0f spend, ¥%.0f CLV; silhouette %.2f", cluster.recencyDays(), cluster.frequency(),
                            cluster.monetary(), cluster.clv(), c.result().silhouette()), members));
        }
        return saved;
    }

    private Computation compute(Integer k) {
        if (k != null && (k < MIN_K || k > MAX_K)) {
            throw new InvalidInputException("k", "clusters.invalid-k", MIN_K, MAX_K);
        }
        CurrentUser.SqlCondition vis = CurrentUser.get().visibility("c.owner_id", "c.team_id");
        List<Long> ids = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        jdbc.sql("""
                        SELECT s.customer_id, c.name, s.recency_days, s.frequency, s.monetary,
                               coalesce(s.clv_bgnbd, s.clv_dwyer) FROM customer_scores s
                        JOIN customers c ON c.id = s.customer_id AND c.deleted_at IS NULL
                        WHERE s.frequency > 0 AND s.recency_days IS NOT NULL AND""" + " " + vis.sql()
                        + " ORDER BY s.customer_id")
                .params(vis.params())
                .query(rs -> {
                    ids.add(rs.getLong(1));
                    names.add(rs.getString(2));
                    rows.add(new double[]{rs.getDouble(3), rs.getDouble(4), rs.getDouble(5), rs.getDouble(6)});
                });
        int n = rows.size();
        int wanted = k == null ? MIN_K : k;
        if (n < wanted * 5 || n < 10) {
            return new Computation(new Result(wanted, null, Double.NaN, n, List.of(), List.of()), ids, new int[0]);
        }
        double[][] points = rows.toArray(double[][]::new);
        Standardizer scale = Standardizer.fit(points);
        double[][] z = scale.transform(points);
        KMeans.Result result;
        Integer suggested = null;
        List<KMeans.KScore> scores = List.of();
        if (k == null) {
            KMeans.Suggestion s = KMeans.suggestK(z, MIN_K, Math.min(8, n / 5), SEED, Silhouette.DEFAULT_SAMPLE);
            result = s.best();
            suggested = s.bestK();
            scores = s.scores();
        } else {
            result = KMeans.fit(z, k, SEED);
        }
        double silhouette = Silhouette.score(z, result.assignments(), Silhouette.DEFAULT_SAMPLE, SEED);
        double[][] centroids = scale.inverse(result.centroids());
        List<Cluster> clusters = new ArrayList<>();
        for (int c = 0; c < result.k(); c++) {
            int typical = -1;
            double best = Double.MAX_VALUE;
            for (int i = 0; i < n; i++) {
                if (result.assignments()[i] == c) {
                    double d = 0;
                    for (int j = 0; j < z[i].length; j++) {
                        double diff = z[i][j] - result.centroids()[c][j];
                        d += diff * diff;
                    }
                    if (d < best) {
                        best = d;
                        typical = i;
                    }
                }
            }
            clusters.add(new Cluster(c + 1, result.sizes()[c], (double) result.sizes()[c] / n, centroids[c][0],
                    centroids[c][1], centroids[c][2], centroids[c][3], typical < 0 ? 0 : ids.get(typical),
                    typical < 0 ? null : names.get(typical)));
        }
        return new Computation(new Result(result.k(), suggested, silhouette, n, clusters, scores), ids,
                result.assignments());
    }
}
