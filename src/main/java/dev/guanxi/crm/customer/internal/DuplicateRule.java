package dev.guanxi.crm.customer.internal;

import java.math.BigDecimal;
import java.util.List;

/**
 * How two customers are recognised as the same (客户信息整合). Exact rules compare normalized keys (the SQL functions
 * of migration V3_2 and the pinyin key column of V9_1, indexed); {@link #SIMILAR_NAME} compares person names by
 * trigram similarity within a city and runs only for customers just created, updated or imported (over all pairs of
 * a million customers it is too slow for a scan; the exact rules cover the scan).
 * <p>
 * The two pinyin rules share a key ({@link dev.guanxi.crm.customer.PinyinNameKey}) and split its pairs: a Chinese
 * name and a Latin spelling of it (张伟 and "Wei Zhang"; also "Zhangwei" and "Zhang Wei", which the Latin rule does
 * not split), and two different Chinese names read the same (张伟 and 章伟, 張偉), which is weaker evidence. Pairs
 * the Latin or the same-name rule finds already are left to them.
 */
public enum DuplicateRule {
    PHONE(null, "0.95", "guanxi_phone_norm(%s.phone)"),
    EMAIL(null, "0.95", "guanxi_email_norm(%s.email)"),
    ORGANIZATION_NAME("ORGANIZATION", "0.90", "guanxi_org_norm(%s.name)"),
    NAME_AND_BIRTH_DATE("PERSON", "0.90", "lower(%s.name)", "%s.birth_date"),
    LATIN_NAME_AND_CITY("PERSON", "0.70", "guanxi_name_key(%s.name)", "%s.city"),
    PINYIN_NAME_AND_CITY("PERSON", "0.65", new Pair(
            "NOT (guanxi_has_han(%1$s.name) AND guanxi_has_han(%2$s.name))"
                    + " AND guanxi_name_key(%1$s.name) IS DISTINCT FROM guanxi_name_key(%2$s.name)",
            "%1$s.name || ' ≈ ' || %2$s.name || ' · ' || %1$s.name_key || ' · ' || %1$s.city"),
            "nullif(%s.name_key, '')", "%s.city"),
    NAME_AND_CITY("PERSON", "0.60", "lower(%s.name)", "%s.city"),
    HOMOPHONE_NAME_AND_CITY("PERSON", "0.50", new Pair(
            "guanxi_has_han(%1$s.name) AND guanxi_has_han(%2$s.name) AND lower(%1$s.name) <> lower(%2$s.name)",
            "%1$s.name || ' ≈ ' || %2$s.name || ' · ' || %1$s.name_key || ' · ' || %1$s.city"),
            "nullif(%s.name_key, '')", "%s.city"),
    SIMILAR_NAME("PERSON", "0.70");

    /** Customers of this kind only, or null for any. */
    final String kind;
    /** The score of a pair found by this rule alone (similarity rules scale it by the similarity). */
    final BigDecimal score;
    /** Key expressions over a table alias ({@code %s}); pairs agree on all of them. */
    final List<String> keys;
    /** What else a pair must meet, and the evidence to show, or null: the key values shared. */
    final Pair pair;

    DuplicateRule(String kind, String score, String... keys) {
        this(kind, score, (Pair) null, keys);
    }

    DuplicateRule(String kind, String score, Pair pair, String... keys) {
        this.kind = kind;
        this.score = new BigDecimal(score);
        this.pair = pair;
        this.keys = List.of(keys);
    }

    /**
     * A further condition on the two customers of a pair and the evidence shown for it, SQL over the aliases of both
     * ({@code %1$s} one customer, {@code %2$s} the other; the condition must hold either way round).
     */
    record Pair(String condition, String evidence) {
    }

    boolean exact() {
        return !keys.isEmpty();
    }
}
