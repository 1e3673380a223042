package dev.guanxi.crm.service.internal;

import dev.guanxi.crm.service.SatisfactionScores;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@Component
class SurveyScores implements SatisfactionScores {

    private final Surveys surveys;

    SurveyScores(Surveys surveys) {
        this.surveys = surveys;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Score> latestCsat(long customerId) {
        return Optional.ofNullable(latestCsat(List.of(customerId)).get(customerId));
    }

    @Override
    @Transactional(readOnly = true)
    public Map<Long, Score> latestCsat(Collection<Long> customerIds) {
        return surveys.latest(SurveyKind.CSAT, customerIds);
    }

    @Override
    @Transactional(readOnly = true)
    public Map<Long, Score> npsByCustomer(Collection<Long> customerIds) {
        return surveys.latest(SurveyKind.NPS, customerIds);
    }
}
