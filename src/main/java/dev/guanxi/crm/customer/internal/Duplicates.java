package dev.guanxi.crm.customer.internal;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds candidate duplicate pairs by the configured {@link DuplicateRule}s and keeps them in the review queue
 * ({@code duplicate_candidates}): one row per pair with every rule that matched and its evidence. All work is set
 * based: a scan is one statement per rule over all customers, a check of new customers one statement per rule over
 * the given ids (index lookups). Values shared by more than {@code max-group} customers (a common name in a big
 * city, a switchboard number) are skipped: such groups are not duplicates but noise in the queue.
 */
@Repository
public class Duplicates {

    private final JdbcClient jdbc;
    private final Set<DuplicateRule> rules;
    private final double nameSimilarity;
    private final int maxGroup;
    private final Map<DuplicateRule, BigDecimal> scores;

    Duplicates(JdbcClient jdbc, Environment environment,
               @Value("${guanxi.duplicates.rules:PHONE,EMAIL,ORGANIZATION_NAME,NAME_AND_BIRTH_DATE,LATIN_NAME_AND_CITY,PINYIN_NAME_AND_CITY,NAME_AND_CITY,HOMOPHONE_NAME_AND_CITY,SIMILAR_NAME}")
               List<DuplicateRule> rules,
               @Value("${guanxi.duplicates.name-similarity:0.6}") double nameSimilarity,
               @Value("${guanxi.duplicates.max-group:20}") int maxGroup) {
        this.jdbc = jdbc;
        this.rules = rules.isEmpty() ? EnumSet.noneOf(DuplicateRule.class) : EnumSet.copyOf(rules);
        this.nameSimilarity = nameSimilarity;
        this.maxGroup = maxGroup;
        this.scores = scores(environment);
        if (nameSimilarity <= 0 || nameSimilarity > 1 || maxGroup < 2) {
            throw new IllegalArgumentException("guanxi.duplicates.name-similarity must be in (0, 1] and max-group >= 2");
        }
    }

    /** Each rule's score: its default unless {@code guanxi.duplicates.scores.<RULE>} sets one in (0, 1]. */
    private static Map<DuplicateRule, BigDecimal> scores(Environment environment) {
        Map<DuplicateRule, BigDecimal> configured = Binder.get(environment).bind("guanxi.duplicates.scores",
                Bindable.mapOf(DuplicateRule.class, BigDecimal.class)).orElse(Map.of());
        Map<DuplicateRule, BigDecimal> scores = new EnumMap<>(DuplicateRule.class);
        for (DuplicateRule rule : DuplicateRule.values()) {
            BigDecimal score = configured.getOrDefault(rule, rule.score);
            if (score.signum() <= 0 || score.compareTo(BigDecimal.ONE) > 0) {
                throw new IllegalArgumentException("guanxi.duplicates.scores." + rule + " must be in (0, 1]");
            }
            scores.put(rule, score.setScale(3, RoundingMode.HALF_UP));
        }
        return scores;
    }

    BigDecimal score(DuplicateRule rule) {
        return scores.get(rule);
    }

    /** The exact rules a full scan runs, in order. */
    List<DuplicateRule> scanRules() {
        return rules.stream().filter(DuplicateRule::exact).toList();
    }

    /** Runs one exact rule over all live customers; returns the number of pairs found or updated. */
    int scan(DuplicateRule rule) {
        String keysA = keys(rule, "a");
        String keysC = keys(rule, "c");
        String scope = " AND b.id > a.id AND (" + keysA + ") IN (SELECT " + keysC + " FROM customers c WHERE "
                + live(rule, "c") + " GROUP BY " + keysC + " HAVING count(*) BETWEEN 2 AND " + maxGroup + ")";
        return jdbc.sql(exactPairs(rule, scope)).update();
    }

    /** Checks the given (new or changed) customers against all others by every configured rule. */
    int check(Collection<Long> customerIds) {
        return check(customerIds, rules);
    }

    /**
     * Checks by the rules an import runs in its own batches: the exact phone and e-mail rules, one index look-up per
     * customer each. The others are left to {@link #checkFollowUp}.
     */
    int checkInline(Collection<Long> customerIds) {
        return check(customerIds, inline());
    }

    /** Checks by every configured rule that {@link #checkInline} leaves out. */
    int checkFollowUp(Collection<Long> customerIds) {
        Set<DuplicateRule> rest = EnumSet.noneOf(DuplicateRule.class);
        rest.addAll(rules);
        rest.removeAll(inline());
        return check(customerIds, rest);
    }

    /** Whether any configured rule is left to the follow-up check. */
    boolean hasFollowUpRules() {
        return !inline().containsAll(rules);
    }

    private Set<DuplicateRule> inline() {
        Set<DuplicateRule> inline = EnumSet.of(DuplicateRule.PHONE, DuplicateRule.EMAIL);
        inline.retainAll(rules);
        return inline;
    }

    /** Customers checked at once up to which the rules' statements may reuse generic plans (a create, a merge). */
    static final int GENERIC_PLANS_UP_TO = 10;

    private int check(Collection<Long> customerIds, Set<DuplicateRule> rules) {
        if (customerIds.isEmpty() || rules.isEmpty()) {
            return 0;
        }
        List<Long> ids = List.copyOf(customerIds);
        // a create's statements are the same every time, and their plans do not depend on the values (index look-ups
        // per customer): about 3 ms of planning a statement saved. Not for the many customers of an import batch or a
        // follow-up chunk, where planning is nothing beside the work: a generic plan stays cached on its connection,
        // and one made while customers was small (a first import into a new installation) read the whole table for
        // every customer as the import grew it (name and birth date: 0.7 → 30.7 s per chunk of 2,000 by 100,000 rows)
        if (ids.size() <= GENERIC_PLANS_UP_TO) {
            dev.guanxi.crm.common.GenericPlans.forThisTransaction(jdbc);
        }
        int pairs = 0;
        for (DuplicateRule rule : rules) {
            if (rule.exact()) {
                pairs += jdbc.sql(checkPairs(rule)).param("ids", ids).param("maxGroup", maxGroup).update();
            } else {
                pairs += similarNames(ids);
            }
        }
        return pairs;
    }

    private int similarNames(List<Long> ids) {
        // the % operator uses the trigram index on name; its threshold is this transaction's setting. The other
        // conditions are tested on the few hundred rows the trigrams find (OFFSET 0 keeps them out of the scan):
        // given them, the planner read the city index (75,000 entries of 杭州市 at 1M customers) or an index partial
        // on kind (600,000 entries) into a bitmap AND: 11–74 ms per customer where the trigrams alone take 9–21 ms
        jdbc.sql("SELECT set_config('pg_trgm.similarity_threshold', ?, true)").param(String.valueOf(nameSimilarity))
                .query(String.class).single();
        return jdbc.sql(upsert("""
                SELECT DISTINCT ON (least(a.id, b.id), greatest(a.id, b.id)) least(a.id, b.id) AS x,
                       greatest(a.id, b.id) AS y, round(CAST(:score * similarity(a.name, b.name) AS numeric), 3) AS score,
                       jsonb_build_object('SIMILAR_NAME', a.name || ' ~ ' || b.name) AS evidence
                """ + " FROM " + partners("(SELECT * FROM customers t WHERE t.name % a.name OFFSET 0) b", "b.city = a.city "
                + "AND lower(b.name) <> lower(a.name) AND b.kind = 'PERSON' AND b.deleted_at IS NULL") + " " + """
                WHERE a.id IN (:ids) AND a.kind = 'PERSON' AND a.deleted_at IS NULL AND a.city IS NOT NULL
                  AND b.partners < :maxGroup""",
                DuplicateRule.SIMILAR_NAME)).param("score", score(DuplicateRule.SIMILAR_NAME)).param("ids", ids)
                .param("maxGroup", maxGroup).update();
    }

    /**
     * The pairs of the customers {@code :ids} by one exact rule. Each one's partners sharing its key are read through
     * the key's index, at most {@code :maxGroup} of them: max-group partners or more (a group above max-group) are
     * noise and give no pair, as in the scan. Counting each customer's group in a separate subquery cost about 1 ms
     * per customer and rule, the bulk of an import's time.
     */
    private String checkPairs(DuplicateRule rule) {
        return pairs(rule, partners(keysJoin(rule) + " AND " + live(rule, "b")),
                " AND a.id IN (:ids) AND b.partners < :maxGroup" + pairCondition(rule));
    }

    /**
     * Customers {@code a} beside at most {@code :maxGroup} other customers {@code b} meeting the condition, each row
     * with their number ({@code b.partners}): max-group partners or more make a group too large to be anything but
     * noise, and reading them stops there.
     */
    private static String partners(String condition) {
        return partners("customers b", condition);
    }

    /** {@link #partners(String)} from another source of candidates {@code b}. */
    private static String partners(String candidates, String condition) {
        return "customers a CROSS JOIN LATERAL (SELECT s.*, count(*) OVER () AS partners FROM ("
                + "SELECT b.* FROM " + candidates + " WHERE " + condition + " AND b.id <> a.id LIMIT :maxGroup) s) b";
    }

    private String exactPairs(DuplicateRule rule, String scope) {
        return pairs(rule, "customers a JOIN customers b ON " + keysJoin(rule) + pairCondition(rule) + " AND "
                + live(rule, "b"), scope);
    }

    private static String keysJoin(DuplicateRule rule) {
        return rule.keys.stream().map(k -> k.formatted("b") + " = " + k.formatted("a"))
                .collect(Collectors.joining(" AND "));
    }

    private static String pairCondition(DuplicateRule rule) {
        return rule.pair == null ? "" : " AND " + rule.pair.condition().formatted("a", "b");
    }

    private String pairs(DuplicateRule rule, String from, String scope) {
        String notNull = rule.keys.stream().map(k -> k.formatted("a") + " IS NOT NULL")
                .collect(Collectors.joining(" AND "));
        String evidence = rule.pair != null ? rule.pair.evidence().formatted("a", "b") : rule.keys.stream()
                .map(k -> k.formatted("a") + "::text").collect(Collectors.joining(" || ' · ' || "));
        return upsert("SELECT DISTINCT ON (least(a.id, b.id), greatest(a.id, b.id)) least(a.id, b.id) AS x, "
                + "greatest(a.id, b.id) AS y, " + score(rule).toPlainString() + " AS score, jsonb_build_object('"
                + rule.name() + "', "
                + evidence + ") AS evidence FROM " + from + " WHERE " + live(rule, "a") + " AND " + notNull + scope,
                rule);
    }

    /** Inserts the pairs; a known pair gains the rule and evidence, keeps the better score and its review status. */
    private static String upsert(String pairs, DuplicateRule rule) {
        return "INSERT INTO duplicate_candidates (customer_a, customer_b, rules, score, evidence) SELECT x, y, ARRAY['"
                + rule.name() + "'], score, evidence FROM (" + pairs + ") p "
                + """
                 ON CONFLICT ON CONSTRAINT duplicate_pair DO UPDATE SET
                   rules = ARRAY(SELECT DISTINCT r FROM unnest(duplicate_candidates.rules || EXCLUDED.rules) r ORDER BY r),
                   score = greatest(duplicate_candidates.score, EXCLUDED.score),
                   evidence = duplicate_candidates.evidence || EXCLUDED.evidence
                 WHERE NOT duplicate_candidates.rules @> EXCLUDED.rules
                    OR duplicate_candidates.evidence IS DISTINCT FROM duplicate_candidates.evidence || EXCLUDED.evidence""";
    }

    private static String keys(DuplicateRule rule, String alias) {
        List<String> keys = new ArrayList<>();
        rule.keys.forEach(k -> keys.add(k.formatted(alias)));
        return String.join(", ", keys);
    }

    private static String live(DuplicateRule rule, String alias) {
        return alias + ".deleted_at IS NULL" + (rule.kind == null ? "" : " AND " + alias + ".kind = '" + rule.kind + "'");
    }
}
