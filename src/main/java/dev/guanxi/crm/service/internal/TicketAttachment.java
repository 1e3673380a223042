package dev.guanxi.crm.service.internal;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.time.Instant;

public record TicketAttachment(long id, long ticketId, String fileName, @JsonIgnore String storedName,
                               String contentType, long sizeBytes, long uploadedBy, Instant uploadedAt) {
}
