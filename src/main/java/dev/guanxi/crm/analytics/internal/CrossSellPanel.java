package dev.guanxi.crm.analytics.internal;

import dev.guanxi.crm.customer.CustomerPanel;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Cross-sell suggestions (交叉销售) on the customer 360 page: what buyers of the same products also bought. */
@Component
class CrossSellPanel implements CustomerPanel {

    static final int LIMIT = 5;

    private final CrossSellSuggestions suggestions;

    CrossSellPanel(CrossSellSuggestions suggestions) {
        this.suggestions = suggestions;
    }

    @Override
    public int order() {
        return 15;
    }

    @Override
    public Optional<Panel> panel(long customerId) {
        List<CrossSellSuggestions.Suggestion> found = suggestions.forCustomer(customerId, LIMIT);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        List<Row> rows = found.stream().map(s -> new Row("crosssell.suggest", s.product().name(), null, "crosssell.reason",
                List.<Object>of(s.rule().antecedent().stream().map(BasketRules.Product::name).collect(Collectors.joining(" + ")),
                        Math.round(s.rule().confidence() * 100), s.product().name(),
                        String.format(java.util.Locale.ROOT, "%.1f", s.rule().lift())))).toList();
        return Optional.of(new Panel("cross-sell-panel", "crosssell.title", rows, null, List.of(), "/analytics/basket",
                "crosssell.all-rules"));
    }
}
