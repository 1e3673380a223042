package dev.guanxi.crm.sales;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * The pipeline per stage for other modules' reports (the manager dashboard): what the signed-in user sees, the
 * same figures as the sales funnel's "now in stage" column.
 */
public interface PipelineByStage {

    /** Every stage in pipeline order, also those without opportunities; restricted to the caller's visibility. */
    List<StageTotal> stages();

    /**
     * @param outcome     OPEN, WON or LOST
     * @param probability win probability of the stage in percent
     */
    record StageTotal(String code, String nameEn, String nameZh, int probability, String outcome, long count,
                      BigDecimal amount) {

        public String name(Locale locale) {
            return "zh".equals(locale.getLanguage()) ? nameZh : nameEn;
        }

        public boolean open() {
            return "OPEN".equals(outcome);
        }

        /** Amount × probability: what this stage is expected to bring. */
        public BigDecimal weighted() {
            return amount.multiply(BigDecimal.valueOf(probability)).movePointLeft(2);
        }
    }
}
