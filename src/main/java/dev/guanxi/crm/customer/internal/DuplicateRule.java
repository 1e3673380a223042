package dev.guanxi.crm.customer.internal;

import java.math.BigDecimal;
import java.util.List;

/**
 * How two customers are recognised as the same (客户信息整合). Exact rules compare normalized keys (the SQL functions
 * of migration V3_2, indexed); {@link #SIMILAR_NAME} compares person names by trigram similarity within a city and
 * runs only for customers just created, updated or imported (over all pairs of a million customers it is too slow
 * for a scan; the exact rules cover the scan).
 */
public enum DuplicateRule {
    PHONE(null, "0.95", "guanxi_phone_norm(%s.phone)"),
    EMAIL(null, "0.95", "guanxi_email_norm(%s.email)"),
    ORGANIZATION_NAME("ORGANIZATION", "0.90", "guanxi_org_norm(%s.name)"),
    NAME_AND_BIRTH_DATE("PERSON", "0.90", "lower(%s.name)", "%s.birth_date"),
    LATIN_NAME_AND_CITY("PERSON", "0.70", "guanxi_name_key(%s.name)", "%s.city"),
    NAME_AND_CITY("PERSON", "0.60", "lower(%s.name)", "%s.city"),
    SIMILAR_NAME("PERSON", "0.70");

    /** Customers of this kind only, or null for any. */
    final String kind;
    /** The score of a pair found by this rule alone (similarity rules scale it by the similarity). */
    final BigDecimal score;
    /** Key expressions over a table alias ({@code %s}); pairs agree on all of them. */
    final List<String> keys;

    DuplicateRule(String kind, String score, String... keys) {
        this.kind = kind;
        this.score = new BigDecimal(score);
        this.keys = List.of(keys);
    }

    boolean exact() {
        return !keys.isEmpty();
    }
}
