package dev.guanxi.crm.service.internal;

import dev.guanxi.crm.common.ConflictException;
import dev.guanxi.crm.common.FieldProblem;
import dev.guanxi.crm.common.InvalidInputException;
import dev.guanxi.crm.service.ComplaintCause;
import dev.guanxi.crm.service.TicketStatus;
import dev.guanxi.crm.service.TicketType;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.guanxi.crm.service.TicketStatus.*;

/**
 * The workflow part of a ticket (the aggregate's state machine): its status and the complaint facts each step
 * records. {@link #moveTo} is the only way to change it, so no step can be skipped.
 *
 * <p>Complaints (投诉处理): RECEIVED → RECORDED (key points, cause, valid or invalid with a reason) →
 * SOLUTION_PROPOSED (solution) → CUSTOMER_CONFIRMED → FOLLOWED_UP (follow-up note) → CLOSED. A complaint judged
 * invalid (不成立) has no solution to propose: it goes from RECORDED straight to CLOSED, and only there.
 * <p>Inquiries and suggestions: OPEN → IN_PROGRESS → RESOLVED → CLOSED, and RESOLVED → IN_PROGRESS to reopen.
 */
public record TicketState(TicketType type, TicketStatus status, String keyPoints, Boolean valid, String invalidReason,
                          ComplaintCause cause, String solution, String followUp) {

    private static final Map<TicketStatus, Set<TicketStatus>> COMPLAINT = new EnumMap<>(Map.of(
            RECEIVED, EnumSet.of(RECORDED),
            RECORDED, EnumSet.of(SOLUTION_PROPOSED, CLOSED),
            SOLUTION_PROPOSED, EnumSet.of(CUSTOMER_CONFIRMED),
            CUSTOMER_CONFIRMED, EnumSet.of(FOLLOWED_UP),
            FOLLOWED_UP, EnumSet.of(CLOSED)));
    private static final Map<TicketStatus, Set<TicketStatus>> SIMPLE = new EnumMap<>(Map.of(
            OPEN, EnumSet.of(IN_PROGRESS),
            IN_PROGRESS, EnumSet.of(RESOLVED),
            RESOLVED, EnumSet.of(CLOSED, IN_PROGRESS)));

    /** What a step records: only the fields of the step taken are read. */
    public record Step(String keyPoints, Boolean valid, String invalidReason, ComplaintCause cause, String solution,
                       String followUp) {
        public static Step none() {
            return new Step(null, null, null, null, null, null);
        }
    }

    /** A new ticket of the type, in its first status. */
    public static TicketState opened(TicketType type) {
        return new TicketState(type, type == TicketType.COMPLAINT ? RECEIVED : OPEN, null, null, null, null, null, null);
    }

    /** The statuses this ticket may move to next (the invalid/valid judgement decides after RECORDED). */
    public Set<TicketStatus> allowedNext() {
        Set<TicketStatus> next = EnumSet.noneOf(TicketStatus.class);
        next.addAll((type == TicketType.COMPLAINT ? COMPLAINT : SIMPLE).getOrDefault(status, Set.of()));
        if (type == TicketType.COMPLAINT && status == RECORDED) {
            next.remove(Boolean.FALSE.equals(valid) ? SOLUTION_PROPOSED : CLOSED);
        }
        return next;
    }

    /**
     * The state after moving to {@code target}.
     *
     * @throws ConflictException     when the move is not allowed from here (409), naming the allowed next steps
     * @throws InvalidInputException when the step lacks what it must record (400)
     */
    public TicketState moveTo(TicketStatus target, Step step) {
        Set<TicketStatus> allowed = allowedNext();
        if (!allowed.contains(target)) {
            String next = allowed.isEmpty() ? "none (the ticket is closed)"
                    : allowed.stream().map(Enum::name).collect(Collectors.joining(", "));
            String why = type == TicketType.COMPLAINT && status == RECORDED && target == SOLUTION_PROPOSED
                    ? " An invalid complaint has no solution to propose; it can only be closed."
                    : type == TicketType.COMPLAINT && status == RECORDED && target == CLOSED
                    ? " A valid complaint is closed only after the solution is confirmed and followed up." : "";
            throw new ConflictException("A " + type.name().toLowerCase() + " cannot go from " + status + " to "
                    + target + "." + why + " Allowed next steps: " + next + ".");
        }
        Step s = step == null ? Step.none() : step;
        return switch (target) {
            case RECORDED -> recorded(s);
            case SOLUTION_PROPOSED -> {
                require(s.solution(), "solution", "complaint.validation.solution");
                yield with(target, keyPoints, valid, invalidReason, cause, s.solution().strip(), followUp);
            }
            case FOLLOWED_UP -> {
                require(s.followUp(), "followUp", "complaint.validation.follow-up");
                yield with(target, keyPoints, valid, invalidReason, cause, solution, s.followUp().strip());
            }
            default -> with(target, keyPoints, valid, invalidReason, cause, solution, followUp);
        };
    }

    private TicketState recorded(Step s) {
        List<FieldProblem> problems = new ArrayList<>();
        if (blank(s.keyPoints())) {
            problems.add(new FieldProblem("keyPoints", "complaint.validation.key-points"));
        }
        if (s.valid() == null) {
            problems.add(new FieldProblem("valid", "complaint.validation.validity"));
        } else if (!s.valid() && blank(s.invalidReason())) {
            problems.add(new FieldProblem("invalidReason", "complaint.validation.invalid-reason"));
        }
        if (s.cause() == null) {
            problems.add(new FieldProblem("cause", "complaint.validation.cause"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return with(RECORDED, s.keyPoints().strip(), s.valid(), s.valid() ? null : s.invalidReason().strip(),
                s.cause(), solution, followUp);
    }

    private TicketState with(TicketStatus to, String keyPoints, Boolean valid, String invalidReason,
                             ComplaintCause cause, String solution, String followUp) {
        return new TicketState(type, to, keyPoints, valid, invalidReason, cause, solution, followUp);
    }

    private static void require(String value, String field, String messageKey) {
        if (blank(value)) {
            throw new InvalidInputException(field, messageKey);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
