package dev.guanxi.crm.service.internal;

import dev.guanxi.crm.service.TicketPriority;
import dev.guanxi.crm.service.TicketStatus;
import dev.guanxi.crm.service.TicketType;

/**
 * Filters of the ticket list (UI and API bind the same query parameters).
 *
 * @param state   "open" (not closed), "closed", or empty for all
 * @param overdue true: only unresolved tickets past a deadline
 * @param sort    created (newest first, default), priority, due (resolution deadline), subject
 */
public record TicketQuery(String q, TicketStatus status, TicketType type, TicketPriority priority, Long ownerId,
                          Long teamId, Long customerId, String state, Boolean overdue, String sort) {

    public static TicketQuery empty() {
        return new TicketQuery(null, null, null, null, null, null, null, null, null, null);
    }
}
