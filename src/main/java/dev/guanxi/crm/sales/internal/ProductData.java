package dev.guanxi.crm.sales.internal;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;

/** The editable fields of a product. */
public record ProductData(
        @NotBlank(message = "{validation.required}") @Pattern(regexp = "^$|^[A-Za-z0-9._\\-]{1,40}$", message = "{validation.sku}") String sku,
        @NotBlank(message = "{validation.required}") @Size(max = 200, message = "{validation.size.max}") String name,
        @Size(max = 100, message = "{validation.size.max}") String category,
        @Size(max = 20, message = "{validation.size.max}") String unit,
        @NotNull(message = "{validation.required}") @DecimalMin(value = "0", message = "{validation.not-negative}")
        @Digits(integer = 16, fraction = 2, message = "{validation.money}") BigDecimal listPrice,
        Boolean active) {

    public ProductData normalized() {
        return new ProductData(sku == null ? null : sku.strip(), name == null ? null : name.strip(),
                category == null || category.isBlank() ? null : category.strip(),
                unit == null || unit.isBlank() ? "pcs" : unit.strip(), listPrice, !Boolean.FALSE.equals(active));
    }
}
