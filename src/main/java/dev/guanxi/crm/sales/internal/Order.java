package dev.guanxi.crm.sales.internal;

import dev.guanxi.crm.common.ConflictException;
import dev.guanxi.crm.common.InvalidInputException;
import dev.guanxi.crm.sales.OrderStatus;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import static dev.guanxi.crm.sales.OrderStatus.*;

/**
 * The order aggregate: it guards its own transitions (a step cannot be skipped; a paid order cannot be cancelled)
 * and its money (payments never exceed the total).
 */
public final class Order {

    private final long id;
    private final long customerId;
    private final long ownerId;
    private final Long teamId;
    private OrderStatus status;
    private final LocalDate orderDate;
    private LocalDate dueDate;
    private final String currency;
    private final List<OrderLine> lines;
    private final BigDecimal total;
    private BigDecimal paid;
    private final String notes;
    private final int version;

    Order(long id, long customerId, long ownerId, Long teamId, OrderStatus status, LocalDate orderDate,
          LocalDate dueDate, String currency, List<OrderLine> lines, BigDecimal total, BigDecimal paid, String notes,
          int version) {
        this.id = id;
        this.customerId = customerId;
        this.ownerId = ownerId;
        this.teamId = teamId;
        this.status = status;
        this.orderDate = orderDate;
        this.dueDate = dueDate;
        this.currency = currency;
        this.lines = List.copyOf(lines);
        this.total = total;
        this.paid = paid;
        this.notes = notes;
        this.version = version;
    }

    /** Confirms a draft; the amount becomes due after the customer's payment terms. */
    void confirm(int termDays) {
        require(status == DRAFT, "only a draft order can be confirmed");
        if (lines.isEmpty()) {
            throw new ConflictException("Order " + number() + " has no lines; add at least one line before confirming.");
        }
        status = CONFIRMED;
        dueDate = orderDate.plusDays(termDays);
    }

    void ship() {
        require(status == CONFIRMED, "only a confirmed order can be shipped");
        status = SHIPPED;
    }

    void deliver() {
        require(status == SHIPPED, "only a shipped order can be delivered");
        status = DELIVERED;
    }

    void complete() {
        require(status == DELIVERED, "only a delivered order can be completed");
        status = COMPLETED;
    }

    void cancel() {
        require(status == DRAFT || status == CONFIRMED, "only a draft or confirmed (not yet shipped) order can be cancelled");
        if (paid.signum() > 0) {
            throw new ConflictException("Order " + number() + " has payments of " + paid + " " + currency
                    + "; refund them before cancelling.");
        }
        status = CANCELLED;
    }

    /** Records money received; fails when the order is not owed or the amount exceeds the open balance. */
    void receive(BigDecimal amount) {
        require(status.isReceivable(), "payments are recorded against confirmed orders only");
        if (amount.compareTo(balance()) > 0) {
            throw new InvalidInputException("amount", "validation.payment-exceeds-balance", balance().toPlainString(), currency);
        }
        paid = paid.add(amount);
    }

    public BigDecimal balance() {
        return total.subtract(paid);
    }

    public boolean overdue(LocalDate today) {
        return status.isReceivable() && balance().signum() > 0 && dueDate != null && dueDate.isBefore(today);
    }

    public String number() {
        return number(id);
    }

    static String number(long id) {
        return String.format("SO-%06d", id);
    }

    private void require(boolean allowed, String rule) {
        if (!allowed) {
            throw new ConflictException("Order " + number() + " is " + status + ": " + rule + ".");
        }
    }

    public long id() { return id; }
    public long customerId() { return customerId; }
    public long ownerId() { return ownerId; }
    public Long teamId() { return teamId; }
    public OrderStatus status() { return status; }
    public LocalDate orderDate() { return orderDate; }
    public LocalDate dueDate() { return dueDate; }
    public String currency() { return currency; }
    public List<OrderLine> lines() { return lines; }
    public BigDecimal total() { return total; }
    public BigDecimal paid() { return paid; }
    public String notes() { return notes; }
    public int version() { return version; }
}
