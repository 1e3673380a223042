package dev.guanxi.crm.sales.internal;

import dev.guanxi.crm.identity.CurrentUser;
import dev.guanxi.crm.sales.PipelineByStage;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** {@link PipelineByStage} from the opportunities the signed-in user sees. */
@Service
class JdbcPipelineByStage implements PipelineByStage {

    private final Opportunities opportunities;

    JdbcPipelineByStage(Opportunities opportunities) {
        this.opportunities = opportunities;
    }

    @Override
    @Transactional(readOnly = true)
    public List<StageTotal> stages() {
        Map<String, Opportunities.StageTotals> totals = opportunities
                .totalsByStage(PipelineQuery.empty(), CurrentUser.get()).stream()
                .collect(Collectors.toMap(Opportunities.StageTotals::stage, Function.identity()));
        return opportunities.stages().stream().map(s -> {
            Opportunities.StageTotals t = totals.get(s.code());
            return new StageTotal(s.code(), s.nameEn(), s.nameZh(), s.probability(), s.outcome().name(),
                    t == null ? 0 : t.count(), t == null ? BigDecimal.ZERO : t.amount());
        }).toList();
    }
}
