package dev.guanxi.crm.customer;

/** A classification dimension of DOMAIN §1; labels are in messages.properties under enum.Settlement.*. */
public enum Settlement {
    CASH, PREPAID, CREDIT
}
