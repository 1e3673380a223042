package dev.guanxi.crm.customer;

import java.time.Instant;

/**
 * An entry of a customer's timeline. Any module publishes it as an application event; the customer module
 * stores it and shows it on the 360 page without knowing the publishing module. Publishing the same
 * (source, sourceRef, kind) twice stores it once, so handlers may be retried.
 *
 * @param kind      what happened, e.g. ORDER_PLACED, TICKET_CLOSED (message key {@code timeline.kind.<kind>} when present)
 * @param source    the publishing module, e.g. "sales"
 * @param sourceRef the id of the originating record or event, unique per source and kind
 */
public record TimelineEntry(long customerId, Instant occurredAt, String kind, String source, String sourceRef,
                            String title, String detail, String actorName) {
}
