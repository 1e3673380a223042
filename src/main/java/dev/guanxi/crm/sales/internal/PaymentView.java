package dev.guanxi.crm.sales.internal;

import dev.guanxi.crm.sales.PaymentMethod;

import java.math.BigDecimal;
import java.time.LocalDate;

public record PaymentView(long id, long orderId, BigDecimal amount, String currency, PaymentMethod method,
                          LocalDate receivedOn, String reference) {
}
