package dev.guanxi.crm.customer;

import java.io.IOException;

/**
 * The customers of a list view for an export, streamed from a database cursor: never the whole list in memory.
 * Visibility (own, team, all) and masking of personal data follow the signed-in user, as on the list.
 */
public interface CustomerExportSource {

    /**
     * Hands every customer matching {@code query}, in the list's {@code sort} order, to {@code sink}.
     *
     * @param sort a sort of the customer list (newest, oldest, name, name_desc) or null for the default
     * @return the number of rows handed to the sink
     * @throws dev.guanxi.crm.common.InvalidInputException for an unknown sort, before the first row
     */
    long stream(CustomerQuery query, String sort, Sink sink) throws IOException;

    /** Whether the signed-in user sees personal data unmasked. */
    boolean seesPersonalData();

    @FunctionalInterface
    interface Sink {
        void accept(ExportedCustomer customer) throws IOException;
    }
}
