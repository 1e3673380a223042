package dev.guanxi.crm.customer;

/** A classification dimension of DOMAIN §1; labels are in messages.properties under enum.LifecycleStage.*. */
public enum LifecycleStage {
    PROSPECT, GROWTH, MATURITY, DECLINE, TERMINATED
}
