package dev.guanxi.crm.analytics.internal;

import dev.guanxi.crm.analytics.model.AssociationRules;
import dev.guanxi.crm.analytics.model.CrossSell;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cross-sell suggestions (交叉销售) for one customer from the current basket rules: rules whose antecedent the
 * customer bought (any confirmed or later order, all time) and whose consequent they did not, ranked by lift and
 * then confidence, one per suggested product ({@link CrossSell}). Callers check the customer's visibility.
 */
@Component
public class CrossSellSuggestions {

    /** A product to offer and the rule that suggests it (the reason). */
    public record Suggestion(BasketRules.Product product, BasketRules.RuleView rule) {
    }

    private final JdbcClient jdbc;
    private final BasketRules rules;
    private final int defaultLimit;

    CrossSellSuggestions(JdbcClient jdbc, BasketRules rules,
                         @Value("${guanxi.analytics.basket.suggestions:5}") int defaultLimit) {
        this.jdbc = jdbc;
        this.rules = rules;
        this.defaultLimit = defaultLimit;
    }

    public int defaultLimit() {
        return defaultLimit;
    }

    /** At most {@code limit} suggestions, best first. */
    public List<Suggestion> forCustomer(long customerId, int limit) {
        long[] purchased = jdbc.sql("SELECT DISTINCT l.product_id FROM order_lines l JOIN orders o ON o.id = l.order_id "
                        + "WHERE l.customer_id = ? AND o.status IN (" + BasketRuns.PURCHASED_STATUSES + ")")
                .param(customerId).query(Long.class).list().stream().mapToLong(Long::longValue).toArray();
        List<BasketRules.RuleView> candidates = rules.within(purchased);
        if (candidates.isEmpty()) {
            return List.of();
        }
        // dense item ids for the model: purchased products first, then the candidates' other products
        Map<Long, Integer> items = new HashMap<>();
        Map<Integer, BasketRules.Product> products = new HashMap<>();
        int[] bought = new int[purchased.length];
        for (int i = 0; i < purchased.length; i++) {
            bought[i] = items.computeIfAbsent(purchased[i], id -> items.size());
        }
        Map<AssociationRules.Rule, BasketRules.RuleView> views = new IdentityHashMap<>();
        for (BasketRules.RuleView view : candidates) {
            AssociationRules.Rule rule = new AssociationRules.Rule(dense(view.antecedent(), items, products),
                    dense(view.consequent(), items, products), view.count(), view.support(), view.confidence(),
                    view.lift());
            views.put(rule, view);
        }
        return CrossSell.of(List.copyOf(views.keySet())).suggest(bought, limit).stream()
                .map(s -> new Suggestion(products.get(s.item()), views.get(s.rule()))).toList();
    }

    private static int[] dense(List<BasketRules.Product> list, Map<Long, Integer> items,
                               Map<Integer, BasketRules.Product> products) {
        int[] dense = new int[list.size()];
        for (int i = 0; i < dense.length; i++) {
            BasketRules.Product product = list.get(i);
            dense[i] = items.computeIfAbsent(product.id(), id -> items.size());
            products.put(dense[i], product);
        }
        java.util.Arrays.sort(dense);
        return dense;
    }
}
