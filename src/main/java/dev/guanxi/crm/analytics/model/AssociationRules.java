package dev.guanxi.crm.analytics.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Association rules X ⇒ Y from frequent itemsets, with the measures of arules: support = count(X ∪ Y) / n,
 * confidence = count(X ∪ Y) / count(X), lift = confidence / support(Y), and count = count(X ∪ Y).
 *
 * <p>Like arules' {@code apriori}, rules have one item in the consequent by default ({@code maxConsequentSize = 1});
 * larger consequents (as mlxtend and Spark allow) are enumerated when asked for. Rules with an empty antecedent
 * ({} ⇒ {y}, which arules reports with its default {@code minlen = 1}) are only produced when asked for.
 */
public final class AssociationRules {

    /**
     * One rule; antecedent and consequent hold item ids ascending.
     *
     * @param count number of baskets containing antecedent ∪ consequent
     */
    public record Rule(int[] antecedent, int[] consequent, int count, double support, double confidence,
                       double lift) {

        @Override
        public boolean equals(Object o) {
            return o instanceof Rule other && Arrays.equals(antecedent, other.antecedent)
                    && Arrays.equals(consequent, other.consequent) && count == other.count;
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(antecedent) + Arrays.hashCode(consequent);
        }

        @Override
        public String toString() {
            return Arrays.toString(antecedent) + " => " + Arrays.toString(consequent) + " (support " + support
                    + ", confidence " + confidence + ", lift " + lift + ", count " + count + ")";
        }
    }

    /**
     * What to mine.
     *
     * @param minSupport             minimum support of antecedent ∪ consequent, in (0, 1]
     * @param minConfidence          minimum confidence, in [0, 1]
     * @param minLift                minimum lift, ≥ 0
     * @param maxLength              maximum number of items in a rule (antecedent + consequent; arules default 10)
     * @param maxConsequentSize      maximum number of items in the consequent (1 = arules)
     * @param includeEmptyAntecedent whether to produce {} ⇒ Y rules
     */
    public record Settings(double minSupport, double minConfidence, double minLift, int maxLength,
                           int maxConsequentSize, boolean includeEmptyAntecedent) {
        /** @throws IllegalArgumentException if a threshold is out of range */
        public Settings {
            if (!(minSupport > 0 && minSupport <= 1)) {
                throw new IllegalArgumentException("minimum support must be in (0, 1], was " + minSupport);
            }
            if (!(minConfidence >= 0 && minConfidence <= 1)) {
                throw new IllegalArgumentException("minimum confidence must be in [0, 1], was " + minConfidence);
            }
            if (!(minLift >= 0) || Double.isInfinite(minLift)) {
                throw new IllegalArgumentException("minimum lift must be a non-negative number, was " + minLift);
            }
            if (maxLength < 1 || maxConsequentSize < 1) {
                throw new IllegalArgumentException("maximum rule length and consequent size must be at least 1");
            }
        }

        /** Single-item consequents, non-empty antecedents, rules of at most 10 items, no minimum lift. */
        public static Settings of(double minSupport, double minConfidence) {
            return new Settings(minSupport, minConfidence, 0, 10, 1, false);
        }

        /** These settings with another minimum lift. */
        public Settings withMinLift(double lift) {
            return new Settings(minSupport, minConfidence, lift, maxLength, maxConsequentSize, includeEmptyAntecedent);
        }
    }

    /** Rules ordered by lift, then confidence, then support (all descending), then by items for determinism. */
    public static final Comparator<Rule> BY_LIFT = Comparator.comparingDouble(Rule::lift).reversed()
            .thenComparing(Comparator.comparingDouble(Rule::confidence).reversed())
            .thenComparing(Comparator.comparingDouble(Rule::support).reversed())
            .thenComparing(Rule::antecedent, Arrays::compare)
            .thenComparing(Rule::consequent, Arrays::compare);

    private AssociationRules() {
    }

    /** Mines frequent itemsets with FP-Growth and derives the rules, ordered {@link #BY_LIFT}. */
    public static List<Rule> mine(List<int[]> baskets, Settings settings) {
        return generate(FrequentItemsets.mine(baskets, settings.minSupport(), settings.maxLength()), settings);
    }

    /**
     * Derives the rules from frequent itemsets (which must contain every frequent subset, as
     * {@link FrequentItemsets#mine} returns them), ordered {@link #BY_LIFT}. Itemsets below the settings' minimum
     * support or above the maximum length are skipped.
     */
    public static List<Rule> generate(FrequentItemsets.Result frequent, Settings settings) {
        int n = frequent.transactions();
        Map<Key, Integer> counts = new HashMap<>(frequent.itemsets().size() * 2);
        for (FrequentItemsets.Itemset itemset : frequent.itemsets()) {
            counts.put(new Key(itemset.items()), itemset.count());
        }
        int minCount = Math.max(1, (int) Math.ceil(settings.minSupport() * n - 1e-9));
        List<Rule> rules = new ArrayList<>();
        for (FrequentItemsets.Itemset itemset : frequent.itemsets()) {
            int[] items = itemset.items();
            int k = items.length;
            if (itemset.count() < minCount || k > settings.maxLength()) {
                continue;
            }
            int largest = Math.min(settings.maxConsequentSize(), settings.includeEmptyAntecedent() ? k : k - 1);
            for (int size = 1; size <= largest; size++) {
                consequents(items, size, 0, new int[size], 0, counts, n, itemset.count(), settings, rules);
            }
        }
        rules.sort(BY_LIFT);
        return rules;
    }

    private static void consequents(int[] items, int size, int from, int[] chosen, int depth, Map<Key, Integer> counts,
                                    int n, int count, Settings settings, List<Rule> rules) {
        if (depth == size) {
            int[] consequent = new int[size];
            int[] antecedent = new int[items.length - size];
            for (int i = 0, c = 0, a = 0; i < items.length; i++) {
                if (c < size && chosen[c] == i) {
                    consequent[c++] = items[i];
                } else {
                    antecedent[a++] = items[i];
                }
            }
            Integer antecedentCount = antecedent.length == 0 ? Integer.valueOf(n) : counts.get(new Key(antecedent));
            Integer consequentCount = counts.get(new Key(consequent));
            if (antecedentCount == null || consequentCount == null) {
                throw new IllegalArgumentException("itemsets incomplete: a subset of " + Arrays.toString(items)
                        + " is missing");
            }
            double confidence = (double) count / antecedentCount;
            double lift = confidence / ((double) consequentCount / n);
            // a relative tolerance so that a confidence of exactly the threshold is not lost to rounding
            if (confidence >= settings.minConfidence() - 1e-12 && lift >= settings.minLift() - 1e-12) {
                rules.add(new Rule(antecedent, consequent, count, (double) count / n, confidence, lift));
            }
            return;
        }
        for (int i = from; i <= items.length - (size - depth); i++) {
            chosen[depth] = i;
            consequents(items, size, i + 1, chosen, depth + 1, counts, n, count, settings, rules);
        }
    }

    /** An itemset (ids ascending) as a hash key. */
    private record Key(int[] items) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key other && Arrays.equals(items, other.items);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(items);
        }
    }
}
