package dev.guanxi.crm.sales;

import dev.guanxi.crm.common.ImportTarget;

import java.util.List;
import java.util.Map;

/**
 * Bulk writes of imported leads, owned by the importing user. Existing leads the user sees are matched by phone or
 * e-mail; converted and disqualified leads are not updated. Undo deletes created leads that are still new and
 * restores updated ones unless edited since.
 */
public interface LeadImportTarget extends ImportTarget {

    List<String> FIELDS = List.of("name", "company", "title", "phone", "email", "source", "notes");

    @Override
    default List<String> fields() {
        return FIELDS;
    }

    @Override
    default Map<String, String> matchKeys() {
        return ImportTarget.keys("PHONE", "phone", "EMAIL", "email");
    }
}
