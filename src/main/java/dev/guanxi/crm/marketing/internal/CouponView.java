package dev.guanxi.crm.marketing.internal;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A coupon as listed and shown; {@code codes} counts its unique codes, {@code used} its current redemptions. */
public record CouponView(long id, String name, Long campaignId, String campaignName, CouponData.DiscountType discountType,
                         BigDecimal discountValue, BigDecimal minSpend, LocalDate validFrom, LocalDate validUntil,
                         Integer totalLimit, int perCustomerLimit, boolean unique, String sharedCode, int used,
                         boolean active, int version, long codes) {

    /** The amount taken off an order of {@code subtotal}: a percentage or a fixed amount, never above the subtotal. */
    public BigDecimal discountOn(BigDecimal subtotal) {
        return Coupons.discount(discountType, discountValue, subtotal);
    }
}
