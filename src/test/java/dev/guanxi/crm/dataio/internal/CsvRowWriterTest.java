package dev.guanxi.crm.dataio.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CsvRowWriterTest {

    @Test
    void keepsCellsThatLookLikeFormulasAsText() {
        assertThat(CsvRowWriter.defuse("=HYPERLINK(\"http://x\")")).isEqualTo("'=HYPERLINK(\"http://x\")");
        assertThat(CsvRowWriter.defuse("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CsvRowWriter.defuse("+cmd|' /C calc'!A0")).isEqualTo("'+cmd|' /C calc'!A0");
        assertThat(CsvRowWriter.defuse("-1+2")).isEqualTo("'-1+2");
    }

    @Test
    void leavesPhoneNumbersAndTextAlone() {
        assertThat(CsvRowWriter.defuse("+86 138-1234-5678")).isEqualTo("+86 138-1234-5678");
        assertThat(CsvRowWriter.defuse("王明")).isEqualTo("王明");
        assertThat(CsvRowWriter.defuse(null)).isNull();
    }
}
