package dev.guanxi.crm.service.internal;

import dev.guanxi.crm.common.ConflictException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.guanxi.crm.service.internal.ReturnStatus.*;
import static dev.guanxi.crm.service.internal.ReturnType.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReturnFlowTest {

    static final Map<ReturnType, List<ReturnStatus>> HAPPY_PATHS = Map.of(
            REFUND_BEFORE_RECEIPT, List.of(REQUESTED, APPROVED, REFUNDED),
            REFUND_AFTER_RECEIPT, List.of(REQUESTED, APPROVED, REFUNDED),
            RETURN_AND_REFUND, List.of(REQUESTED, APPROVED, GOODS_RETURNED, INSPECTED, REFUNDED),
            EXCHANGE, List.of(REQUESTED, APPROVED, GOODS_RETURNED, INSPECTED, EXCHANGED));

    @ParameterizedTest
    @EnumSource(ReturnType.class)
    void eachTypeWalksItsPathAndEveryOtherStepIsA409NamingTheAllowedOnes(ReturnType type) {
        List<ReturnStatus> path = HAPPY_PATHS.get(type);
        for (int i = 0; i + 1 < path.size(); i++) {
            ReturnStatus from = path.get(i);
            ReturnStatus to = path.get(i + 1);
            assertThatCode(() -> ReturnFlow.require("RMA-1", type, from, to)).doesNotThrowAnyException();
            for (ReturnStatus other : ReturnStatus.values()) {
                if (!ReturnFlow.next(type, from).contains(other)) {
                    assertThatThrownBy(() -> ReturnFlow.require("RMA-1", type, from, other))
                            .isInstanceOf(ConflictException.class)
                            .hasMessageContaining("cannot become " + other)
                            .hasMessageContaining("allowed next: ");
                }
            }
        }
        ReturnStatus last = path.get(path.size() - 1);
        assertThat(ReturnFlow.next(type, last)).isEmpty();
        assertThatThrownBy(() -> ReturnFlow.require("RMA-1", type, last, REFUNDED))
                .isInstanceOf(ConflictException.class).hasMessageContaining("it is closed");
    }

    @ParameterizedTest
    @EnumSource(ReturnType.class)
    void anyRequestMayBeRejectedBeforeApprovalAndNoneAfterClosing(ReturnType type) {
        assertThat(ReturnFlow.next(type, REQUESTED)).containsExactlyInAnyOrder(APPROVED, REJECTED);
        assertThat(ReturnFlow.next(type, REJECTED)).isEmpty();
    }

    @Test
    void goodsThatTravelBackMustBeReceivedAndInspectedBeforeMoneyOrAReplacementGoesOut() {
        assertThatThrownBy(() -> ReturnFlow.require("RMA-7", RETURN_AND_REFUND, APPROVED, REFUNDED))
                .isInstanceOf(ConflictException.class)
                .hasMessage("Return RMA-7 (RETURN_AND_REFUND) is APPROVED and cannot become REFUNDED; allowed next: GOODS_RETURNED.");
        assertThatThrownBy(() -> ReturnFlow.require("RMA-7", RETURN_AND_REFUND, GOODS_RETURNED, REFUNDED))
                .hasMessageContaining("allowed next: INSPECTED");
        assertThatThrownBy(() -> ReturnFlow.require("RMA-7", EXCHANGE, INSPECTED, REFUNDED))
                .hasMessageContaining("allowed next: REJECTED, EXCHANGED");
        assertThatThrownBy(() -> ReturnFlow.require("RMA-7", REFUND_BEFORE_RECEIPT, APPROVED, GOODS_RETURNED))
                .hasMessageContaining("allowed next: REFUNDED");
    }

    @Test
    void refundTypesNeverExchangeAndExchangesNeverRefund() {
        List<ReturnStatus> reachable = new ArrayList<>();
        for (ReturnStatus s : ReturnStatus.values()) {
            reachable.addAll(ReturnFlow.next(EXCHANGE, s));
        }
        assertThat(reachable).doesNotContain(REFUNDED);
        for (ReturnType t : List.of(REFUND_BEFORE_RECEIPT, REFUND_AFTER_RECEIPT, RETURN_AND_REFUND)) {
            for (ReturnStatus s : ReturnStatus.values()) {
                assertThat(ReturnFlow.next(t, s)).doesNotContain(EXCHANGED);
            }
        }
    }
}
