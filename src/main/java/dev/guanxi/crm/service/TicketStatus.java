package dev.guanxi.crm.service;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a ticket stands. Complaints go RECEIVED → RECORDED → SOLUTION_PROPOSED → CUSTOMER_CONFIRMED → FOLLOWED_UP →
 * CLOSED (an invalid complaint closes right after RECORDED); inquiries and suggestions go OPEN → IN_PROGRESS →
 * RESOLVED → CLOSED.
 */
public enum TicketStatus {
    OPEN, IN_PROGRESS, RESOLVED,
    RECEIVED, RECORDED, SOLUTION_PROPOSED, CUSTOMER_CONFIRMED, FOLLOWED_UP,
    CLOSED;

    private static final Set<TicketStatus> RESOLVED_STATES = EnumSet.of(RESOLVED, CUSTOMER_CONFIRMED, FOLLOWED_UP, CLOSED);

    /** Whether the customer's problem counts as solved for the resolution SLA (a complaint: once confirmed). */
    public boolean isResolved() {
        return RESOLVED_STATES.contains(this);
    }
}
