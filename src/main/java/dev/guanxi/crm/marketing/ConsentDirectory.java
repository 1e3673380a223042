package dev.guanxi.crm.marketing;

/** Whether a customer opted out of a channel (for modules that contact customers in other ways). */
public interface ConsentDirectory {

    boolean optedOut(long customerId, MessageChannel channel);
}
