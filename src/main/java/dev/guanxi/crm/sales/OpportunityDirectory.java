package dev.guanxi.crm.sales;

import java.util.Optional;

/** Read access to opportunities for other modules. */
public interface OpportunityDirectory {

    /** The customer the opportunity belongs to, when it exists. */
    Optional<Long> customerOf(long opportunityId);
}
