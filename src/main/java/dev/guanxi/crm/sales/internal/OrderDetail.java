package dev.guanxi.crm.sales.internal;

import dev.guanxi.crm.sales.OrderStatus;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** An order with its lines and payments, as shown on its page and returned by the API. */
public record OrderDetail(long id, String number, long customerId, String customerName, long ownerId,
                          OrderStatus status, LocalDate orderDate, LocalDate dueDate, String currency,
                          List<Line> lines, BigDecimal total, BigDecimal paid, BigDecimal balance, boolean overdue,
                          String notes, int version, List<PaymentView> payments, String couponCode,
                          BigDecimal discount) {

    public record Line(int lineNo, long productId, String productName, BigDecimal quantity, BigDecimal unitPrice,
                       BigDecimal discountPct, BigDecimal taxPct, BigDecimal lineTotal) {
    }

    static OrderDetail of(Order o, String customerName, List<PaymentView> payments, LocalDate today,
                          Orders.Discount discount) {
        return new OrderDetail(o.id(), o.number(), o.customerId(), customerName, o.ownerId(), o.status(),
                o.orderDate(), o.dueDate(), o.currency(),
                o.lines().stream().map(l -> new Line(l.lineNo(), l.productId(), l.productName(), l.quantity(),
                        l.unitPrice(), l.discountPct(), l.taxPct(), l.total())).toList(),
                o.total(), o.paid(), o.balance(), o.overdue(today), o.notes(), o.version(), payments,
                discount.couponCode(), discount.amount());
    }
}
