package dev.guanxi.crm.sales.internal;

import dev.guanxi.crm.sales.OrderStatus;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A row of the order and receivables lists. */
public record OrderSummary(long id, String number, long customerId, String customerName, long ownerId,
                           String ownerName, OrderStatus status, LocalDate orderDate, LocalDate dueDate,
                           BigDecimal total, BigDecimal paid, String currency, boolean overdue) {

    @JsonProperty
    public BigDecimal balance() {
        return total.subtract(paid);
    }
}
