package dev.guanxi.crm.analytics.internal;

import dev.guanxi.crm.identity.CurrentUser;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

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

    record Segment(String segment, long customers, BigDecimal revenue) {
    }

    record Churn(long customers, BigDecimal valueAtRisk, List<ChurnRow> top) {
    }

    @Bean
    DashboardSection abcSection(ScoreQueries queries) {
        return section(110, () -> Optional.of(queries.pareto()).filter(p -> !p.classes().isEmpty())
                .map(p -> new DashboardSection.Content(TEMPLATE, "abc", p)));
    }

    @Bean
    DashboardSection rfmSection(JdbcClient jdbc) {
        return section(120, () -> {
            CurrentUser.SqlCondition vis = CurrentUser.get().visibility("c.owner_id", "c.team_id");
            List<Segment> segments = jdbc.sql("""
                            SELECT s.rfm_segment, count(*), coalesce(sum(s.monetary), 0) FROM customer_scores s
                            JOIN customers c ON c.id = s.customer_id AND c.deleted_at IS NULL
                            WHERE s.rfm_segment IS NOT NULL AND""" + " " + vis.sql() + " GROUP BY 1 ORDER BY 3 DESC")
                    .params(vis.params())
                    .query((rs, n) -> new Segment(rs.getString(1), rs.getLong(2), rs.getBigDecimal(3))).list();
            return segments.isEmpty() ? Optional.empty()
                    : Optional.of(new DashboardSection.Content(TEMPLATE, "rfm", segments));
        });
    }

    @Bean
    DashboardSection churnSection(JdbcClient jdbc, ScoreQueries queries) {
        return section(130, () -> {
            CurrentUser.SqlCondition vis = CurrentUser.get().visibility("c.owner_id", "c.team_id");
            Churn churn = jdbc.sql("""
                            SELECT count(*), coalesce(sum(s.value_at_risk), 0) FROM customer_scores s
                            JOIN customers c ON c.id = s.customer_id AND c.deleted_at IS NULL
                            WHERE s.churn_reasons <> '{}' AND""" + " " + vis.sql())
                    .params(vis.params())
                    .query((rs, n) -> new Churn(rs.getLong(1), rs.getBigDecimal(2), List.of())).single();
            if (churn.customers() == 0) {
                return Optional.empty();
            }
            List<ChurnRow> top = queries.churn(new ChurnQuery(), 1, 5).items();
            return Optional.of(new DashboardSection.Content(TEMPLATE, "churn",
                    new Churn(churn.customers(), churn.valueAtRisk(), top)));
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
