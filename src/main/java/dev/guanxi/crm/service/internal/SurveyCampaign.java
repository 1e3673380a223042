package dev.guanxi.crm.service.internal;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/** An NPS campaign: its target filters (as JSON), its language, when it was sent and to how many customers. */
public record SurveyCampaign(long id, String name, String language, String filters, int expiryDays, long createdBy,
                             Instant createdAt, Instant sentAt, int invited, int version) {

    @JsonProperty("sent")
    public boolean sent() {
        return sentAt != null;
    }
}
