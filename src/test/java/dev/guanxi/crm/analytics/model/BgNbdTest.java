package dev.guanxi.crm.analytics.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class BgNbdTest {

    static final BgNbd.Fit CDNOW = fitCdnow();

    static BgNbd.Fit fitCdnow() {
        Datasets.Cdnow data = Datasets.cdnow();
        return BgNbd.fit(data.x(), data.tx(), data.age());
    }

    @Test
    void fitsTheCdnowParametersAndLogLikelihoodOfThePaper() {
        // Fader, Hardie & Lee (2005), section 5: r = 0.243, α = 4.414, a = 0.793, b = 2.426, LL = −9582.4
        BgNbd.Parameters p = CDNOW.parameters();
        System.out.println("CDNOW BG/NBD " + p + " LL=" + CDNOW.logLikelihood() + " it=" + CDNOW.iterations());
        assertThat(p.r()).isCloseTo(0.243, within(0.0005));
        assertThat(p.alpha()).isCloseTo(4.414, within(0.0005));
        assertThat(p.a()).isCloseTo(0.793, within(0.0005));
        assertThat(p.b()).isCloseTo(2.426, within(0.0005));
        assertThat(CDNOW.logLikelihood()).isCloseTo(-9582.4, within(0.05));
        assertThat(CDNOW.customers()).isEqualTo(2357);
    }

    @Test
    void conditionalExpectationOfThePapersExampleCustomer() {
        // the paper's customer with x = 2, t_x = 30.43, T = 38.86 (sample id 1): 1.226 purchases in the next 39 weeks
        assertThat(CDNOW.model().conditionalExpectedPurchases(39, 2, 30.43, 38.86)).isCloseTo(1.226, within(0.0005));
    }

    @Test
    void expectedPurchasesOfANewCustomerAsInHardiesSpreadsheet() {
        // E[X(t)] of the fitted model, as tabulated in Hardie's BG/NBD spreadsheet (4 dp; lifetimes checks 3 dp)
        BgNbd model = CDNOW.model();
        double[] t = {0.1429, 1.0, 3.00, 31.8571, 32.00, 78.00};
        double[] expected = {0.0078, 0.0532, 0.1506, 1.0405, 1.0437, 1.8576};
        for (int i = 0; i < t.length; i++) {
            assertThat(model.expectedPurchases(t[i])).as("E[X(%s)]", t[i]).isCloseTo(expected[i], within(0.00051));
        }
        assertThat(model.expectedPurchases(0)).isZero();
    }

    @Test
    void probabilityOfNPurchasesMatchesRBtyd() {
        // R BTYD 2.4 manual, bgnbd.pmf with the paper's parameters
        BgNbd model = BgNbd.of(new BgNbd.Parameters(0.243, 4.414, 0.793, 2.426));
        assertThat(model.probabilityOfPurchases(10, 2)).isCloseTo(1.07869e-07, within(1e-11));
        assertThat(model.probabilityOfPurchases(0, 39)).isCloseTo(0.5737864, within(1e-6));
        double total = 0;
        for (int n = 0; n < 2000; n++) {
            total += model.probabilityOfPurchases(n, 39);
        }
        assertThat(total).isCloseTo(1, within(1e-9));
        // the mean of the distribution is E[X(t)]
        double mean = 0;
        for (int n = 0; n < 20_000; n++) {
            mean += n * model.probabilityOfPurchases(n, 10);
        }
        assertThat(mean).isCloseTo(model.expectedPurchases(10), within(1e-8));
    }

    @Test
    void probabilityAliveIsOneWithoutRepeatPurchaseAndFollowsTheClosedForm() {
        BgNbd model = CDNOW.model();
        assertThat(model.probabilityAlive(0, 0, 38.86)).isEqualTo(1.0);
        BgNbd.Parameters p = model.parameters();
        double x = 2;
        double tx = 30.43;
        double age = 38.86;
        double direct = 1 / (1 + p.a() / (p.b() + x - 1) * Math.pow((p.alpha() + age) / (p.alpha() + tx), p.r() + x));
        assertThat(model.probabilityAlive(x, tx, age)).isCloseTo(direct, within(1e-12));
        // a customer who bought recently is more likely alive than one with the same x who stopped long ago
        assertThat(model.probabilityAlive(5, 38, 38.86)).isGreaterThan(model.probabilityAlive(5, 5, 38.86));
    }

    @Test
    void conditionalExpectationAgreesWithTheUntransformedSeriesWhereThatConverges() {
        BgNbd model = CDNOW.model();
        BgNbd.Parameters p = model.parameters();
        double x = 3;
        double tx = 20;
        double age = 35;
        double t = 20;
        // lifetimes' form: (a+b+x-1)/(a-1) (1 - 2F1(r+x, b+x; a+b+x-1; z) ((α+T)/(α+T+t))^(r+x)) P(alive)
        double z = t / (p.alpha() + age + t);
        double hyp = SpecialFunctions.hyp2f1(p.r() + x, p.b() + x, p.a() + p.b() + x - 1, z);
        double plain = (p.a() + p.b() + x - 1) / (p.a() - 1)
                * (1 - hyp * Math.pow((p.alpha() + age) / (p.alpha() + age + t), p.r() + x))
                * model.probabilityAlive(x, tx, age);
        assertThat(model.conditionalExpectedPurchases(t, x, tx, age)).isCloseTo(plain, within(1e-10));
    }

    @Test
    void enormousFrequencyGivesFiniteResults() {
        BgNbd model = CDNOW.model();
        double alive = model.probabilityAlive(10_000, 3_000, 3_100);
        double expected = model.conditionalExpectedPurchases(52, 10_000, 3_000, 3_100);
        double loglik = model.logLikelihood(10_000, 3_000, 3_100);
        assertThat(alive).isFinite().isBetween(0.0, 1.0);
        assertThat(expected).isFinite().isPositive();
        assertThat(loglik).isFinite(); // a density: may be positive
        // an active heavy buyer (bought at the end) is alive and keeps buying at about x / T per week
        assertThat(model.probabilityAlive(10_000, 3_100, 3_100)).isGreaterThan(0.99);
        assertThat(model.conditionalExpectedPurchases(52, 10_000, 3_100, 3_100)).isCloseTo(52 * 10_000 / 3_100.0,
                within(52 * 10_000 / 3_100.0 * 0.01));
        // and fitting with such a customer among the others stays finite
        Datasets.Cdnow data = Datasets.cdnow();
        double[] x = data.x().clone();
        double[] tx = data.tx().clone();
        double[] age = data.age().clone();
        x[0] = 10_000;
        tx[0] = 38;
        age[0] = 38.86;
        BgNbd.Fit fit = BgNbd.fit(x, tx, age);
        assertThat(fit.logLikelihood()).isFinite();
    }

    @Test
    void rejectsInvalidCustomers() {
        BgNbd model = CDNOW.model();
        assertThatThrownBy(() -> model.probabilityAlive(-1, 0, 5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("frequency x");
        assertThatThrownBy(() -> model.probabilityAlive(2, 6, 5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not exceed the age T");
        assertThatThrownBy(() -> model.probabilityAlive(1.5, 1, 5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("whole number");
        assertThatThrownBy(() -> model.conditionalExpectedPurchases(-1, 1, 1, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("t must be");
        assertThatThrownBy(() -> model.conditionalExpectedPurchases(1, 1, Double.NaN, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("recency t_x");
        assertThatThrownBy(() -> BgNbd.fit(new double[] {1, 2}, new double[] {1}, new double[] {3, 3}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same length");
        assertThatThrownBy(() -> BgNbd.fit(new double[] {1}, new double[] {4}, new double[] {3}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not exceed");
        assertThatThrownBy(() -> new BgNbd.Parameters(0, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("r must be a positive");
    }

    @Test
    void aFitWithoutAnyRepeatPurchaseDoesNotConverge() {
        double[] zeros = new double[50];
        double[] age = new double[50];
        java.util.Arrays.fill(age, 10);
        assertThatThrownBy(() -> BgNbd.fit(zeros, zeros, age)).isInstanceOf(ModelFitException.class)
                .hasMessageContaining("BG/NBD");
    }
}
