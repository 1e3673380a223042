package dev.guanxi.crm.marketing.internal;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.time.LocalDate;

/** An expense claim (报销单据) of a campaign. */
public record ExpenseData(
        @NotNull(message = "{validation.required}") ExpenseCategory category,
        @NotNull(message = "{validation.required}") @DecimalMin(value = "0.01", message = "{validation.positive}")
        @Digits(integer = 16, fraction = 2, message = "{validation.money}") BigDecimal amount,
        @Size(max = 100, message = "{validation.size.max}") String receiptRef,
        LocalDate spentOn,
        @Size(max = 1000, message = "{validation.size.max}") String notes) {
}
