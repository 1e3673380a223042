package dev.guanxi.crm.service.internal;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;

/**
 * A new after-sales request against one order line.
 *
 * @param quantity how many units; the whole line when null
 * @param amount   the refund asked for; required for the refund types, empty for an exchange
 * @param reason   why; may stay empty for a no-reason return within the policy window
 */
public record ReturnDraft(
        @NotNull(message = "{validation.required}") Long orderLineId,
        @NotNull(message = "{validation.required}") ReturnType type,
        @DecimalMin(value = "0.001", message = "{validation.positive}")
        @Digits(integer = 11, fraction = 3, message = "{validation.quantity}") BigDecimal quantity,
        @DecimalMin(value = "0.01", message = "{validation.positive}")
        @Digits(integer = 16, fraction = 2, message = "{validation.money}") BigDecimal amount,
        @Size(max = 500, message = "{validation.size.max}") String reason) {
}
