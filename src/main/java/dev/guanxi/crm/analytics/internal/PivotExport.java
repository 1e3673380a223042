package dev.guanxi.crm.analytics.internal;

import dev.guanxi.crm.audit.AuditAction;
import dev.guanxi.crm.audit.AuditTrail;
import dev.guanxi.crm.audit.AuditTrail.Change;
import dev.guanxi.crm.common.InvalidInputException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a pivot table as CSV (UTF-8 with BOM, for Excel on Chinese Windows) or Excel, laid out as on screen:
 * a header row, one row per row member with its cells and total, and a last row of column totals and the grand
 * total. With several measures each column member has one column per measure. Every export is audited.
 */
@Service
public class PivotExport {

    public enum Format {
        CSV("text/csv;charset=UTF-8", "csv"),
        XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx");

        public final String contentType;
        public final String extension;

        Format(String contentType, String extension) {
            this.contentType = contentType;
            this.extension = extension;
        }

        public static Format parse(String value) {
            if (value == null || value.isBlank()) {
                return CSV;
            }
            return switch (value.strip().toLowerCase(Locale.ROOT)) {
                case "csv" -> CSV;
                case "xlsx", "excel" -> XLSX;
                default -> throw new InvalidInputException("format", "pivot.error.format", value);
            };
        }
    }

    /** Where the file goes; opened after the report has run, so that a bad request can still be a 400. */
    @FunctionalInterface
    public interface Target {
        OutputStream open() throws IOException;
    }

    /** A download on a servlet response, named after the report, started only when the file is written. */
    public static Target download(jakarta.servlet.http.HttpServletResponse response, Format format,
                                  PivotRequest request) {
        return () -> {
            response.setContentType(format.contentType);
            response.setHeader(org.springframework.http.HttpHeaders.CONTENT_DISPOSITION,
                    org.springframework.http.ContentDisposition.attachment()
                            .filename("pivot-" + request.rows().key() + "-" + request.effectiveFrom() + "-"
                                    + request.effectiveTo() + "." + format.extension, StandardCharsets.UTF_8)
                            .build().toString());
            response.setHeader(org.springframework.http.HttpHeaders.CACHE_CONTROL, "no-store");
            return response.getOutputStream();
        };
    }

    private final PivotService pivots;
    private final AuditTrail audit;
    private final MessageSource messages;

    PivotExport(PivotService pivots, AuditTrail audit, MessageSource messages) {
        this.pivots = pivots;
        this.audit = audit;
        this.messages = messages;
    }

    @Transactional
    public void export(PivotRequest request, Format format, Locale locale, Target target) throws IOException {
        PivotResult result = pivots.run(request, locale);
        List<List<Object>> table = table(result, locale);
        // flushed, not closed: the container completes the response after this transaction (and its audit) commits
        OutputStream out = target.open();
        if (format == Format.CSV) {
            writeCsv(table, out);
        } else {
            writeXlsx(table, messages.getMessage("pivot.title", null, locale), out);
        }
        out.flush();
        Map<String, Change> details = new LinkedHashMap<>();
        details.put("format", new Change(null, format.extension));
        details.put("report", new Change(null, request.toQuery()));
        details.put("rows", new Change(null, result.rows().size()));
        audit.record("pivot", "export", AuditAction.EXPORT, details, "Exported a pivot report ("
                + String.join(", ", request.measures()) + " by " + request.rows().key()
                + (request.columns() == null ? "" : " × " + request.columns().key()) + ") as " + format.name());
    }

    /** The table as shown: strings for labels, BigDecimal for values (null for an empty cell). */
    List<List<Object>> table(PivotResult result, Locale locale) {
        boolean several = result.measures().size() > 1;
        String total = messages.getMessage("pivot.total", null, locale);
        List<String> measureLabels = result.measures().stream()
                .map(m -> messages.getMessage("pivot.measure." + m.key(), null, m.key(), locale)).toList();
        List<Object> header = new ArrayList<>();
        String corner = messages.getMessage("pivot.dimension." + result.request().rows().key(), null, locale);
        if (result.request().columns() != null) {
            corner += " \\ " + messages.getMessage("pivot.dimension." + result.request().columns().key(), null, locale);
        }
        header.add(corner);
        for (PivotResult.Member c : result.columns()) {
            measureLabels.forEach(m -> header.add(several ? c.label() + " · " + m : c.label()));
        }
        for (String m : measureLabels) {
            header.add(result.request().columns() == null ? m : several ? total + " · " + m : total);
        }
        List<List<Object>> table = new ArrayList<>();
        table.add(header);
        for (PivotResult.Row row : result.rows()) {
            List<Object> line = new ArrayList<>();
            line.add(row.member().label());
            row.cells().forEach(cell -> line.addAll(cell.values()));
            line.addAll(row.total().values());
            table.add(line);
        }
        List<Object> totals = new ArrayList<>();
        totals.add(total);
        result.columnTotals().forEach(cell -> totals.addAll(cell.values()));
        totals.addAll(result.grandTotal().values());
        table.add(totals);
        return table;
    }

    private static void writeCsv(List<List<Object>> table, OutputStream out) throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        writer.write('\uFEFF');
        CSVPrinter printer = new CSVPrinter(writer, CSVFormat.RFC4180);
        for (List<Object> line : table) {
            for (Object cell : line) {
                printer.print(cell instanceof BigDecimal n ? n.toPlainString() : text(cell));
            }
            printer.println();
        }
        printer.flush();
    }

    private static void writeXlsx(List<List<Object>> table, String sheetName, OutputStream out) throws IOException {
        Workbook workbook = new Workbook(out, "Guanxi CRM", "1.0");
        Worksheet sheet = workbook.newWorksheet(sheetName);
        for (int r = 0; r < table.size(); r++) {
            List<Object> line = table.get(r);
            for (int c = 0; c < line.size(); c++) {
                Object cell = line.get(c);
                if (cell instanceof BigDecimal n) {
                    sheet.value(r, c, n);
                } else if (cell != null) {
                    sheet.inlineString(r, c, cell.toString());
                }
            }
        }
        sheet.freezePane(1, 1);
        sheet.close();
        workbook.finish();
    }

    /** Labels come from customer data: one that a spreadsheet would take for a formula is kept as text. */
    private static String text(Object cell) {
        String s = cell == null ? "" : cell.toString();
        return !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
    }
}
