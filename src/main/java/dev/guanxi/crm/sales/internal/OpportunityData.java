package dev.guanxi.crm.sales.internal;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.format.annotation.DateTimeFormat;

import java.math.BigDecimal;
import java.time.LocalDate;

/** The editable fields of an opportunity; the stage changes only through a move. */
public record OpportunityData(
        @NotNull(message = "{validation.required}") Long customerId,
        @NotBlank(message = "{validation.required}") @Size(max = 200, message = "{validation.size.max}") String name,
        @NotNull(message = "{validation.required}") @DecimalMin(value = "0", message = "{validation.not-negative}")
        @Digits(integer = 16, fraction = 2, message = "{validation.money}") BigDecimal amount,
        @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate expectedClose,
        Long sourceCampaignId,
        @Size(max = 40, message = "{validation.size.max}") String stage,
        @Pattern(regexp = "^$|^[A-Z]{3}$", message = "{validation.currency}") String currency) {

    /** CNY unless another ISO 4217 code is given. */
    public String currencyOrDefault() {
        return currency == null || currency.isBlank() ? "CNY" : currency;
    }
}
