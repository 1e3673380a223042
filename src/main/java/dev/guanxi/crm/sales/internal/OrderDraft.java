package dev.guanxi.crm.sales.internal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A new order as entered: customer, date and lines; prices default to the product's list price. An optional coupon
 * code takes a discount off the subtotal (see {@link dev.guanxi.crm.sales.DiscountProvider}).
 */
public record OrderDraft(
        @NotNull(message = "{validation.required}") Long customerId,
        LocalDate orderDate,
        @Size(max = 2000, message = "{validation.size.max}") String notes,
        @NotEmpty(message = "{validation.order-lines}") @Size(max = 200, message = "{validation.order-lines-max}")
        List<@Valid Line> lines,
        @Size(max = 40, message = "{validation.size.max}") String couponCode) {

    public OrderDraft(Long customerId, LocalDate orderDate, String notes, List<Line> lines) {
        this(customerId, orderDate, notes, lines, null);
    }

    public record Line(
            @NotNull(message = "{validation.required}") Long productId,
            @NotNull(message = "{validation.required}") @DecimalMin(value = "0.001", message = "{validation.positive}")
            @Digits(integer = 11, fraction = 3, message = "{validation.quantity}") BigDecimal quantity,
            @DecimalMin(value = "0", message = "{validation.not-negative}")
            @Digits(integer = 16, fraction = 2, message = "{validation.money}") BigDecimal unitPrice,
            @DecimalMin(value = "0", message = "{validation.percent}") @DecimalMax(value = "100", message = "{validation.percent}")
            BigDecimal discountPct,
            @DecimalMin(value = "0", message = "{validation.percent}") @DecimalMax(value = "100", message = "{validation.percent}")
            BigDecimal taxPct) {
    }
}
