package dev.guanxi.crm.sales;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Money received against an order (回款). */
public record PaymentReceived(long paymentId, long orderId, long customerId, BigDecimal amount, String currency,
                              PaymentMethod method, LocalDate receivedOn) {
}
