package dev.guanxi.crm.activity.internal;

import dev.guanxi.crm.activity.ActivityType;

import java.time.Instant;

/** An activity as stored, with the names shown next to it. */
public record Activity(long id, ActivityType type, long customerId, String customerName, Long contactId,
                       Long opportunityId, String subject, String notes, Instant dueAt, Integer durationMinutes,
                       boolean done, Instant doneAt, long ownerId, String ownerName, Long teamId, int version) {

    public Activity withNames(String customer, String owner) {
        return new Activity(id, type, customerId, customer, contactId, opportunityId, subject, notes, dueAt,
                durationMinutes, done, doneAt, ownerId, owner, teamId, version);
    }
}
