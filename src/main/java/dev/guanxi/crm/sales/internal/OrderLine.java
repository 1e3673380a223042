package dev.guanxi.crm.sales.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** One line of an order: quantity × unit price, less the discount, plus the tax, rounded to cents. */
public record OrderLine(int lineNo, long productId, String productName, BigDecimal quantity, BigDecimal unitPrice,
                        BigDecimal discountPct, BigDecimal taxPct) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public BigDecimal total() {
        BigDecimal net = quantity.multiply(unitPrice)
                .multiply(HUNDRED.subtract(discountPct)).divide(HUNDRED, 10, RoundingMode.HALF_UP);
        return net.multiply(HUNDRED.add(taxPct)).divide(HUNDRED, 2, RoundingMode.HALF_UP);
    }
}
