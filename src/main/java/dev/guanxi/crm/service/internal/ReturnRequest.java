package dev.guanxi.crm.service.internal;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;

/** An after-sales request as pages and the API show it, with the steps that may follow. */
public record ReturnRequest(long id, String number, ReturnType type, ReturnStatus status, long orderId,
                            long orderLineId, String orderNumber, int lineNo, String productName, long customerId,
                            String customerName, long ownerId, Long teamId, BigDecimal quantity, BigDecimal amount,
                            String currency, String reason, String rejectReason, Boolean resellable,
                            String inspectionNote, BigDecimal refundedAmount, Long refundPaymentId, Instant createdAt,
                            Instant decidedAt, Instant goodsReturnedAt, Instant inspectedAt, Instant closedAt,
                            int version, Set<ReturnStatus> nextSteps) {

    static String number(long id) {
        return String.format("RMA-%06d", id);
    }

    /** Whether it was requested without a reason, under the no-reason return policy. */
    @JsonProperty("noReason")
    public boolean noReason() {
        return reason == null;
    }
}
