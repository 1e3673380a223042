package dev.guanxi.crm.customer;

import dev.guanxi.crm.common.ImportTarget;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Bulk writes of imported contacts, each attached to the customer its row names ({@link CustomerReference}): the
 * customer must exist and be visible to the importing user. Existing contacts of that customer are matched by phone
 * or e-mail. Created contacts are deleted on undo, updated ones restored unless edited since.
 */
public interface ContactImportTarget extends ImportTarget {

    List<String> FIELDS = Stream.concat(CustomerReference.FIELDS.stream(),
            Stream.of("name", "title", "role", "phone", "email", "primary", "notes")).toList();

    @Override
    default List<String> fields() {
        return FIELDS;
    }

    @Override
    default Map<String, String> matchKeys() {
        return ImportTarget.keys("PHONE", "phone", "EMAIL", "email");
    }
}
