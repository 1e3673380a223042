package dev.guanxi.crm.sales;

/** The life of an order: draft → confirmed → shipped → delivered → completed, or cancelled before shipping. */
public enum OrderStatus {
    DRAFT, CONFIRMED, SHIPPED, DELIVERED, COMPLETED, CANCELLED;

    /** Confirmed and later (not cancelled): the order is owed. */
    public boolean isReceivable() {
        return this == CONFIRMED || this == SHIPPED || this == DELIVERED || this == COMPLETED;
    }
}
