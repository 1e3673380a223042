package dev.guanxi.crm.activity.internal;

import dev.guanxi.crm.activity.ActivityType;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;

/** The editable fields of an activity; {@code ownerId} null means the signed-in user. */
public record ActivityData(
        @NotNull(message = "{validation.required}") ActivityType type,
        @NotNull(message = "{validation.required}") Long customerId,
        Long contactId,
        Long opportunityId,
        @NotBlank(message = "{validation.required}") @Size(max = 200, message = "{validation.size.max}") String subject,
        @Size(max = 10000, message = "{validation.size.max}") String notes,
        Instant dueAt,
        @Min(value = 0, message = "{validation.not-negative}") @Max(value = 10080, message = "{validation.activity.duration}")
        Integer durationMinutes,
        Long ownerId) {
}
