package dev.guanxi.crm.service.internal;

import dev.guanxi.crm.service.ComplaintCause;
import dev.guanxi.crm.service.TicketChannel;
import dev.guanxi.crm.service.TicketPriority;
import dev.guanxi.crm.service.TicketStatus;
import dev.guanxi.crm.service.TicketType;

import java.time.Instant;
import java.util.Set;

/**
 * A ticket as lists, pages and the API show it.
 *
 * @param responseMinutesLeft   business minutes until the first-response deadline (negative: overdue by), null once
 *                              responded or resolved
 * @param resolutionMinutesLeft business minutes until the resolution deadline (negative: overdue by), null once resolved
 * @param allowedNext           the statuses the workflow allows next
 */
public record Ticket(long id, TicketType type, TicketChannel channel, TicketPriority priority, TicketStatus status,
                     long customerId, String customerName, Long contactId, String contactName, String subject, String description,
                     Long ownerId, String ownerName, Long teamId, String teamName, Instant createdAt,
                     Instant firstResponseDue, Instant resolutionDue, Instant firstResponseAt, Instant resolvedAt,
                     Instant closedAt, int escalationLevel, String keyPoints, Boolean valid, String invalidReason,
                     ComplaintCause cause, String solution, String followUp, int version,
                     Long responseMinutesLeft, Long resolutionMinutesLeft, Set<TicketStatus> allowedNext) {

    public TicketState state() {
        return new TicketState(type, status, keyPoints, valid, invalidReason, cause, solution, followUp);
    }

    public boolean overdue() {
        return (responseMinutesLeft != null && responseMinutesLeft < 0)
                || (resolutionMinutesLeft != null && resolutionMinutesLeft < 0);
    }

    Ticket with(String customerName, String contactName, String ownerName, String teamName, Long responseLeft,
                Long resolutionLeft) {
        return new Ticket(id, type, channel, priority, status, customerId, customerName, contactId, contactName, subject,
                description,
                ownerId, ownerName, teamId, teamName, createdAt, firstResponseDue, resolutionDue, firstResponseAt,
                resolvedAt, closedAt, escalationLevel, keyPoints, valid, invalidReason, cause, solution, followUp,
                version, responseLeft, resolutionLeft, state().allowedNext());
    }
}
