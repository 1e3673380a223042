package dev.guanxi.crm.dataio.internal;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * A streamed {@code .xlsx}: rows are flushed to the zip stream every {@value #FLUSH_EVERY} rows and strings are
 * written inline (no shared-string table growing with the file). A sheet holds at most 1,048,576 rows; more rows
 * continue on a further sheet.
 */
final class XlsxRowWriter implements RowWriter {

    static final int MAX_ROWS_PER_SHEET = 1_048_576;
    private static final int FLUSH_EVERY = 1000;

    private final Workbook workbook;
    private final String sheetName;
    private final int rowsPerSheet;
    private Worksheet sheet;
    private List<String> header;
    private int sheets;
    private int row;

    XlsxRowWriter(OutputStream out, String sheetName) {
        this(out, sheetName, MAX_ROWS_PER_SHEET);
    }

    XlsxRowWriter(OutputStream out, String sheetName, int rowsPerSheet) {
        this.workbook = new Workbook(out, "Guanxi CRM", "1.0");
        this.sheetName = sheetName;
        this.rowsPerSheet = rowsPerSheet;
    }

    @Override
    public void row(List<String> cells) throws IOException {
        if (header == null) {
            header = cells;
        }
        if (sheet == null || row == rowsPerSheet) {
            newSheet();
            if (cells == header) {
                return;
            }
        }
        write(cells);
    }

    private void newSheet() throws IOException {
        if (sheet != null) {
            sheet.close();
        }
        sheets++;
        sheet = workbook.newWorksheet(sheets == 1 ? sheetName : sheetName + " " + sheets);
        row = 0;
        write(header);
        sheet.freezePane(0, 1);
    }

    private void write(List<String> cells) throws IOException {
        for (int c = 0; c < cells.size(); c++) {
            String value = cells.get(c);
            if (value != null && !value.isEmpty()) {
                sheet.inlineString(row, c, value);
            }
        }
        row++;
        if (row % FLUSH_EVERY == 0) {
            sheet.flush();
        }
    }

    @Override
    public void close() throws IOException {
        if (sheet == null) {
            newSheet();
        }
        sheet.close();
        workbook.close();
    }
}
