package dev.guanxi.crm.service.internal;

import java.time.Instant;

/** One survey invitation (a signed link) and its answer, when given. */
public record SurveyInvitation(long id, SurveyKind kind, Long campaignId, Long ticketId, long customerId,
                               String customerName, Long agentId, Long teamId, String language, Instant expiresAt,
                               String mailStatus, Instant createdAt, Integer score, String comment,
                               Instant answeredAt) {

    public boolean answered() {
        return answeredAt != null;
    }

    public boolean expired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    SurveyInvitation named(String name) {
        return new SurveyInvitation(id, kind, campaignId, ticketId, customerId, name, agentId, teamId, language,
                expiresAt, mailStatus, createdAt, score, comment, answeredAt);
    }
}
