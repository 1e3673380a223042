package dev.guanxi.crm.sales.internal;

import dev.guanxi.crm.sales.OrderStatus;
import org.springframework.format.annotation.DateTimeFormat;

import java.time.LocalDate;

/** Filters of the order and receivables lists (bound from query parameters). */
public record OrderQuery(Long customerId, OrderStatus status, Long ownerId,
                         @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                         @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, Boolean overdue) {

    public static OrderQuery empty() {
        return new OrderQuery(null, null, null, null, null, null);
    }
}
