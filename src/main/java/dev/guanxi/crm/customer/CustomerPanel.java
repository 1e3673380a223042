package dev.guanxi.crm.customer;

import java.util.List;

/**
 * A card another module adds to the customer 360 page without the customer module knowing it: any bean
 * implementing this interface is asked for its rows when the page is shown (for a customer the user may see).
 * Rows are label keys (message keys of the contributing module's bundle) and ready-formatted values.
 */
public interface CustomerPanel {

    /** Message key of the card's title. */
    String titleKey();

    /** The rows to show for this customer; empty to hide the card. */
    List<Row> rows(long customerId);

    /** A path in this application for "more" (e.g. the module's page of this customer), or null for none. */
    default String link(long customerId) {
        return null;
    }

    record Row(String labelKey, String value) {
    }
}
