package dev.guanxi.crm.marketing.internal;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A dynamic segment as entered: name, description and rules. */
public record SegmentData(
        @NotBlank(message = "{validation.required}") @Size(max = 200, message = "{validation.size.max}") String name,
        @Size(max = 2000, message = "{validation.size.max}") String description,
        @NotNull(message = "{validation.required}") SegmentRules rules) {
}
