package dev.guanxi.crm.analytics.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Cross-sell suggestions (交叉销售) from association rules: for a customer's purchased items, the rules whose
 * antecedent the customer bought entirely and none of whose consequent items they bought, ranked by lift and then
 * confidence, one suggestion per consequent item (the best-ranked rule that suggests it).
 *
 * <p>Build once per rule set with {@link #of(List)} and call {@link #suggest(int[], int)} per customer: the rules
 * are scanned in rank order and the scan stops as soon as {@code limit} items are found.
 */
public final class CrossSell {

    /** One suggested item and the rule that suggests it. */
    public record Suggestion(int item, AssociationRules.Rule rule) {
    }

    private final AssociationRules.Rule[] ranked;

    private CrossSell(AssociationRules.Rule[] ranked) {
        this.ranked = ranked;
    }

    /** Ranks the rules (lift, then confidence, descending); empty-antecedent rules are ignored. */
    public static CrossSell of(List<AssociationRules.Rule> rules) {
        AssociationRules.Rule[] ranked = rules.stream().filter(rule -> rule.antecedent().length > 0)
                .sorted(AssociationRules.BY_LIFT).toArray(AssociationRules.Rule[]::new);
        return new CrossSell(ranked);
    }

    /**
     * Suggestions for a customer who bought {@code purchased} (any order, duplicates allowed), at most
     * {@code limit}, best first.
     */
    public List<Suggestion> suggest(int[] purchased, int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, was " + limit);
        }
        int[] bought = purchased.clone();
        Arrays.sort(bought);
        List<Suggestion> suggestions = new ArrayList<>();
        Set<Integer> suggested = new HashSet<>();
        for (AssociationRules.Rule rule : ranked) {
            if (suggestions.size() >= limit) {
                break;
            }
            if (!containsAll(bought, rule.antecedent()) || containsAny(bought, rule.consequent())) {
                continue;
            }
            for (int item : rule.consequent()) {
                if (suggestions.size() < limit && suggested.add(item)) {
                    suggestions.add(new Suggestion(item, rule));
                }
            }
        }
        return suggestions;
    }

    private static boolean containsAll(int[] sorted, int[] items) {
        for (int item : items) {
            if (Arrays.binarySearch(sorted, item) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean containsAny(int[] sorted, int[] items) {
        for (int item : items) {
            if (Arrays.binarySearch(sorted, item) >= 0) {
                return true;
            }
        }
        return false;
    }
}
