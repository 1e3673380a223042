package dev.guanxi.crm.sales.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** A quote with its lines; {@code orderId} is set once the quote was accepted. */
public record QuoteDetail(long id, String number, long customerId, String customerName, Long opportunityId,
                          long ownerId, String status, LocalDate quoteDate, LocalDate validUntil, BigDecimal total,
                          String notes, Long orderId, int version, List<OrderDetail.Line> lines) {
}
