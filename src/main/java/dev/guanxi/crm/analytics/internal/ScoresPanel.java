package dev.guanxi.crm.analytics.internal;

import dev.guanxi.crm.customer.CustomerPanel;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The scores of the latest run on the customer 360 page, each with a one-line explanation. */
@Component
class ScoresPanel implements CustomerPanel {

    /** Reasons of the run itself; other modules' signals bring only their label. */
    private static final java.util.Set<String> BUILT_IN = java.util.Set.of(Scoring.RECENCY_OVERDUE, Scoring.SPEND_DOWN,
            Scoring.LOW_P_ALIVE);

    private final ScoreQueries queries;
    private final AnalyticsSettings settings;

    ScoresPanel(ScoreQueries queries, AnalyticsSettings settings) {
        this.queries = queries;
        this.settings = settings;
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public Optional<Panel> panel(long customerId) {
        Optional<ScoreView> found = queries.forCustomer(customerId);
        if (found.isEmpty()) {
            return Optional.of(new Panel("scores", "scores.title", List.of(), "scores.not-yet", List.of(),
                    "/analytics", "scores.more"));
        }
        ScoreView s = found.get();
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("scores.abc", s.abcClass(), null, s.abcRank() == null ? "scores.abc.no-revenue"
                : "scores.abc.hint", List.of(s.abcRank() == null ? 0 : s.abcRank(), money(s.periodRevenue()),
                percent(s.cumulativeShare()))));
        if (s.rScore() != null) {
            rows.add(new Row("scores.rfm", s.rScore() + " · " + s.fScore() + " · " + s.mScore(), null,
                    "scores.rfm.hint", List.of(s.recencyDays(), s.frequency(), money(s.monetary()))));
            rows.add(new Row("scores.segment", null, "enum.RfmSegment." + s.rfmSegment(),
                    "rfm.explain." + s.rfmSegment(), List.of()));
        } else {
            rows.add(new Row("scores.rfm", null, "scores.no-purchases", null, List.of()));
        }
        rows.add(new Row("scores.clv", "¥" + money(s.clvDwyer()), null, "scores.clv.hint",
                List.of(Math.round(settings.getMargin() * 100), Math.round(settings.getDiscountRate() * 100),
                        settings.getHorizonYears())));
        if (s.pAlive() != null) {
            rows.add(new Row("scores.p-alive", Math.round(s.pAlive() * 100) + "%", null, "scores.p-alive.hint",
                    List.of()));
        }
        if (s.expectedPurchases90() != null && s.expectedPurchases365() != null) {
            rows.add(new Row("scores.expected", String.format(java.util.Locale.ROOT, "%.1f / %.1f",
                    s.expectedPurchases90(), s.expectedPurchases365()), null, "scores.expected.hint", List.of()));
        }
        if (s.clvBgnbd() != null) {
            rows.add(new Row("scores.clv-bgnbd", "¥" + money(s.clvBgnbd()), null, "scores.clv-bgnbd.hint",
                    List.of(settings.getHorizonYears())));
        }
        if (s.clusterId() != null) {
            rows.add(new Row("scores.cluster", "#" + s.clusterId(), null, "scores.cluster.hint", List.of()));
        }
        rows.add(new Row("scores.lifecycle", null, "enum.LifecycleStage." + s.lifecycleStage(),
                "lifecycle.explain." + s.lifecycleStage(), List.of()));
        if (s.churnReasons().isEmpty()) {
            rows.add(new Row("scores.churn", null, "scores.churn.none", null, List.of()));
        } else {
            for (String reason : s.churnReasons()) {
                rows.add(new Row("scores.churn", null, "churn.reason." + reason, BUILT_IN.contains(reason) ? "churn.reason-hint." + reason : null,
                        List.of(s.recencyDays() == null ? 0 : s.recencyDays(),
                                s.avgInterpurchaseDays() == null ? "—"
                                        : s.avgInterpurchaseDays().setScale(0, RoundingMode.HALF_UP).toPlainString(),
                                money(s.recentSpend()), money(s.previousSpend()))));
            }
        }
        return Optional.of(new Panel("scores", "scores.title", rows, "scores.note",
                List.of(s.asOf().toString(), s.runId()), "/analytics", "scores.more"));
    }

    private static String money(BigDecimal amount) {
        return amount == null ? "0.00" : String.format(java.util.Locale.ROOT, "%,.2f", amount);
    }

    private static String percent(BigDecimal share) {
        return share == null ? "—" : share.multiply(BigDecimal.valueOf(100)).setScale(1, RoundingMode.HALF_UP) + "%";
    }
}
