package dev.guanxi.crm.dataio.internal;

import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Stream;

/**
 * Reads a CSV or {@code .xlsx} file row by row (never the whole file in memory). Line numbers are those a
 * spreadsheet shows: the header is line 1, the first data row line 2.
 */
abstract class TableReader implements Closeable, Iterator<TableReader.Line> {

    static final Charset GB18030 = Charset.forName("GB18030");
    private static final int SNIFF_BYTES = 64 * 1024;

    /**
     * A row of the file; {@code unreadable} when the file cannot be read from this row on (a CSV quote that is not
     * closed, text after a closing quote): the reader ends with it, and its cells are empty.
     */
    record Line(long number, List<String> cells, boolean unreadable) {

        Line(long number, List<String> cells) {
            this(number, cells, false);
        }

        boolean blank() {
            return !unreadable && cells.stream().allMatch(c -> c == null || c.isBlank());
        }
    }

    /** The first row: the column titles. */
    abstract List<String> header();

    static TableReader open(Path file, String format, Charset charset) throws IOException {
        return "XLSX".equals(format) ? new Xlsx(file) : new Csv(file, charset);
    }

    /**
     * UTF-8 when the file has a UTF-8 byte order mark or is valid UTF-8, UTF-16 by its mark, otherwise GB18030
     * (a superset of GBK and GB2312, what Excel on Chinese Windows writes).
     */
    static Charset detect(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(SNIFF_BYTES);
        }
        if (head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
            return StandardCharsets.UTF_8;
        }
        if (head.length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE) {
            return StandardCharsets.UTF_16LE;
        }
        if (head.length >= 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF) {
            return StandardCharsets.UTF_16BE;
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        // a multi-byte character cut at the end of the sample is not an error: endOfInput only when all was read
        boolean whole = head.length < SNIFF_BYTES;
        return utf8.decode(ByteBuffer.wrap(head), CharBuffer.allocate(head.length + 1), whole).isError()
                ? GB18030 : StandardCharsets.UTF_8;
    }

    /** Reads ahead one line so that {@link #hasNext()} can answer. */
    private abstract static class Ahead extends TableReader {
        private Line next;

        /** The next line, or null at the end. */
        abstract Line read();

        @Override
        public boolean hasNext() {
            if (next == null) {
                next = read();
            }
            return next != null;
        }

        @Override
        public Line next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Line l = next;
            next = null;
            return l;
        }
    }

    private static final class Csv extends Ahead {
        private final CSVParser parser;
        private final Iterator<CSVRecord> records;
        private final List<String> header;
        private long number = 1;
        private boolean ended;

        Csv(Path file, Charset charset) throws IOException {
            Reader reader = new InputStreamReader(Files.newInputStream(file), charset);
            PushbackReader in = new PushbackReader(reader, 1);
            int first = in.read();
            if (first != -1 && first != '\uFEFF') {
                in.unread(first);
            }
            BufferedReader lines = new BufferedReader(in, 64 * 1024);
            lines.mark(64 * 1024);
            String firstLine = lines.readLine();
            lines.reset();
            this.parser = CSVFormat.RFC4180.builder().setDelimiter(delimiter(firstLine)).get().parse(lines);
            this.records = parser.iterator();
            this.header = records.hasNext() ? records.next().toList() : List.of();
        }

        /** Comma, semicolon or tab: whichever the header line has most of. */
        private static char delimiter(String line) {
            if (line == null) {
                return ',';
            }
            long commas = line.chars().filter(c -> c == ',').count();
            long semicolons = line.chars().filter(c -> c == ';').count();
            long tabs = line.chars().filter(c -> c == '\t').count();
            return tabs > commas && tabs >= semicolons ? '\t' : semicolons > commas ? ';' : ',';
        }

        @Override
        List<String> header() {
            return header;
        }

        @Override
        Line read() {
            if (ended) {
                return null;
            }
            try {
                return records.hasNext() ? new Line(++number, records.next().toList()) : null;
            } catch (UncheckedIOException e) {
                if (!(e.getCause() instanceof CSVException)) {
                    throw e; // the disk, not the file's content: the job fails and can be resumed
                }
                // commons-csv cannot go on after a malformed record (a quote not closed reads to the end of the file)
                ended = true;
                return new Line(++number, List.of(), true);
            }
        }

        @Override
        public void close() throws IOException {
            parser.close();
        }
    }

    private static final class Xlsx extends Ahead {
        private final ReadableWorkbook workbook;
        private final Stream<Row> stream;
        private final Iterator<Row> rows;
        private final List<String> header;

        Xlsx(Path file) throws IOException {
            this.workbook = new ReadableWorkbook(file.toFile(), new ReadingOptions(true, false));
            this.stream = workbook.getFirstSheet().openStream();
            this.rows = stream.iterator();
            this.header = rows.hasNext() ? cells(rows.next()) : List.of();
        }

        private static List<String> cells(Row row) {
            List<String> cells = new ArrayList<>(row.getCellCount());
            for (int i = 0; i < row.getCellCount(); i++) {
                Cell cell = row.getCell(i);
                cells.add(text(cell));
            }
            return cells;
        }

        private static String text(Cell cell) {
            if (cell == null) {
                return null;
            }
            if (cell.getType() == CellType.NUMBER) {
                String format = cell.getDataFormatString();
                if (format != null && format.matches("(?i).*(yy|d).*")) {
                    return cell.asDate().toLocalDate().toString();
                }
                return cell.asNumber().stripTrailingZeros().toPlainString();
            }
            return cell.getText();
        }

        @Override
        List<String> header() {
            return header;
        }

        @Override
        Line read() {
            // the sheet's own row numbers: rows without cells are absent from the file
            return rows.hasNext() ? lineOf(rows.next()) : null;
        }

        private static Line lineOf(Row row) {
            return new Line(row.getRowNum(), cells(row));
        }

        @Override
        public void close() throws IOException {
            stream.close();
            workbook.close();
        }
    }
}
