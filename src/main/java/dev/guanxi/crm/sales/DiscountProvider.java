package dev.guanxi.crm.sales;

import java.math.BigDecimal;

/**
 * Discounts by code (coupons, 优惠券) applied to orders. Sales defines this SPI and calls it when an order is created
 * with a code; another module (marketing) implements it as a bean, so that sales does not depend on it. Without an
 * implementation, orders with a code are rejected.
 *
 * <p>Invalid codes are reported by throwing {@link dev.guanxi.crm.common.InvalidInputException} on the field
 * {@code couponCode} (a 400 naming the reason: unknown, expired, below minimum spend, used up ...).
 */
public interface DiscountProvider {

    /**
     * A discount for an order.
     *
     * @param amount      the amount taken off the subtotal (never more than the subtotal)
     * @param description what the discount is, for the order page (e.g. the coupon's name)
     */
    record Discount(String code, BigDecimal amount, String description) {
    }

    /** The discount the code would give the customer on an order of {@code subtotal}, without using it. */
    Discount quote(long customerId, String code, BigDecimal subtotal);

    /**
     * Uses the code for an order, in the caller's transaction; a code's limits hold under concurrency (the last use
     * goes to exactly one order).
     */
    Discount redeem(long orderId, long customerId, String code, BigDecimal subtotal);

    /** Gives back the use of the order's code (the order was cancelled unpaid); nothing when it had none. */
    void release(long orderId);
}
