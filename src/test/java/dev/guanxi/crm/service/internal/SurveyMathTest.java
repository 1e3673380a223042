package dev.guanxi.crm.service.internal;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SurveyMathTest {

    @Test
    void npsIsPromotersMinusDetractorsOnAKnownSet() {
        // 10 answers: promoters 9, 10, 10, 9 (4) · passives 7, 8 (2) · detractors 0, 3, 6, 6 (4)
        long[] d = SurveyMath.distribution(List.of(9, 10, 10, 9, 7, 8, 0, 3, 6, 6), 0, 10);
        SurveyMath.Nps nps = SurveyMath.nps(d);
        assertThat(nps.responses()).isEqualTo(10);
        assertThat(nps.promotersPct()).isEqualByComparingTo("40.0");
        assertThat(nps.passivesPct()).isEqualByComparingTo("20.0");
        assertThat(nps.detractorsPct()).isEqualByComparingTo("40.0");
        assertThat(nps.score()).isEqualByComparingTo("0.0");
        assertThat(nps.distribution()).containsExactly(1L, 0L, 0L, 1L, 0L, 0L, 2L, 1L, 1L, 2L, 2L);
    }

    @Test
    void npsRangesFromMinus100To100AndRoundsToOneDecimal() {
        assertThat(SurveyMath.nps(SurveyMath.distribution(List.of(10, 9, 9), 0, 10)).score()).isEqualByComparingTo("100");
        assertThat(SurveyMath.nps(SurveyMath.distribution(List.of(0, 6, 5), 0, 10)).score()).isEqualByComparingTo("-100");
        // 2 promoters, 1 detractor of 3: 33.3
        assertThat(SurveyMath.nps(SurveyMath.distribution(List.of(10, 9, 2), 0, 10)).score()).isEqualByComparingTo("33.3");
        // passives only: 0, not promoters
        assertThat(SurveyMath.nps(SurveyMath.distribution(List.of(7, 8), 0, 10)).score()).isEqualByComparingTo("0");
    }

    @Test
    void csatIsTheMeanAndTheShareOfFoursAndFives() {
        // 1, 2, 3, 4, 4, 5, 5, 5 → mean 29/8 = 3.625 → 3.63; satisfied 5/8 = 62.5 %
        SurveyMath.Csat csat = SurveyMath.csat(SurveyMath.distribution(List.of(1, 2, 3, 4, 4, 5, 5, 5), 1, 5));
        assertThat(csat.responses()).isEqualTo(8);
        assertThat(csat.mean()).isEqualByComparingTo("3.63");
        assertThat(csat.satisfiedPct()).isEqualByComparingTo("62.5");
        assertThat(csat.distribution()).containsExactly(1L, 1L, 1L, 2L, 3L);
    }

    @Test
    void noAnswersGiveNoScoreRatherThanZero() {
        assertThat(SurveyMath.csat(new long[5]).mean()).isNull();
        assertThat(SurveyMath.nps(new long[11]).score()).isNull();
        assertThat(SurveyMath.nps(new long[11]).responses()).isZero();
    }

    @Test
    void scoresOutsideTheScaleAreRejected() {
        assertThatThrownBy(() -> SurveyMath.distribution(List.of(0), 1, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SurveyMath.distribution(List.of(11), 0, 10)).isInstanceOf(IllegalArgumentException.class);
    }
}
