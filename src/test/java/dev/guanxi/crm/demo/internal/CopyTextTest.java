package dev.guanxi.crm.demo.internal;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CopyTextTest {

    @Test
    void writesTabSeparatedRowsWithNullsEscapesAndArrays() {
        CopyText rows = new CopyText();
        rows.value(7L).value((String) null).value("a\tb\\c\nd").value(true).array(List.of("VIP会员", "say \"hi\""))
                .endRow();
        rows.value("x").array(List.of()).endRow();

        assertThat(rows.toString()).isEqualTo(
                "7\t\\N\ta\\tb\\\\c\\nd\tt\t{\"VIP会员\",\"say \\\\\"hi\\\\\"\"}\n" + "x\t{}\n");
    }
}
