package dev.guanxi.crm.marketing.internal;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A coupon as entered. {@code sharedCode} set: one code for everyone (within the limits); empty: unique codes,
 * generated in bulk or issued one per customer of a segment.
 */
public record CouponData(
        @NotBlank(message = "{validation.required}") @Size(max = 200, message = "{validation.size.max}") String name,
        Long campaignId,
        @NotNull(message = "{validation.required}") DiscountType discountType,
        @NotNull(message = "{validation.required}") @DecimalMin(value = "0.01", message = "{validation.positive}")
        @Digits(integer = 16, fraction = 2, message = "{validation.money}") BigDecimal discountValue,
        @DecimalMin(value = "0", message = "{validation.not-negative}")
        @Digits(integer = 16, fraction = 2, message = "{validation.money}") BigDecimal minSpend,
        @NotNull(message = "{validation.required}") LocalDate validFrom,
        @NotNull(message = "{validation.required}") LocalDate validUntil,
        @Min(value = 1, message = "{validation.positive}") Integer totalLimit,
        @Min(value = 1, message = "{validation.positive}") @Max(value = 1000, message = "{coupon.per-customer-max}")
        Integer perCustomerLimit,
        @Size(min = 4, max = 40, message = "{coupon.code-format}")
        @Pattern(regexp = "[A-Za-z0-9_-]*", message = "{coupon.code-format}") String sharedCode) {

    public enum DiscountType { FIXED, PERCENT }
}
