package dev.guanxi.crm.service.internal;

/** The four after-sales types of online shops (售后). */
public enum ReturnType {
    /** 未收到货退款: the goods never arrived (or are not delivered yet); money back, nothing to return. */
    REFUND_BEFORE_RECEIPT,
    /** 收到货仅退款: the customer keeps the goods and gets money back. */
    REFUND_AFTER_RECEIPT,
    /** 退货并退款: goods come back, are inspected, then money goes back. */
    RETURN_AND_REFUND,
    /** 换货不退款: goods come back, are inspected, a replacement goes out; no money moves. */
    EXCHANGE;

    /** Whether the goods travel back to us before the request is settled. */
    public boolean returnsGoods() {
        return this == RETURN_AND_REFUND || this == EXCHANGE;
    }

    public boolean refunds() {
        return this != EXCHANGE;
    }

    /** Whether the customer must have received the goods first. */
    public boolean needsDelivery() {
        return this != REFUND_BEFORE_RECEIPT;
    }
}
