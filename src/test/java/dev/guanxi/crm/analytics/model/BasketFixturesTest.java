package dev.guanxi.crm.analytics.model;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every fixture of {@code basket-fixtures/} against the expectations of the test suite it comes from (see the
 * README there): Apache Spark's FPGrowthSuite and AssociationRulesSuite, arules' test-apriori.R and mlxtend's
 * test_association_rules.py.
 */
class BasketFixturesTest {

    @Test
    void sparkStringTransactions() {
        // mllib FPGrowthSuite "FP-Growth using String type" (counts verified there with arules' eclat)
        Datasets.Baskets data = Datasets.baskets("basket-fixtures/spark_sample_fpgrowth.txt", " ");
        assertThat(FrequentItemsets.mine(data.baskets(), 0.9).itemsets()).isEmpty();
        assertThat(itemsets(data, 0.5)).containsExactlyInAnyOrder("s:3", "z:5", "x:4", "t:3", "y:3", "r:3", "x,z:3",
                "t,y:3", "t,x:3", "s,x:3", "x,y:3", "y,z:3", "t,z:3", "x,y,z:3", "t,x,z:3", "t,y,z:3", "t,x,y:3",
                "t,x,y,z:3");
        assertThat(FrequentItemsets.mine(data.baskets(), 0.3).itemsets()).hasSize(54);
        assertThat(FrequentItemsets.mine(data.baskets(), 0.1).itemsets()).hasSize(625);
    }

    @Test
    void sparkIntTransactions() {
        // mllib FPGrowthSuite "FP-Growth using Int type"
        Datasets.Baskets data = Datasets.baskets("basket-fixtures/spark_fpgrowth_int.csv", ",");
        assertThat(FrequentItemsets.mine(data.baskets(), 0.9).itemsets()).isEmpty();
        assertThat(itemsets(data, 0.5)).containsExactlyInAnyOrder("1:6", "2:5", "3:5", "4:4", "1,2:4", "1,3:5",
                "2,3:4", "2,4:4", "1,2,3:4");
        assertThat(FrequentItemsets.mine(data.baskets(), 0.3).itemsets()).hasSize(15);
        assertThat(FrequentItemsets.mine(data.baskets(), 0.1).itemsets()).hasSize(65);
    }

    @Test
    void sparkMlFpGrowthData() {
        // ml FPGrowthSuite: minSupport 0.5, minConfidence 0.5 → two rules; getFreqItems at 0.7
        Datasets.Baskets data = Datasets.baskets("basket-fixtures/spark_ml_fpgrowth_data.csv", ",");
        assertThat(rules(data, AssociationRules.Settings.of(0.5, 0.5))).containsExactlyInAnyOrder(
                "2=>1 s=0.75 c=1.0 l=1.0", "1=>2 s=0.75 c=0.75 l=1.0");
        assertThat(itemsets(data, 0.7)).containsExactlyInAnyOrder("1:4", "2:3", "1,2:3");
    }

    @Test
    void sparkMlAssociationRules() {
        // ml FPGrowthSuite "FPGrowth associationRules": minSupport 0.1, minConfidence 0.1 → eleven rules
        Datasets.Baskets data = Datasets.baskets("basket-fixtures/spark_ml_assoc_rules.csv", ",");
        assertThat(rules(data, AssociationRules.Settings.of(0.1, 0.1))).containsExactlyInAnyOrder(
                "2=>1 s=0.4 c=0.6667 l=1.6667", "2=>3 s=0.2 c=0.3333 l=0.8333", "3=>1 s=0.2 c=0.5 l=1.25",
                "3=>2 s=0.2 c=0.5 l=0.8333", "1,3=>2 s=0.2 c=1.0 l=1.6667", "1,2=>3 s=0.2 c=0.5 l=1.25",
                "4=>5 s=0.2 c=1.0 l=5.0", "5=>4 s=0.2 c=1.0 l=5.0", "1=>3 s=0.2 c=0.5 l=1.25",
                "1=>2 s=0.4 c=1.0 l=1.6667", "2,3=>1 s=0.2 c=1.0 l=2.5");
    }

    @Test
    void arulesSevenTransactions() {
        // arules test-apriori.R: apriori(trans, parameter = list(supp = 0.25, conf = 0)) → 18 rules (arules'
        // default minlen = 1 includes {} => {item}); eclat(trans) at the default support 0.1 → 20 itemsets with
        // the listed supports, {a,d} in Tr3 and Tr7
        Datasets.Baskets data = Datasets.baskets("basket-fixtures/arules_test_7tx.csv", ",");
        List<AssociationRules.Rule> rules = AssociationRules.mine(data.baskets(),
                new AssociationRules.Settings(0.25, 0, 0, 10, 1, true));
        assertThat(rules).hasSize(18);
        assertThat(rules(data, new AssociationRules.Settings(0.25, 0, 0, 10, 1, true))).contains(
                "=>a s=0.7143 c=0.7143 l=1.0", "a,b=>d s=0.2857 c=0.5 l=1.75");
        FrequentItemsets.Result eclat = FrequentItemsets.mine(data.baskets(), 0.1);
        assertThat(eclat.itemsets()).hasSize(20);
        double[] supports = {0.14, 0.14, 0.14, 0.29, 0.29, 0.29, 0.14, 0.14, 0.29, 0.14, 0.14, 0.14, 0.14, 0.29, 0.57,
                0.71, 0.71, 0.43, 0.43, 0.29};
        Arrays.sort(supports);
        assertThat(eclat.itemsets().stream().mapToDouble(s -> Math.round(s.support(7) * 100) / 100.0).sorted()
                .toArray()).containsExactly(supports);
        assertThat(itemsets(data, 0.1)).contains("a,d:2");
    }

    @Test
    void mlxtendFiveTransactions() {
        // mlxtend test_default: apriori(min_support = 0.6), association_rules(metric = "confidence",
        // min_threshold = 0.8) → nine rules, consequents of any size
        Datasets.Baskets data = Datasets.baskets("basket-fixtures/mlxtend_5tx.csv", ",");
        assertThat(rules(data, new AssociationRules.Settings(0.6, 0.8, 0, 10, 10, false))).containsExactlyInAnyOrder(
                "Onion=>Kidney Beans s=0.6 c=1.0 l=1.0", "Milk=>Kidney Beans s=0.6 c=1.0 l=1.0",
                "Eggs,Onion=>Kidney Beans s=0.6 c=1.0 l=1.0", "Kidney Beans,Onion=>Eggs s=0.6 c=1.0 l=1.25",
                "Onion=>Eggs,Kidney Beans s=0.6 c=1.0 l=1.25", "Eggs=>Kidney Beans s=0.8 c=1.0 l=1.0",
                "Kidney Beans=>Eggs s=0.8 c=0.8 l=1.0", "Yogurt=>Kidney Beans s=0.6 c=1.0 l=1.0",
                "Onion=>Eggs s=0.6 c=1.0 l=1.25");
    }

    @Test
    void rejectsInvalidSettings() {
        assertThatThrownBy(() -> AssociationRules.Settings.of(0, 0.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("minimum support");
        assertThatThrownBy(() -> AssociationRules.Settings.of(0.1, 1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("minimum confidence");
        assertThatThrownBy(() -> FrequentItemsets.mine(List.of(new int[] {1}), 0.5, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maximum itemset length");
    }

    @Test
    void duplicateItemsInABasketCountOnce() {
        FrequentItemsets.Result result = FrequentItemsets.mine(List.of(new int[] {7, 7, 9}, new int[] {7}), 0.5);
        assertThat(result.itemsets()).containsExactlyInAnyOrder(new FrequentItemsets.Itemset(new int[] {7}, 2),
                new FrequentItemsets.Itemset(new int[] {9}, 1), new FrequentItemsets.Itemset(new int[] {7, 9}, 1));
    }

    private static Set<String> itemsets(Datasets.Baskets data, double minSupport) {
        return FrequentItemsets.mine(data.baskets(), minSupport).itemsets().stream()
                .map(s -> labels(data, s.items()) + ":" + s.count()).collect(Collectors.toSet());
    }

    private static List<String> rules(Datasets.Baskets data, AssociationRules.Settings settings) {
        return AssociationRules.mine(data.baskets(), settings).stream()
                .map(r -> labels(data, r.antecedent()) + "=>" + labels(data, r.consequent()) + " s=" + round(r.support())
                        + " c=" + round(r.confidence()) + " l=" + round(r.lift()))
                .toList();
    }

    private static String labels(Datasets.Baskets data, int[] items) {
        return Arrays.stream(items).mapToObj(i -> data.labels().get(i)).collect(Collectors.toCollection(TreeSet::new))
                .stream().collect(Collectors.joining(","));
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
