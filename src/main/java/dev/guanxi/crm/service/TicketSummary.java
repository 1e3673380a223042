package dev.guanxi.crm.service;

import java.time.Instant;

/** What other modules need to know about a ticket, e.g. the survey page naming the ticket it asks about. */
public record TicketSummary(long id, TicketType type, TicketStatus status, TicketPriority priority, String subject,
                            long customerId, Long contactId, Long ownerId, Long teamId, Instant createdAt,
                            Instant closedAt) {
}
