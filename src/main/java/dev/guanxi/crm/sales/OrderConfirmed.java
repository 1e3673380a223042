package dev.guanxi.crm.sales;

import java.math.BigDecimal;
import java.time.LocalDate;

/** An order became binding: its amount is owed by the customer. */
public record OrderConfirmed(long orderId, long customerId, BigDecimal total, String currency, LocalDate orderDate,
                             long ownerId, Long teamId) {
}
