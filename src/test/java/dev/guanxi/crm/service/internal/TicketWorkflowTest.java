package dev.guanxi.crm.service.internal;

import dev.guanxi.crm.common.ConflictException;
import dev.guanxi.crm.common.InvalidInputException;
import dev.guanxi.crm.service.ComplaintCause;
import dev.guanxi.crm.service.TicketStatus;
import dev.guanxi.crm.service.TicketType;
import dev.guanxi.crm.service.internal.TicketState.Step;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.guanxi.crm.service.TicketStatus.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ticket aggregate's state machine, without Spring: every legal move works, every other one is a conflict. */
class TicketWorkflowTest {

    static final Step FULL = new Step("Tea arrived broken 茶叶破损", true, null, ComplaintCause.PRODUCT_QUALITY,
            "Send a new box 补发一盒", "Customer happy 客户满意");

    /** A complaint walked to {@code status} along the valid path. */
    static TicketState complaintAt(TicketStatus status, boolean valid) {
        Step step = valid ? FULL : new Step("Wants a discount", false, "Price agreed in contract", ComplaintCause.EXPECTATION_TOO_HIGH, null, null);
        TicketState s = TicketState.opened(TicketType.COMPLAINT);
        List<TicketStatus> path = valid ? List.of(RECEIVED, RECORDED, SOLUTION_PROPOSED, CUSTOMER_CONFIRMED, FOLLOWED_UP, CLOSED)
                : List.of(RECEIVED, RECORDED, CLOSED);
        for (TicketStatus next : path.subList(1, path.size())) {
            if (s.status() == status) {
                break;
            }
            s = s.moveTo(next, step);
        }
        assertThat(s.status()).isEqualTo(status);
        return s;
    }

    static TicketState simpleAt(TicketType type, TicketStatus status) {
        TicketState s = TicketState.opened(type);
        for (TicketStatus next : List.of(IN_PROGRESS, RESOLVED, CLOSED)) {
            if (s.status() == status) {
                break;
            }
            s = s.moveTo(next, Step.none());
        }
        assertThat(s.status()).isEqualTo(status);
        return s;
    }

    @Test
    void aValidComplaintWalksEveryStepAndRecordsWhatEachStepNeeds() {
        TicketState s = TicketState.opened(TicketType.COMPLAINT);
        assertThat(s.status()).isEqualTo(RECEIVED);
        s = s.moveTo(RECORDED, FULL);
        assertThat(s.keyPoints()).isEqualTo("Tea arrived broken 茶叶破损");
        assertThat(s.valid()).isTrue();
        assertThat(s.cause()).isEqualTo(ComplaintCause.PRODUCT_QUALITY);
        s = s.moveTo(SOLUTION_PROPOSED, FULL);
        assertThat(s.solution()).isEqualTo("Send a new box 补发一盒");
        s = s.moveTo(CUSTOMER_CONFIRMED, null);
        s = s.moveTo(FOLLOWED_UP, FULL);
        assertThat(s.followUp()).isEqualTo("Customer happy 客户满意");
        s = s.moveTo(CLOSED, null);
        assertThat(s.status()).isEqualTo(CLOSED);
        assertThat(s.allowedNext()).isEmpty();
    }

    @Test
    void everyComplaintTransitionOutsideTheTableIsAConflictNamingTheAllowedSteps() {
        Map<TicketStatus, Set<TicketStatus>> legalValid = Map.of(
                RECEIVED, EnumSet.of(RECORDED), RECORDED, EnumSet.of(SOLUTION_PROPOSED),
                SOLUTION_PROPOSED, EnumSet.of(CUSTOMER_CONFIRMED), CUSTOMER_CONFIRMED, EnumSet.of(FOLLOWED_UP),
                FOLLOWED_UP, EnumSet.of(CLOSED), CLOSED, EnumSet.noneOf(TicketStatus.class));
        int legal = 0;
        int illegal = 0;
        for (var from : legalValid.entrySet()) {
            TicketState s = complaintAt(from.getKey(), true);
            assertThat(s.allowedNext()).isEqualTo(from.getValue());
            for (TicketStatus to : TicketStatus.values()) {
                if (from.getValue().contains(to)) {
                    assertThat(s.moveTo(to, FULL).status()).isEqualTo(to);
                    legal++;
                } else {
                    assertThatThrownBy(() -> s.moveTo(to, FULL)).as(from.getKey() + " → " + to)
                            .isInstanceOf(ConflictException.class)
                            .hasMessageContaining("from " + from.getKey() + " to " + to)
                            .hasMessageContaining("Allowed next steps: " + (from.getValue().isEmpty() ? "none"
                                    : from.getValue().iterator().next().name()));
                    illegal++;
                }
            }
        }
        assertThat(legal).isEqualTo(5);
        assertThat(illegal).isEqualTo(6 * TicketStatus.values().length - 5);
    }

    @Test
    void anInvalidComplaintClosesRightAfterBeingRecordedAndCannotProposeASolution() {
        TicketState recorded = complaintAt(RECORDED, false);
        assertThat(recorded.valid()).isFalse();
        assertThat(recorded.invalidReason()).isEqualTo("Price agreed in contract");
        assertThat(recorded.allowedNext()).containsExactly(CLOSED);
        assertThatThrownBy(() -> recorded.moveTo(SOLUTION_PROPOSED, FULL)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("invalid complaint").hasMessageContaining("Allowed next steps: CLOSED");
        assertThat(recorded.moveTo(CLOSED, null).status()).isEqualTo(CLOSED);
        assertThatThrownBy(() -> complaintAt(RECORDED, true).moveTo(CLOSED, null))
                .as("a valid complaint cannot skip to closed").isInstanceOf(ConflictException.class)
                .hasMessageContaining("Allowed next steps: SOLUTION_PROPOSED");
    }

    @Test
    void recordingNeedsKeyPointsValidityCauseAndAReasonWhenInvalid() {
        TicketState received = TicketState.opened(TicketType.COMPLAINT);
        assertThatThrownBy(() -> received.moveTo(RECORDED, Step.none())).isInstanceOfSatisfying(
                InvalidInputException.class, e -> assertThat(e.problems()).extracting(p -> p.field())
                        .containsExactly("keyPoints", "valid", "cause"));
        assertThatThrownBy(() -> received.moveTo(RECORDED, new Step("x", false, " ", ComplaintCause.CUSTOMER_MISUSE, null, null)))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(p -> p.field()).containsExactly("invalidReason"));
        TicketState recorded = complaintAt(RECORDED, true);
        assertThatThrownBy(() -> recorded.moveTo(SOLUTION_PROPOSED, Step.none())).isInstanceOf(InvalidInputException.class);
        TicketState confirmed = complaintAt(CUSTOMER_CONFIRMED, true);
        assertThatThrownBy(() -> confirmed.moveTo(FOLLOWED_UP, Step.none())).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void inquiriesAndSuggestionsFollowTheSimpleFlowAndMayBeReopened() {
        Map<TicketStatus, Set<TicketStatus>> legal = Map.of(OPEN, EnumSet.of(IN_PROGRESS),
                IN_PROGRESS, EnumSet.of(RESOLVED), RESOLVED, EnumSet.of(CLOSED, IN_PROGRESS),
                CLOSED, EnumSet.noneOf(TicketStatus.class));
        for (TicketType type : List.of(TicketType.INQUIRY, TicketType.SUGGESTION)) {
            assertThat(TicketState.opened(type).status()).isEqualTo(OPEN);
            for (var from : legal.entrySet()) {
                TicketState s = simpleAt(type, from.getKey());
                for (TicketStatus to : TicketStatus.values()) {
                    if (from.getValue().contains(to)) {
                        assertThat(s.moveTo(to, null).status()).isEqualTo(to);
                    } else {
                        assertThatThrownBy(() -> s.moveTo(to, null)).as(type + " " + from.getKey() + " → " + to)
                                .isInstanceOf(ConflictException.class).hasMessageContaining("Allowed next steps");
                    }
                }
            }
        }
        assertThatThrownBy(() -> TicketState.opened(TicketType.INQUIRY).moveTo(RECORDED, FULL))
                .as("complaint steps are not for inquiries").isInstanceOf(ConflictException.class);
    }

    @Test
    void resolvedStatesCountForTheResolutionSla() {
        assertThat(EnumSet.allOf(TicketStatus.class).stream().filter(TicketStatus::isResolved).toList())
                .containsExactlyInAnyOrder(RESOLVED, CUSTOMER_CONFIRMED, FOLLOWED_UP, CLOSED);
    }
}
