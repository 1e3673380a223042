package dev.guanxi.crm.customer;

/** A classification dimension of DOMAIN §1; labels are in messages.properties under enum.CreditTerms.*. */
public enum CreditTerms {
    MONTHLY, QUARTERLY
}
