package dev.guanxi.crm.sales;

import dev.guanxi.crm.common.ImportTarget;

import java.util.List;
import java.util.Map;

/**
 * Bulk writes of imported payments received (回款), each against the order its row names by number (an imported
 * order's own number or this system's {@code SO-000123}) that the importing user sees. Every row needs its reference
 * (bank or receipt number): a reference already recorded on that order is rejected, so a file imported twice does
 * not pay twice. Payments change their order's balance and cannot be undone by the import (refund them instead).
 */
public interface PaymentImportTarget extends ImportTarget {

    List<String> FIELDS = List.of("orderNumber", "amount", "receivedOn", "method", "reference");

    @Override
    default List<String> fields() {
        return FIELDS;
    }

    @Override
    default List<String> required() {
        return List.of("orderNumber", "amount", "reference");
    }

    @Override
    default Map<String, String> matchKeys() {
        return Map.of();
    }

    @Override
    default boolean undoable() {
        return false;
    }
}
