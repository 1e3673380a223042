package dev.guanxi.crm.customer.internal;

import dev.guanxi.crm.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * guanxi_grams (V9_8, a PL/pgSQL loop) gives the same set of grams as its first definition (V1_4, a SQL query over
 * generate_series), so the GIN indexes built over the first one stay valid.
 */
@IntegrationTest
class CharacterGramsTest {

    /** The V1_4 definition, run as a plain query on :t. */
    private static final String FIRST_DEFINITION = """
            SELECT coalesce(array_agg(DISTINCT g ORDER BY g), '{}'::text[]) FROM (
              SELECT substr(lower(:t), i, 1) AS g FROM generate_series(1, length(:t)) i
              UNION ALL
              SELECT substr(lower(:t), i, 2) FROM generate_series(1, length(:t) - 1) i) s
            WHERE g !~ '\\s'""";

    @Autowired
    JdbcClient jdbc;

    @Test
    void theGramsAreTheSetOfTheFirstDefinition() {
        for (String text : List.of("", " ", "\t\n", "a", "明", "王明", " 杭州 某某 ", "杭州某某科技有限公司",
                "Zhang  Wei", "A\tb c", "  leading and trailing  ", "O'Brien-Smith Co., Ltd.", "ÄÖÜ straße",
                "张伟 Zhang Wei 13800000000", "😀表情 ok")) {
            List<String> now = jdbc.sql("SELECT DISTINCT g FROM unnest(guanxi_grams(:t)) g ORDER BY g")
                    .param("t", text).query(String.class).list();
            List<String> first = jdbc.sql("SELECT unnest((" + FIRST_DEFINITION + "))")
                    .param("t", text).query(String.class).list();
            assertThat(now).as("grams of '%s'", text).isEqualTo(first);
        }
        assertThat(jdbc.sql("SELECT guanxi_grams(NULL) IS NULL").query(Boolean.class).single()).isTrue();
        assertThat(jdbc.sql("SELECT guanxi_grams('王明') @> ARRAY['王明', '明', '王']").query(Boolean.class).single())
                .isTrue();
    }
}
