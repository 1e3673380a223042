package dev.guanxi.crm.analytics.model;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * FP-Growth and rules on the arules Groceries data (9,835 baskets, 169 items) against published arules results.
 */
class GroceriesRulesTest {

    static final Datasets.Baskets GROCERIES = Datasets.baskets("groceries/groceries.csv", ",");

    @Test
    void readsTheWholeDataSet() {
        assertThat(GROCERIES.baskets()).hasSize(9835);
        assertThat(GROCERIES.labels()).hasSize(169);
    }

    @Test
    void support001Confidence05GivesThe5668RulesOfArulesViz() {
        // Hahsler, arulesViz vignette: apriori(Groceries, parameter = list(support = 0.001, confidence = 0.5))
        // → "set of 5668 rules"; inspect(head(rules, n = 3, by = "lift"))
        List<AssociationRules.Rule> rules = AssociationRules.mine(GROCERIES.baskets(),
                AssociationRules.Settings.of(0.001, 0.5));
        assertThat(rules).hasSize(5668);
        assertRule(rules.get(0), new String[] {"Instant food products", "soda"}, "hamburger meat", 0.001220132,
                0.6315789, 18.99565);
        assertRule(rules.get(1), new String[] {"soda", "popcorn"}, "salty snack", 0.001220132, 0.6315789, 16.69779);
        assertRule(rules.get(2), new String[] {"flour", "baking powder"}, "sugar", 0.001016777, 0.5555556,
                16.40807);
    }

    @Test
    void support001Confidence08Gives410Rules() {
        // apriori(Groceries, parameter = list(supp = 0.001, conf = 0.8)) → "set of 410 rules"; the top rule by lift
        // is {liquor, red/blush wine} => {bottled beer}
        List<AssociationRules.Rule> rules = AssociationRules.mine(GROCERIES.baskets(),
                AssociationRules.Settings.of(0.001, 0.8));
        assertThat(rules).hasSize(410);
        assertRule(rules.get(0), new String[] {"liquor", "red/blush wine"}, "bottled beer", 0.001931876, 0.9047619,
                11.235269);
    }

    @Test
    void lantzSupport0006Confidence025Gives463Rules() {
        // Lantz, Machine Learning with R, ch. 8: apriori(groceries, parameter = list(support = 0.006,
        // confidence = 0.25, minlen = 2)) → "set of 463 rules"; inspect(sort(groceryrules, by = "lift")[1:5])
        List<AssociationRules.Rule> rules = AssociationRules.mine(GROCERIES.baskets(),
                AssociationRules.Settings.of(0.006, 0.25));
        assertThat(rules).hasSize(463);
        assertRule(rules.get(0), new String[] {"herbs"}, "root vegetables", 0.007015760, 0.4312500, 3.956477);
        assertRule(rules.get(1), new String[] {"berries"}, "whipped/sour cream", 0.009049314, 0.2721713, 3.796886);
        assertRule(rules.get(2), new String[] {"other vegetables", "tropical fruit", "whole milk"}, "root vegetables",
                0.007015760, 0.4107143, 3.768074);
        assertRule(rules.get(3), new String[] {"beef", "other vegetables"}, "root vegetables", 0.007930859,
                0.4020619, 3.688692);
        assertRule(rules.get(4), new String[] {"other vegetables", "tropical fruit"}, "pip fruit", 0.009456024,
                0.2634561, 3.482649);
        // minimum lift filters on top
        List<AssociationRules.Rule> strong = AssociationRules.mine(GROCERIES.baskets(),
                AssociationRules.Settings.of(0.006, 0.25).withMinLift(3));
        assertThat(strong).isNotEmpty().allSatisfy(rule -> assertThat(rule.lift()).isGreaterThanOrEqualTo(3))
                .hasSize((int) rules.stream().filter(rule -> rule.lift() >= 3).count());
    }

    @Test
    void crossSellSuggestsConsequentsNotYetBoughtBestLiftFirstOncePerItem() {
        List<AssociationRules.Rule> rules = AssociationRules.mine(GROCERIES.baskets(),
                AssociationRules.Settings.of(0.006, 0.25));
        CrossSell crossSell = CrossSell.of(rules);
        int[] bought = GROCERIES.ids("herbs", "other vegetables", "tropical fruit");
        List<CrossSell.Suggestion> suggestions = crossSell.suggest(bought, 5);
        assertThat(suggestions).isNotEmpty().hasSizeLessThanOrEqualTo(5);
        // {herbs} => {root vegetables} has the highest lift of all rules
        assertThat(suggestions.get(0).item()).isEqualTo(GROCERIES.id("root vegetables"));
        assertThat(suggestions.get(0).rule().lift()).isCloseTo(3.956477, within(1e-6));
        assertThat(suggestions).extracting(CrossSell.Suggestion::item).doesNotHaveDuplicates()
                .doesNotContain(GROCERIES.ids("herbs", "other vegetables", "tropical fruit")[0]);
        for (CrossSell.Suggestion s : suggestions) {
            for (int item : s.rule().antecedent()) {
                assertThat(bought).contains(item);
            }
            assertThat(bought).doesNotContain(s.item());
        }
        for (int i = 1; i < suggestions.size(); i++) {
            assertThat(suggestions.get(i).rule().lift()).isLessThanOrEqualTo(suggestions.get(i - 1).rule().lift());
        }
        assertThat(crossSell.suggest(new int[0], 5)).isEmpty();
    }

    private static void assertRule(AssociationRules.Rule rule, String[] antecedent, String consequent, double support,
                                   double confidence, double lift) {
        assertThat(rule.antecedent()).as("antecedent of %s", rule).isEqualTo(GROCERIES.ids(antecedent));
        assertThat(rule.consequent()).as("consequent of %s", rule).isEqualTo(GROCERIES.ids(consequent));
        assertThat(rule.support()).isCloseTo(support, within(5e-9));
        assertThat(rule.confidence()).isCloseTo(confidence, within(5e-7));
        assertThat(rule.lift()).isCloseTo(lift, within(lift * 1e-6));
        assertThat(rule.count()).isEqualTo((int) Math.round(support * 9835));
    }
}
