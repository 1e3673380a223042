package dev.guanxi.crm.marketing.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Coupon arithmetic. */
final class Coupons {

    private Coupons() {
    }

    static BigDecimal discount(CouponData.DiscountType type, BigDecimal value, BigDecimal subtotal) {
        BigDecimal off = type == CouponData.DiscountType.PERCENT
                ? subtotal.multiply(value).divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_UP)
                : value.setScale(2, RoundingMode.HALF_UP);
        return off.min(subtotal).max(BigDecimal.ZERO);
    }
}
