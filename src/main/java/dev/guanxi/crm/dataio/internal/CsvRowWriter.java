package dev.guanxi.crm.dataio.internal;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** UTF-8 CSV with a byte order mark, so that Excel on Chinese Windows reads the characters right. */
final class CsvRowWriter implements RowWriter {

    private final CSVPrinter printer;

    CsvRowWriter(OutputStream out) throws IOException {
        BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        writer.write('\uFEFF');
        this.printer = new CSVPrinter(writer, CSVFormat.RFC4180);
    }

    @Override
    public void row(List<String> cells) throws IOException {
        for (String cell : cells) {
            printer.print(defuse(cell));
        }
        printer.println();
    }

    /** A cell starting like a formula would run in Excel (CSV injection); a leading apostrophe keeps it text. */
    static String defuse(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell;
        }
        char first = cell.charAt(0);
        boolean formula = first == '=' || first == '@' || first == '\t' || first == '\r'
                || ((first == '+' || first == '-') && !cell.matches("[+\\-][0-9 ()\\-]*"));
        return formula ? "'" + cell : cell;
    }

    @Override
    public void close() throws IOException {
        printer.close(true);
    }
}
