package dev.guanxi.crm.analytics.model;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PurchaseSummaryTest {

    @Test
    void rederivesTheCdnowCalibrationSummaryFromTheTransactionLog() {
        // CDNOW_sample.txt: master id, sample id, date, CDs, dollars; calibration ends 1997-09-30, unit weeks,
        // summary rounded to 2 dp (zbar half-up) as in cdnow_customers_summary_with_transactions.csv
        Map<Integer, List<PurchaseSummary.Purchase>> bySample = new LinkedHashMap<>();
        DateTimeFormatter format = DateTimeFormatter.BASIC_ISO_DATE;
        for (String line : Datasets.lines("cdnow/CDNOW_sample.txt")) {
            String[] f = line.trim().split("\\s+");
            bySample.computeIfAbsent(Integer.parseInt(f[1]), id -> new ArrayList<>())
                    .add(new PurchaseSummary.Purchase(LocalDate.parse(f[2], format), Double.parseDouble(f[4])));
        }
        Datasets.Cdnow expected = Datasets.cdnow();
        assertThat(bySample).hasSize(expected.id().length);
        LocalDate end = LocalDate.of(1997, 9, 30);
        for (int i = 0; i < expected.id().length; i++) {
            PurchaseSummary s = PurchaseSummary.of(bySample.get(expected.id()[i]), end, PurchaseSummary.Unit.WEEKS)
                    .orElseThrow();
            String customer = "customer " + expected.id()[i];
            assertThat(s.frequency()).as(customer).isEqualTo(expected.x()[i]);
            assertThat(round(s.recency())).as(customer).isEqualTo(expected.tx()[i]);
            assertThat(round(s.age())).as(customer).isEqualTo(expected.age()[i]);
            // zbar was rounded half-up from exact cents; the double mean may sit a hair below a .xx5 boundary
            assertThat(s.monetary()).as(customer).isCloseTo(expected.zbar()[i], within(0.005 + 1e-9));
        }
    }

    @Test
    void summarisesLifetimesExampleTransactionsAsItsQuickstartShows() {
        // lifetimes docs/Quickstart.md: summary_data_from_transaction_data(transaction_data, 'id', 'date',
        // observation_period_end='2014-12-31') → ids 0..4: (0, 0, 298), (0, 0, 224), (6, 142, 292), (0, 0, 147),
        // (2, 9, 183); bgf.fit(...) → "fitted with 5000 customers, a: 1.85, alpha: 1.86, r: 0.16, b: 3.18"
        Map<Integer, List<PurchaseSummary.Purchase>> byId = new LinkedHashMap<>();
        List<String> lines = Datasets.lines("lifetimes-example-transactions/example_transactions.csv");
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            byId.computeIfAbsent(Integer.parseInt(f[1]), id -> new ArrayList<>())
                    .add(new PurchaseSummary.Purchase(LocalDate.parse(f[0].substring(0, 10)), 0));
        }
        assertThat(byId).hasSize(5000);
        LocalDate end = LocalDate.of(2014, 12, 31);
        int n = byId.size();
        double[] x = new double[n];
        double[] tx = new double[n];
        double[] age = new double[n];
        for (int id = 0; id < n; id++) {
            PurchaseSummary s = PurchaseSummary.of(byId.get(id), end, PurchaseSummary.Unit.DAYS).orElseThrow();
            x[id] = s.frequency();
            tx[id] = s.recency();
            age[id] = s.age();
        }
        double[][] head = {{0, 0, 298}, {0, 0, 224}, {6, 142, 292}, {0, 0, 147}, {2, 9, 183}};
        for (int id = 0; id < head.length; id++) {
            assertThat(new double[] {x[id], tx[id], age[id]}).as("id %d", id).containsExactly(head[id]);
        }
        BgNbd.Parameters p = BgNbd.fit(x, tx, age).parameters();
        assertThat(p.a()).isCloseTo(1.85, within(0.005));
        assertThat(p.alpha()).isCloseTo(1.86, within(0.005));
        assertThat(p.r()).isCloseTo(0.16, within(0.005));
        assertThat(p.b()).isCloseTo(3.18, within(0.005));
    }

    @Test
    void mergesSameDayPurchasesAndIgnoresPurchasesAfterTheCalibrationEnd() {
        LocalDate d = LocalDate.of(2024, 1, 1);
        List<PurchaseSummary.Purchase> purchases = List.of(new PurchaseSummary.Purchase(d, 10),
                new PurchaseSummary.Purchase(d.plusDays(3), 20), new PurchaseSummary.Purchase(d.plusDays(3), 5),
                new PurchaseSummary.Purchase(d.plusDays(10), 15), new PurchaseSummary.Purchase(d.plusDays(40), 99));
        PurchaseSummary s = PurchaseSummary.of(purchases, d.plusDays(30), PurchaseSummary.Unit.DAYS).orElseThrow();
        assertThat(s).isEqualTo(new PurchaseSummary(2, 10, 30, 20));
        PurchaseSummary weeks = PurchaseSummary.of(purchases, d.plusDays(14), PurchaseSummary.Unit.WEEKS).orElseThrow();
        assertThat(weeks.age()).isCloseTo(2, within(1e-12));
        assertThat(PurchaseSummary.of(purchases, d.minusDays(1), PurchaseSummary.Unit.DAYS)).isEmpty();
        // the same from SQL-style aggregates
        assertThat(PurchaseSummary.of(d, d.plusDays(10), 3, 40, d.plusDays(30), PurchaseSummary.Unit.DAYS))
                .isEqualTo(s);
        assertThatThrownBy(() -> PurchaseSummary.of(d, d.plusDays(10), 1, 40, d.plusDays(30),
                PurchaseSummary.Unit.DAYS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("number of purchase days");
        assertThatThrownBy(() -> PurchaseSummary.of(d, d.plusDays(40), 2, 40, d.plusDays(30),
                PurchaseSummary.Unit.DAYS)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("calibration end");
        PurchaseSummary once = PurchaseSummary.of(List.of(new PurchaseSummary.Purchase(d, 7)), d.plusDays(5),
                PurchaseSummary.Unit.DAYS).orElseThrow();
        assertThat(once).isEqualTo(new PurchaseSummary(0, 0, 5, 0));
    }

    private static double round(double value) {
        return new BigDecimal(Double.toString(value)).setScale(2, RoundingMode.HALF_UP).doubleValue();
    }
}
