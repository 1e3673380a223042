package dev.guanxi.crm.service;

import java.util.Optional;

/**
 * Read access to tickets for other modules, without a visibility filter (for pages without a signed-in user, such
 * as a survey answered through a signed link, and for background jobs). Screens for users go through the service
 * module's own pages and API, which apply visibility.
 */
public interface TicketDirectory {

    Optional<TicketSummary> find(long ticketId);
}
