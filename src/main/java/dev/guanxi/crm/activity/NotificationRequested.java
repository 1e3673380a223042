package dev.guanxi.crm.activity;

/**
 * Asks the activity module to notify a user in the app (the bell) and, when mail is configured and the user gave an
 * address, by e-mail. Any module publishes it as an application event; it is handled after the publisher's
 * transaction commits, and the same (userId, kind, sourceRef) notifies once, so publishers may retry.
 *
 * @param kind        what it is about, e.g. TICKET_ESCALATED
 * @param sourceRef   identifies the occurrence, e.g. "ticket:42:breach:RESOLUTION:1"
 * @param link        a path in this application, or null
 * @param mailSubject the e-mail subject (the kind in both languages, e.g. "Ticket escalated 工单升级"); the title follows
 */
public record NotificationRequested(long userId, String kind, String sourceRef, String title, String detail,
                                    String link, String mailSubject) {
}
