package dev.guanxi.crm.customer;

import java.util.List;
import java.util.Map;

/**
 * A module's part in merging two customers: every module that stores records of a customer (contacts, activities,
 * opportunities, orders, payments, tickets, points, campaign memberships …) provides one as a bean. The customer
 * module calls all of them in the merge's transaction, and again when the merge is undone.
 * {@link CustomerReferences} does it for tables that only point at a customer by a column.
 */
public interface CustomerMergeParticipant {

    /** A stable name, unique among participants; stored with the merge to find this participant at undo. */
    String name();

    /**
     * Moves every record of customer {@code from} to customer {@code to}, in the caller's transaction.
     *
     * @return the moved records' ids per table (or any key the participant chooses), exactly what {@link #moveBack}
     * needs to undo the move; empty when nothing was moved
     */
    Map<String, List<Long>> moveRecords(long from, long to);

    /**
     * Moves the records {@link #moveRecords} returned back from customer {@code to} (the survivor) to customer
     * {@code from}, in the caller's transaction.
     */
    void moveBack(Map<String, List<Long>> moved, long from, long to);
}
