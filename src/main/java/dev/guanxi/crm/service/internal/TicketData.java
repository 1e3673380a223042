package dev.guanxi.crm.service.internal;

import dev.guanxi.crm.service.TicketChannel;
import dev.guanxi.crm.service.TicketPriority;
import dev.guanxi.crm.service.TicketType;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** What a ticket is opened or edited with (the type and customer cannot change once opened). */
public record TicketData(@NotNull TicketType type, @NotNull TicketChannel channel, @NotNull TicketPriority priority,
                         @NotNull Long customerId, Long contactId, @NotBlank @Size(max = 200) String subject,
                         @Size(max = 20000) String description, Long ownerId, Long teamId) {
}
