package dev.guanxi.crm.analytics.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class CustomerLifetimeValueTest {

    static final BgNbd PURCHASES = BgNbdTest.CDNOW.model();
    static final GammaGamma SPEND = GammaGamma.of(new GammaGamma.Parameters(6.25, 3.74, 15.44));

    @Test
    void sumsDiscountedMonthlyIncrementsLikeLifetimes() {
        // lifetimes' _customer_lifetime_value with freq "W": factor 4.345, steps 1..12, (1 + d)^(i / factor)
        CustomerLifetimeValue clv = new CustomerLifetimeValue(PURCHASES, SPEND,
                CustomerLifetimeValue.Settings.of(12, 0.01, 1, PurchaseSummary.Unit.WEEKS));
        double x = 2;
        double tx = 30.43;
        double age = 38.86;
        double monetary = 22.35;
        double spend = SPEND.conditionalExpectedAverageSpend(x, monetary);
        double expected = 0;
        for (int i = 1; i <= 12; i++) {
            double inMonth = PURCHASES.conditionalExpectedPurchases(i * 4.345, x, tx, age)
                    - PURCHASES.conditionalExpectedPurchases((i - 1) * 4.345, x, tx, age);
            expected += spend * inMonth / Math.pow(1.01, i);
        }
        assertThat(clv.value(x, tx, age, monetary)).isCloseTo(expected, within(1e-9)).isPositive();
    }

    @Test
    void withoutDiscountItIsSpendTimesMarginTimesExpectedPurchases() {
        CustomerLifetimeValue clv = new CustomerLifetimeValue(PURCHASES, SPEND,
                new CustomerLifetimeValue.Settings(24, 0, 0.3, 4.345));
        double purchases = PURCHASES.conditionalExpectedPurchases(24 * 4.345, 5, 30, 38);
        assertThat(clv.value(5, 30, 38, 40)).isCloseTo(0.3 * SPEND.conditionalExpectedAverageSpend(5, 40) * purchases,
                within(1e-9));
        assertThat(clv.valueWithSpend(5, 30, 38, 100)).isCloseTo(0.3 * 100 * purchases, within(1e-9));
        // discounting lowers the value
        CustomerLifetimeValue discounted = new CustomerLifetimeValue(PURCHASES, SPEND,
                new CustomerLifetimeValue.Settings(24, 0.02, 0.3, 4.345));
        assertThat(discounted.value(5, 30, 38, 40)).isLessThan(clv.value(5, 30, 38, 40));
    }

    @Test
    void rejectsInvalidSettings() {
        assertThatThrownBy(() -> new CustomerLifetimeValue.Settings(0, 0.01, 1, 30))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("horizon");
        assertThatThrownBy(() -> new CustomerLifetimeValue.Settings(12, -0.01, 1, 30))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("discount rate");
        CustomerLifetimeValue clv = new CustomerLifetimeValue(PURCHASES, SPEND,
                CustomerLifetimeValue.Settings.of(12, 0.01, 1, PurchaseSummary.Unit.WEEKS));
        assertThatThrownBy(() -> clv.value(2, 40, 38, 10)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not exceed the age T");
    }
}
