package dev.guanxi.crm.sales;

import dev.guanxi.crm.sales.internal.OrderLine;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

/** Money arithmetic of order lines (the transitions are tested through the API in OrderApiTest). */
class OrderLineTest {

    @Test
    void lineTotalAppliesDiscountThenTaxAndRoundsToCents() {
        OrderLine line = new OrderLine(1, 1, "Tea", new BigDecimal("3"), new BigDecimal("19.99"),
                new BigDecimal("10"), new BigDecimal("13"));
        // 3 × 19.99 = 59.97; −10% = 53.973; +13% = 60.98949 → 60.99
        assertThat(line.total()).isEqualByComparingTo("60.99");
        OrderLine plain = new OrderLine(2, 1, "Tea", new BigDecimal("0.5"), new BigDecimal("100.00"),
                BigDecimal.ZERO, BigDecimal.ZERO);
        assertThat(plain.total()).isEqualByComparingTo("50.00");
    }
}
