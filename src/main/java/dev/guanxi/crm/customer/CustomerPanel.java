package dev.guanxi.crm.customer;

import java.util.List;
import java.util.Optional;

/**
 * A panel of the customer 360 page contributed by another module (scores, points, open tickets, ...) without the
 * customer module knowing it: modules implement this as a Spring bean. The page calls every bean after it checked
 * that the signed-in user may see the customer, and shows the panels in {@link #order()}.
 */
public interface CustomerPanel {

    /** The panel for this customer, or empty to show none. */
    Optional<Panel> panel(long customerId);

    /** Smaller first. */
    default int order() {
        return 100;
    }

    /**
     * @param id       the panel's HTML id
     * @param titleKey message key of the title
     * @param rows     label and value lines
     * @param noteKey  message key of a short explanation under the rows (may be null)
     * @param noteArgs arguments of the note
     * @param link     a page with more (may be null), shown with {@code linkKey}
     */
    record Panel(String id, String titleKey, List<Row> rows, String noteKey, List<Object> noteArgs, String link,
                 String linkKey) {
    }

    /**
     * @param labelKey message key of the label
     * @param value    the value as text, shown when {@code valueKey} is null
     * @param valueKey message key of the value (an enum label), or null
     * @param hintKey  message key of a one-line explanation shown with the value (may be null)
     * @param hintArgs its arguments
     */
    record Row(String labelKey, String value, String valueKey, String hintKey, List<Object> hintArgs) {

        /** A plain label and value. */
        public Row(String labelKey, String value) {
            this(labelKey, value, null, null, List.of());
        }

        /** A label and a value given as a message key (an enum label, a state). */
        public static Row keyed(String labelKey, String valueKey) {
            return new Row(labelKey, null, valueKey, null, List.of());
        }
    }
}
