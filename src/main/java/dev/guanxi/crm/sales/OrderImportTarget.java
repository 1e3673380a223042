package dev.guanxi.crm.sales;

import dev.guanxi.crm.common.ImportTarget;
import dev.guanxi.crm.customer.CustomerReference;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Bulk writes of imported orders: one row per order line, the lines of an order grouped by its number (the number
 * in the system the file comes from, kept with the order). The order's customer is named by a
 * {@link CustomerReference} and must be visible to the importing user; products are named by SKU. An order whose
 * number exists is never rewritten (create only); an order with any bad line is rejected as a whole. Undo deletes
 * created orders that have no payments yet.
 */
public interface OrderImportTarget extends ImportTarget {

    List<String> FIELDS = Stream.of(List.of("orderNumber"), CustomerReference.FIELDS,
            List.of("orderDate", "status", "dueDate", "notes", "sku", "quantity", "unitPrice", "discountPct",
                    "taxPct")).flatMap(List::stream).toList();

    @Override
    default List<String> fields() {
        return FIELDS;
    }

    @Override
    default List<String> required() {
        return List.of("orderNumber", "orderDate", "sku", "quantity");
    }

    @Override
    default Map<String, String> matchKeys() {
        return Map.of();
    }

    @Override
    default String groupField() {
        return "orderNumber";
    }
}
