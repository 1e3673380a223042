package dev.guanxi.crm.sales;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Order lines and their money for after-sales (售后): what was bought, paid and already refunded per line, and
 * refunds written as negative payments. Other modules read orders only through this interface.
 */
public interface OrderLedger {

    /** The line when its order exists and the signed-in user may see the order. */
    Optional<LineFacts> line(long orderLineId);

    /** The lines of an order the signed-in user may see (empty when the order is hidden or unknown). */
    List<LineFacts> lines(long orderId);

    /**
     * Locks the line's order until the transaction ends (refunds of one order are serialized) and returns the
     * line's figures as they are now. Call it before checking a refund amount, in the refund's transaction.
     */
    LineFacts lockForRefund(long orderLineId);

    /**
     * Refunds money paid for a line, in the caller's transaction: writes one negative payment, lowers the order's
     * paid amount and its total alike (so the refund never reappears as an open receivable), records audit and
     * timeline, and publishes {@link PaymentReceived} with the negative amount.
     *
     * @return the id of the negative payment
     * @throws dev.guanxi.crm.common.ConflictException when {@code amount} exceeds {@link LineFacts#refundable()}
     */
    long recordRefund(long orderLineId, BigDecimal amount, String reference);

    /**
     * One order line as after-sales sees it.
     *
     * @param paid        this line's share of what was paid on the order (before refunds), at most its total
     * @param refunded    what was already refunded for this line (positive)
     * @param deliveredOn the day the order was delivered; null when it has not been delivered (or not recorded)
     */
    record LineFacts(long orderLineId, long orderId, String orderNumber, int lineNo, long customerId,
                     long ownerId, Long teamId, long productId, String productName, BigDecimal quantity,
                     BigDecimal unitPrice, BigDecimal lineTotal, String currency, OrderStatus orderStatus,
                     LocalDate orderDate, LocalDate deliveredOn, BigDecimal paid, BigDecimal refunded) {

        /** What may still be refunded for this line. */
        @JsonProperty("refundable")
        public BigDecimal refundable() {
            return paid.subtract(refunded).max(BigDecimal.ZERO);
        }

        /** Whether the goods reached the customer (delivered or completed). */
        @JsonProperty("delivered")
        public boolean delivered() {
            return orderStatus == OrderStatus.DELIVERED || orderStatus == OrderStatus.COMPLETED;
        }
    }
}
