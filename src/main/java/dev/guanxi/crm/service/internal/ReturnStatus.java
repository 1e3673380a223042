package dev.guanxi.crm.service.internal;

/** Where an after-sales request stands; {@link ReturnFlow} says which step may follow which. */
public enum ReturnStatus {
    REQUESTED, APPROVED, REJECTED, GOODS_RETURNED, INSPECTED, REFUNDED, EXCHANGED;

    public boolean closed() {
        return this == REJECTED || this == REFUNDED || this == EXCHANGED;
    }
}
