package dev.guanxi.crm.service.internal;

import dev.guanxi.crm.customer.ValueTier;
import dev.guanxi.crm.service.TicketPriority;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * First-response and resolution times in business minutes for a priority and a customer value tier (null: every
 * tier without its own policy).
 */
public record SlaPolicy(Long id, @NotNull TicketPriority priority, ValueTier valueTier,
                        @NotNull @Min(1) @Max(525600) Integer firstResponseMinutes,
                        @NotNull @Min(1) @Max(525600) Integer resolutionMinutes, Integer version) {
}
