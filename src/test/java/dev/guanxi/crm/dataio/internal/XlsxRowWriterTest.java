package dev.guanxi.crm.dataio.internal;

import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class XlsxRowWriterTest {

    @Test
    void continuesOnANewSheetWithTheHeaderWhenASheetIsFull() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XlsxRowWriter writer = new XlsxRowWriter(out, "客户", 3)) {
            writer.row(List.of("编号", "名称"));
            for (int i = 1; i <= 5; i++) {
                writer.row(List.of(String.valueOf(i), "客户" + i));
            }
        }
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            List<Sheet> sheets = wb.getSheets().toList();
            assertThat(sheets).extracting(Sheet::getName).containsExactly("客户", "客户 2", "客户 3");
            List<Row> first = sheets.get(0).read();
            assertThat(first).hasSize(3);
            assertThat(first.get(0).getCellText(1)).isEqualTo("名称");
            List<Row> last = sheets.get(2).read();
            assertThat(last).hasSize(2);
            assertThat(last.get(0).getCellText(0)).isEqualTo("编号");
            assertThat(last.get(1).getCellText(1)).isEqualTo("客户5");
        }
    }
}
