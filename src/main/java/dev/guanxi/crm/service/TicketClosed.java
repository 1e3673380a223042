package dev.guanxi.crm.service;

import java.time.Instant;

/**
 * A ticket was closed. Published by the service module after the closing transaction; the satisfaction survey
 * (CSAT) is sent on it. Handlers must be idempotent: the event may be delivered again.
 *
 * @param agentId the ticket's owner when it closed, null when it had none
 * @param teamId  the ticket's queue/team when it closed, null when it had none
 */
public record TicketClosed(long ticketId, long customerId, Long contactId, Long agentId, Long teamId,
                           String ticketType, Instant closedAt) {
}
