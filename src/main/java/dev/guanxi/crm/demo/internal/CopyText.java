package dev.guanxi.crm.demo.internal;

import org.postgresql.copy.CopyIn;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;

/**
 * Rows in PostgreSQL's COPY text format (tab-separated, {@code \N} for null, backslash escapes), buffered and
 * sent to a running COPY in chunks so that memory stays bounded whatever the number of rows.
 */
final class CopyText {

    private static final int FLUSH_CHARS = 1 << 18;

    private final StringBuilder buffer = new StringBuilder(FLUSH_CHARS + 4096);

    CopyText value(String value) {
        if (value == null) {
            buffer.append("\\N");
        } else {
            escape(value);
        }
        buffer.append('\t');
        return this;
    }

    CopyText value(Object value) {
        return value(value == null ? null : value.toString());
    }

    CopyText value(long value) {
        buffer.append(value).append('\t');
        return this;
    }

    CopyText value(boolean value) {
        buffer.append(value ? 't' : 'f').append('\t');
        return this;
    }

    /** A PostgreSQL text[] literal with every element quoted. */
    CopyText array(List<String> values) {
        StringBuilder literal = new StringBuilder(2 + values.size() * 12).append('{');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                literal.append(',');
            }
            literal.append('"');
            String element = values.get(i);
            for (int c = 0; c < element.length(); c++) {
                char ch = element.charAt(c);
                if (ch == '"' || ch == '\\') {
                    literal.append('\\');
                }
                literal.append(ch);
            }
            literal.append('"');
        }
        return value(literal.append('}').toString());
    }

    /** Ends the row: the separator written after its last value becomes the line end. */
    void endRow() {
        buffer.setCharAt(buffer.length() - 1, '\n');
    }

    boolean full() {
        return buffer.length() >= FLUSH_CHARS;
    }

    /** Sends what is buffered to the COPY and empties the buffer. */
    void sendTo(CopyIn copy) throws SQLException {
        if (buffer.length() > 0) {
            byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            buffer.setLength(0);
        }
    }

    @Override
    public String toString() {
        return buffer.toString();
    }

    private void escape(String value) {
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            switch (ch) {
                case '\\' -> buffer.append("\\\\");
                case '\t' -> buffer.append("\\t");
                case '\n' -> buffer.append("\\n");
                case '\r' -> buffer.append("\\r");
                default -> buffer.append(ch);
            }
        }
    }
}
