package dev.guanxi.crm.service.internal;

import java.time.Instant;

public record TicketComment(long id, long ticketId, long authorId, String authorName, String body,
                            boolean customerVisible, Instant createdAt) {
}
