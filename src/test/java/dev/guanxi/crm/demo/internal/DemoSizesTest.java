package dev.guanxi.crm.demo.internal;

import org.junit.jupiter.api.Test;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DemoSizesTest {

    @Test
    void unsetSizesKeepTheDemoRatios() {
        DemoSizes sizes = DemoSizes.from(new MockEnvironment(), 2000);

        assertThat(sizes).isEqualTo(DemoSizes.of(2000));
        assertThat(sizes.custom()).isFalse();
    }

    @Test
    void readsEverySize() {
        MockEnvironment env = new MockEnvironment().withProperty("guanxi.demo.customers", "100000")
                .withProperty("guanxi.demo.contacts", "20000").withProperty("guanxi.demo.opportunities", "30000")
                .withProperty("guanxi.demo.orders", "300_000").withProperty("guanxi.demo.order-lines", "1000000")
                .withProperty("guanxi.demo.activities", "200000").withProperty("guanxi.demo.tickets", " 20000 ");

        DemoSizes sizes = DemoSizes.from(env, 2000);

        assertThat(sizes).isEqualTo(new DemoSizes(100_000, 20_000L, 30_000L, 300_000L, 1_000_000L, 200_000L, 20_000L));
        assertThat(sizes.custom()).isTrue();
        assertThat(sizes).hasToString("100000 customers, 20000 contacts, 30000 opportunities, 300000 orders, "
                + "1000000 order-lines, 200000 activities, 20000 tickets");
    }

    @Test
    void refusesNegativeAndNonsenseValuesNamingTheProperty() {
        assertRefused("guanxi.demo.orders", "-5", "guanxi.demo.orders must not be negative: -5");
        assertRefused("guanxi.demo.tickets", "lots", "guanxi.demo.tickets must be a whole number of at least 0, not 'lots'");
        assertRefused("guanxi.demo.customers", "-1", "guanxi.demo.customers must not be negative: -1");
        assertRefused("guanxi.demo.customers", "3000000000", "guanxi.demo.customers=3000000000 is more than");
        assertThatThrownBy(() -> new DemoSizes(10, null, null, 100L, 99L, null, null))
                .hasMessageContaining("guanxi.demo.order-lines=99 is fewer than guanxi.demo.orders=100");
        assertThatThrownBy(() -> new DemoSizes(10, null, null, null, 99L, null, null))
                .hasMessageContaining("guanxi.demo.order-lines needs guanxi.demo.orders");
        assertThatThrownBy(() -> new DemoSizes(0, null, null, null, null, 5L, null))
                .hasMessageContaining("guanxi.demo.activities=5 needs customers");
    }

    @Test
    void theRunnerRefusesABadValueBeforeLoadingAnything() {
        MockEnvironment env = new MockEnvironment().withProperty("guanxi.demo.activities", "-2");

        assertThatThrownBy(() -> new DemoDataRunner(null, env).run(new DefaultApplicationArguments()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("guanxi.demo.activities must not be negative: -2");
    }

    private static void assertRefused(String property, String value, String message) {
        MockEnvironment env = new MockEnvironment().withProperty(property, value);
        assertThatThrownBy(() -> DemoSizes.from(env, 2000)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
