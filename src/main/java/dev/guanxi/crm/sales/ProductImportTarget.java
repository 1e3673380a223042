package dev.guanxi.crm.sales;

import dev.guanxi.crm.common.ImportTarget;

import java.util.List;
import java.util.Map;

/**
 * Bulk writes of imported products, matched by SKU (product code, case-insensitive) which is unique: create-only
 * rejects a SKU that exists, upsert updates that product. Undo deletes created products that no order or quote
 * uses yet and restores updated ones unless edited since.
 */
public interface ProductImportTarget extends ImportTarget {

    List<String> FIELDS = List.of("sku", "name", "category", "unit", "listPrice", "active");

    @Override
    default List<String> fields() {
        return FIELDS;
    }

    @Override
    default List<String> required() {
        return List.of("sku", "name", "listPrice");
    }

    @Override
    default Map<String, String> matchKeys() {
        return Map.of("SKU", "sku");
    }
}
