package dev.guanxi.crm.sales.internal;

import dev.guanxi.crm.identity.CurrentUser;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * The benchmark baseline of the opportunity board and the funnel report: the statements {@link OpportunityService}
 * runs for them, straight through the sales module's repository (used by the customer module's JdbcBaseline).
 */
public final class PipelineBaseline {

    private final Opportunities opportunities;
    private final CurrentUser user;

    public PipelineBaseline(JdbcClient jdbc, CurrentUser user) {
        this.opportunities = new Opportunities(jdbc);
        this.user = user;
    }

    public Map<String, Consumer<ThreadLocalRandom>> scenarios() {
        Map<String, Consumer<ThreadLocalRandom>> s = new LinkedHashMap<>();
        PipelineQuery all = PipelineQuery.empty();
        s.put("board", r -> {
            opportunities.totalsByStage(all, user);
            for (Stage stage : opportunities.stages()) {
                opportunities.search(all, stage.code(), user, OpportunityService.BOARD_COLUMN_LIMIT, 0);
            }
        });
        s.put("funnel", r -> {
            opportunities.stages();
            opportunities.stageFigures(all, user);
            opportunities.averageDaysInStage(all, user);
        });
        return s;
    }
}
