package dev.guanxi.crm.identity;

/** What a role may do. Record visibility (own, team, all) is decided by {@link CurrentUser#scope()}. */
public enum Permission {
    VIEW_ALL_CUSTOMERS,
    EDIT_CUSTOMERS,
    VIEW_PERSONAL_DATA,
    VIEW_AUDIT,
    MANAGE_USERS,
    /** Create orders and record payments for visible customers. */
    SELL,
    /** Maintain the product catalogue and prices. */
    MANAGE_PRODUCTS,
    /** Set performance targets for the teams one manages and their members. */
    SET_TARGETS
}
