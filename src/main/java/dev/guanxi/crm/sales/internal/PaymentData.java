package dev.guanxi.crm.sales.internal;

import dev.guanxi.crm.sales.PaymentMethod;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Size;
import org.springframework.format.annotation.DateTimeFormat;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A payment received against an order. */
public record PaymentData(
        @NotNull(message = "{validation.required}") @DecimalMin(value = "0.01", message = "{validation.positive}")
        @Digits(integer = 16, fraction = 2, message = "{validation.money}") BigDecimal amount,
        @NotNull(message = "{validation.required}") PaymentMethod method,
        @PastOrPresent(message = "{validation.not-future}") @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate receivedOn,
        @Size(max = 100, message = "{validation.size.max}") String reference) {
}
