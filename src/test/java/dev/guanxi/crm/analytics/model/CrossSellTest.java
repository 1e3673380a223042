package dev.guanxi.crm.analytics.model;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CrossSellTest {

    static AssociationRules.Rule rule(int[] antecedent, int[] consequent, double confidence, double lift) {
        return new AssociationRules.Rule(antecedent, consequent, 10, 0.01, confidence, lift);
    }

    @Test
    void ranksByLiftThenConfidenceAndSuggestsEachItemOnce() {
        AssociationRules.Rule bread = rule(new int[] {1}, new int[] {5}, 0.4, 2.0);
        AssociationRules.Rule breadBetter = rule(new int[] {1, 2}, new int[] {5}, 0.6, 3.0);
        AssociationRules.Rule butter = rule(new int[] {2}, new int[] {6}, 0.7, 2.0);
        AssociationRules.Rule boughtAlready = rule(new int[] {1}, new int[] {2}, 0.9, 9.0);
        AssociationRules.Rule notApplicable = rule(new int[] {3}, new int[] {7}, 0.9, 8.0);
        AssociationRules.Rule pair = rule(new int[] {2}, new int[] {6, 8}, 0.5, 1.5);
        AssociationRules.Rule empty = rule(new int[0], new int[] {9}, 0.9, 1.0);
        CrossSell crossSell = CrossSell.of(List.of(bread, breadBetter, butter, boughtAlready, notApplicable, pair,
                empty));

        List<CrossSell.Suggestion> suggestions = crossSell.suggest(new int[] {2, 1, 2}, 10);
        // item 5 once (from its best rule), then 6 (lift 2.0, confidence 0.7 beats 0.4 of the weaker 5 rule), then
        // 8 from the pair rule; never 2 (bought), 7 (antecedent not bought) or 9 (empty antecedent)
        assertThat(suggestions).extracting(CrossSell.Suggestion::item).containsExactly(5, 6, 8);
        assertThat(suggestions.get(0).rule()).isEqualTo(breadBetter);
        assertThat(suggestions.get(1).rule()).isEqualTo(butter);
        assertThat(suggestions.get(2).rule()).isEqualTo(pair);
        assertThat(crossSell.suggest(new int[] {1, 2}, 1)).extracting(CrossSell.Suggestion::item).containsExactly(5);
        // a rule is skipped when any consequent item was bought
        assertThat(crossSell.suggest(new int[] {2, 8}, 10)).extracting(CrossSell.Suggestion::item).containsExactly(6);
        assertThatThrownBy(() -> crossSell.suggest(new int[] {1}, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
