package dev.guanxi.crm.customer;

import dev.guanxi.crm.common.ImportTarget;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bulk writes of imported customers with the customer rules, validation and audit, for thousands of rows a second.
 * Created customers are soft-deleted on undo, updated ones restored unless edited since.
 */
public interface CustomerImportTarget extends ImportTarget {

    /** The fields an import can fill, named as in the customer API, in form order. */
    List<String> FIELDS = List.of("name", "kind", "customerType", "valueTier", "loyaltyStatus", "settlement",
            "creditTerms", "creditLimit", "lifecycleStage", "relationshipLevel", "industry", "occupation",
            "birthDate", "gender", "province", "city", "district", "address", "source", "tags", "phone", "email",
            "idNumber", "notes", "externalId");

    /** How a row finds the customer it updates (upsert) or must not duplicate (create-only). */
    enum MatchKey {
        NONE(null), PHONE("phone"), EMAIL("email"), EXTERNAL_ID("externalId");

        private final String field;

        MatchKey(String field) {
            this.field = field;
        }

        /** The field holding the key; null for {@link #NONE}. */
        public String field() {
            return field;
        }
    }

    @Override
    default List<String> fields() {
        return FIELDS;
    }

    @Override
    default Map<String, String> matchKeys() {
        Map<String, String> keys = new LinkedHashMap<>();
        for (MatchKey key : MatchKey.values()) {
            if (key.field() != null) {
                keys.put(key.name(), key.field());
            }
        }
        return keys;
    }
}
