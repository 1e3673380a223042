package dev.guanxi.crm.customer;

/** A classification dimension of DOMAIN §1; labels are in messages.properties under enum.LoyaltyStatus.*. */
public enum LoyaltyStatus {
    POTENTIAL, NEW, REPEAT, LOYAL
}
