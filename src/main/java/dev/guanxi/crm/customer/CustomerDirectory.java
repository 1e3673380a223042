package dev.guanxi.crm.customer;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** Read access to customers for other modules, with the signed-in user's visibility applied. */
public interface CustomerDirectory {

    /** The customer when it exists and the signed-in user may see it. */
    Optional<CustomerSummary> findVisible(long customerId);

    /** The customers among these ids that exist and the signed-in user may see, by id (one statement). */
    Map<Long, CustomerSummary> findVisible(Collection<Long> customerIds);

    /**
     * The live customers the signed-in user sees that the references name (a merged customer's id names the one it
     * was merged into; a phone shared by several customers names the oldest). References that find none are absent.
     */
    Map<CustomerReference, Long> resolve(Collection<CustomerReference> references);

    /** Names of the given customers (no visibility filter: for labelling records the user already sees). */
    Map<Long, String> names(Collection<Long> customerIds);

    /** Whether the contact exists, is not deleted, and belongs to the customer. */
    boolean hasContact(long customerId, long contactId);

    /**
     * E-mail addresses of the given live customers that have one, unmasked and without a visibility filter: only for
     * sending customers messages (e.g. survey invitations), never for showing.
     */
    Map<Long, String> emails(Collection<Long> customerIds);
}
