package dev.guanxi.crm.analytics.internal;

import dev.guanxi.crm.identity.CurrentUser;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * The manager dashboard's sections from the scoring run and the basket rules: ABC classes, RFM segments, churn
 * risk value with the customers most at risk, and the top cross-sell rules. Each is left out while there is
 * nothing to show (no run yet), and counts only the customers the user may see.
 */
@Configuration(proxyBeanMethods = false)
class ScoreDashboardSections {

    static final String TEMPLATE = "analytics/dashboard-sections";

    record Churn(long customers, BigDecimal valueAtRisk, List<ChurnRow> top) {
    }

    @Bean
    DashboardSection abcSection(ScoreQueries queries) {
        return section(110, () -> Optional.of(queries.pareto()).filter(p -> !p.classes().isEmpty())
                .map(p -> new DashboardSection.Content(TEMPLATE, "abc", p)));
    }

    @Bean
    DashboardSection rfmSection(ScoreQueries queries) {
        return section(120, () -> Optional.of(queries.segments()).filter(g -> !g.isEmpty())
                .map(g -> new DashboardSection.Content(TEMPLATE, "rfm", g)));
    }

    @Bean
    DashboardSection churnSection(ScoreQueries queries) {
        return section(130, () -> {
            ScoreQueries.ChurnTotal total = queries.churnTotal();
            return total.customers() == 0 ? Optional.empty() : Optional.of(new DashboardSection.Content(TEMPLATE,
                    "churn", new Churn(total.customers(), total.valueAtRisk(), queries.churn(new ChurnQuery(), 1, 5).items())));
        });
    }

    @Bean
    DashboardSection rulesSection(BasketRules rules) {
        return section(140, () -> Optional.of(rules.top(5)).filter(r -> !r.isEmpty())
                .map(r -> new DashboardSection.Content(TEMPLATE, "rules", r)));
    }

    private static DashboardSection section(int order, java.util.function.Supplier<Optional<DashboardSection.Content>> content) {
        return new DashboardSection() {
            @Override
            public int order() {
                return order;
            }

            @Override
            public Optional<Content> content(CurrentUser user) {
                return content.get();
            }
        };
    }
}
