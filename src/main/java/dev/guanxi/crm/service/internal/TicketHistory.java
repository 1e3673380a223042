package dev.guanxi.crm.service.internal;

import dev.guanxi.crm.service.BreachKind;
import dev.guanxi.crm.service.TicketStatus;

import java.time.Instant;
import java.util.List;

/** What happened to a ticket: status changes (who, when), SLA breaches and escalations. */
public record TicketHistory(List<Transition> transitions, List<Breach> breaches, List<Escalation> escalations) {

    public record Transition(TicketStatus from, TicketStatus to, Long actorId, String actorName, String note, Instant at) {
    }

    public record Breach(BreachKind kind, Instant deadline, Instant detectedAt) {
    }

    public record Escalation(BreachKind breachKind, int level, Instant escalatedAt, List<String> notified) {
    }
}
