package dev.guanxi.crm.service;

import java.util.Collection;
import java.util.Map;

/**
 * Open complaints per customer, e.g. for churn warnings of the analytics module. No visibility filter: callers label
 * or score customers their user already sees.
 */
public interface OpenComplaints {

    /** Complaints of the customer that are not closed. */
    long count(long customerId);

    /** Customers among the given ones with open complaints, and how many each has (customers without are absent). */
    Map<Long, Long> counts(Collection<Long> customerIds);
}
