package dev.guanxi.crm.analytics.internal;

import dev.guanxi.crm.analytics.model.BgNbd;
import dev.guanxi.crm.analytics.model.CustomerLifetimeValue;
import dev.guanxi.crm.analytics.model.GammaGamma;
import dev.guanxi.crm.analytics.model.KMeans;
import dev.guanxi.crm.analytics.model.ModelFitException;
import dev.guanxi.crm.analytics.model.PurchaseSummary;
import dev.guanxi.crm.analytics.model.Standardizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The model step of the scoring run: BG/NBD (Fader, Hardie & Lee 2005) fitted on every buying customer's
 * repeat-purchase history in weeks gives P(alive) and the expected purchases in the next 90 and 365 days; the
 * Gamma-Gamma spend model (Fader & Hardie 2013), fitted on the customers with repeat purchases, gives each one's
 * expected spend per purchase (here the mean over all purchase days: the facts do not separate the first
 * purchase); together they give the discounted CLV over the Dwyer horizon with the same margin and a monthly rate
 * equivalent to the yearly discount rate. Then k-means (k = {@code guanxi.analytics.clusters}, fixed seed) on the
 * standardized recency, frequency, monetary value and CLV assigns cluster ids. A data set too small or a fit that
 * does not converge leaves the columns empty (logged), never made up.
 */
@Component
@Order(10)
class ProbabilisticScores implements ScoreEnricher {

    private static final Logger log = LoggerFactory.getLogger(ProbabilisticScores.class);
    /** Fewer buying customers than this are too few to fit the four BG/NBD parameters meaningfully. */
    static final int MIN_CUSTOMERS = 30;

    private final AnalyticsSettings settings;
    private final int clusters;

    ProbabilisticScores(AnalyticsSettings settings, @Value("${guanxi.analytics.clusters:5}") int clusters) {
        this.settings = settings;
        this.clusters = clusters;
        if (clusters < 2 || clusters > 20) {
            throw new IllegalArgumentException("guanxi.analytics.clusters must be between 2 and 20: " + clusters);
        }
    }

    @Override
    public void enrich(List<CustomerFacts> customers, LocalDate asOf) {
        List<CustomerFacts> buyers = customers.stream().filter(CustomerFacts::hasPurchases).toList();
        if (buyers.size() < MIN_CUSTOMERS) {
            log.info("Model step skipped: {} buying customers, at least {} needed", buyers.size(), MIN_CUSTOMERS);
            return;
        }
        int asOfDay = Math.toIntExact(asOf.toEpochDay());
        int n = buyers.size();
        double[] x = new double[n];
        double[] tx = new double[n];
        double[] age = new double[n];
        double[] spend = new double[n];
        for (int i = 0; i < n; i++) {
            CustomerFacts c = buyers.get(i);
            x[i] = c.frequency - 1;
            age[i] = Math.max(0, asOfDay - c.firstDay) / 7.0;
            tx[i] = x[i] == 0 ? 0 : Math.min(age[i], (c.lastDay - c.firstDay) / 7.0);
            spend[i] = c.monetaryCents / 100.0 / c.frequency;
        }
        BgNbd purchases;
        try {
            purchases = BgNbd.fit(x, tx, age).model();
        } catch (ModelFitException e) {
            log.warn("BG/NBD fit failed; P(alive), expected purchases and CLV stay empty: {}", e.getMessage());
            cluster(buyers, asOfDay);
            return;
        }
        GammaGamma spendModel = spendModel(x, spend);
        double monthlyRate = Math.pow(1 + settings.getDiscountRate(), 1.0 / 12) - 1;
        CustomerLifetimeValue clv = new CustomerLifetimeValue(purchases, spendModel, CustomerLifetimeValue.Settings.of(
                settings.getHorizonYears() * 12, monthlyRate, settings.getMargin(), PurchaseSummary.Unit.WEEKS));
        int notFinite = 0;
        for (int i = 0; i < n; i++) {
            CustomerFacts c = buyers.get(i);
            c.pAlive = finite(purchases.probabilityAlive(x[i], tx[i], age[i]));
            c.expectedPurchases90 = finite(purchases.conditionalExpectedPurchases(90 / 7.0, x[i], tx[i], age[i]));
            c.expectedPurchases365 = finite(purchases.conditionalExpectedPurchases(365 / 7.0, x[i], tx[i], age[i]));
            double expectedSpend = spendModel != null && x[i] > 0 && spend[i] > 0
                    ? spendModel.conditionalExpectedAverageSpend(x[i], spend[i]) : spend[i];
            c.clvBgnbd = finite(clv.valueWithSpend(x[i], tx[i], age[i], expectedSpend));
            if (c.pAlive == null || c.expectedPurchases90 == null || c.expectedPurchases365 == null
                    || c.clvBgnbd == null) {
                notFinite++;
            }
        }
        if (notFinite > 0) {
            // a model value that overflows (NaN, infinite) is left empty, never stored or clustered on
            log.warn("BG/NBD gave no finite value for {} of {} customers; those values stay empty", notFinite, n);
        }
        cluster(buyers, asOfDay);
    }

    /** Gamma-Gamma on the customers with repeat purchases and a positive spend, or null when it cannot be used. */
    private static GammaGamma spendModel(double[] x, double[] spend) {
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (x[i] > 0 && spend[i] > 0) {
                rows.add(new double[]{x[i], spend[i]});
            }
        }
        if (rows.size() < MIN_CUSTOMERS) {
            return null;
        }
        try {
            GammaGamma model = GammaGamma.fit(rows.stream().mapToDouble(r -> r[0]).toArray(),
                    rows.stream().mapToDouble(r -> r[1]).toArray()).model();
            // q <= 1 means an infinite population mean spend: the model cannot give expected spends
            return model.parameters().q() > 1 ? model : null;
        } catch (ModelFitException e) {
            log.warn("Gamma-Gamma fit failed; CLV uses each customer's mean spend: {}", e.getMessage());
            return null;
        }
    }

    /** k-means on standardized recency, frequency, monetary value and CLV; ids 1..k, deterministic. */
    private void cluster(List<CustomerFacts> buyers, int asOfDay) {
        if (buyers.size() < clusters * 10) {
            return;
        }
        double[][] points = new double[buyers.size()][];
        for (int i = 0; i < points.length; i++) {
            CustomerFacts c = buyers.get(i);
            double value = c.clvBgnbd != null ? c.clvBgnbd : Double.isFinite(c.clvDwyer) ? c.clvDwyer : 0;
            points[i] = new double[]{asOfDay - c.lastDay, c.frequency, c.monetaryCents / 100.0, value};
        }
        KMeans.Result result = KMeans.fit(Standardizer.fit(points).transform(points), clusters, 42L);
        for (int i = 0; i < points.length; i++) {
            buyers.get(i).clusterId = result.assignments()[i] + 1;
        }
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
