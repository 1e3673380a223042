package dev.guanxi.crm.sales.internal;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Size;
import org.springframework.format.annotation.DateTimeFormat;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * How to convert a lead: attach to an existing customer ({@code customerId}) or create one; optionally open an
 * opportunity (when {@code opportunityName} is given).
 */
public record Conversion(
        Long customerId,
        @Size(max = 200, message = "{validation.size.max}") String opportunityName,
        @DecimalMin(value = "0", message = "{validation.not-negative}")
        @Digits(integer = 16, fraction = 2, message = "{validation.money}") BigDecimal amount,
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate expectedClose) {
}
