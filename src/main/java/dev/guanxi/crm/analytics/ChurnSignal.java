package dev.guanxi.crm.analytics;

import java.time.LocalDate;
import java.util.Set;

/**
 * A churn warning another module knows about (an open complaint, a low satisfaction or NPS score, ...). Modules
 * implement it as a Spring bean; every scoring run asks each bean once, set-based, and adds {@link #code()} to the
 * churn reasons of the customers it names. Analytics does not depend on the implementing module.
 *
 * <p>The churn list shows the reason with the message key {@code churn.reason.<code>} when some bundle has it,
 * else the code itself.
 */
public interface ChurnSignal {

    /** The reason code, upper case, e.g. {@code OPEN_COMPLAINT} or {@code LOW_CSAT}; at most 40 characters. */
    String code();

    /** The ids of the customers this signal warns about on {@code asOf}; called once per run, without a user. */
    Set<Long> flaggedCustomers(LocalDate asOf);
}
