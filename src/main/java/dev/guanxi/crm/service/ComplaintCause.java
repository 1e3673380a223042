package dev.guanxi.crm.service;

/** Why a customer complained (投诉原因), as the complaint is recorded. */
public enum ComplaintCause {
    PRODUCT_QUALITY, SERVICE_STAFF, CUSTOMER_MISUSE, EXPECTATION_TOO_HIGH
}
