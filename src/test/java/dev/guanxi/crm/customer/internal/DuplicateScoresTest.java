package dev.guanxi.crm.customer.internal;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rule scores: the defaults rank the pinyin rules below the exact ones, and guanxi.duplicates.scores replaces them. */
class DuplicateScoresTest {

    private static Duplicates duplicates(MockEnvironment environment) {
        return new Duplicates(null, environment, List.of(DuplicateRule.values()), 0.6, 20);
    }

    @Test
    void thePinyinRulesScoreBelowTheExactNameRulesByDefault() {
        Duplicates d = duplicates(new MockEnvironment());
        assertThat(d.score(DuplicateRule.PINYIN_NAME_AND_CITY)).isEqualByComparingTo("0.65")
                .isLessThan(d.score(DuplicateRule.LATIN_NAME_AND_CITY));
        assertThat(d.score(DuplicateRule.HOMOPHONE_NAME_AND_CITY)).isEqualByComparingTo("0.50")
                .isLessThan(d.score(DuplicateRule.NAME_AND_CITY));
    }

    @Test
    void aConfiguredScoreReplacesTheDefault() {
        Duplicates d = duplicates(new MockEnvironment()
                .withProperty("guanxi.duplicates.scores.HOMOPHONE_NAME_AND_CITY", "0.4"));
        assertThat(d.score(DuplicateRule.HOMOPHONE_NAME_AND_CITY)).isEqualByComparingTo("0.4");
        assertThat(d.score(DuplicateRule.PHONE)).isEqualByComparingTo("0.95");
        assertThatThrownBy(() -> duplicates(new MockEnvironment()
                .withProperty("guanxi.duplicates.scores.PINYIN_NAME_AND_CITY", "1.5")))
                .hasMessageContaining("PINYIN_NAME_AND_CITY");
    }
}
