package dev.guanxi.crm.customer;

/** A classification dimension of DOMAIN §1; labels are in messages.properties under enum.ValueTier.*. */
public enum ValueTier {
    VIP, MAJOR, MEDIUM, SMALL
}
