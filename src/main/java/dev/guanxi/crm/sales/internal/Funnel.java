package dev.guanxi.crm.sales.internal;

import java.math.BigDecimal;
import java.util.List;

/**
 * The sales funnel (销售漏斗) of a set of opportunities.
 *
 * @param winRate      won / (won + lost), null when nothing closed yet
 * @param avgCycleDays average days from creation to a win, null without wins
 */
public record Funnel(List<Row> rows, long won, long lost, Double winRate, Double avgCycleDays,
                     BigDecimal openAmount, BigDecimal weightedAmount) {

    /**
     * One stage: opportunities now in it, how many got this far, the share of those that went on to the next
     * stage, and the average days spent in it.
     */
    public record Row(Stage stage, long count, BigDecimal amount, long reached, Double conversionToNext,
                      Double avgDays) {
    }
}
