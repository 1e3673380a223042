package dev.guanxi.crm.dataio.internal;

import dev.guanxi.crm.audit.AuditAction;
import dev.guanxi.crm.audit.AuditTrail;
import dev.guanxi.crm.audit.AuditTrail.Change;
import dev.guanxi.crm.customer.CustomerExportSource;
import dev.guanxi.crm.customer.CustomerQuery;
import dev.guanxi.crm.customer.ExportedCustomer;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.RecordComponent;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/** Exports a customer list view (its filters and sort) as CSV or Excel, streamed, and audits every export. */
@Service
public class CustomerExporter {

    static final String ENTITY = "customer";
    /** Column header keys of messages.properties, in file order. */
    static final List<String> COLUMNS = List.of("field.id", "field.kind", "field.name", "field.customerType",
            "field.valueTier", "field.loyaltyStatus", "field.settlement", "field.creditTerms", "field.creditLimit",
            "field.lifecycleStage", "field.relationshipLevel", "field.industry", "field.occupation",
            "field.birthDate", "field.gender", "field.province", "field.city", "field.district", "field.address",
            "field.source", "field.tags", "field.phone", "field.email", "field.idNumber", "field.notes",
            "field.owner", "field.team", "field.createdAt");
    private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final CustomerExportSource source;
    private final AuditTrail audit;
    private final MessageSource messages;

    CustomerExporter(CustomerExportSource source, AuditTrail audit, MessageSource messages) {
        this.source = source;
        this.audit = audit;
        this.messages = messages;
    }

    /** Where the file goes; opened only when the first byte is written, so bad input can still be a 400. */
    @FunctionalInterface
    public interface Target {
        OutputStream open() throws IOException;
    }

    /**
     * Writes the file and records an EXPORT audit entry with the filter and the number of rows, also when the
     * download breaks off.
     *
     * @return the number of customers written
     */
    public long export(CustomerQuery query, String sort, ExportFormat format, Locale locale, ZoneId zone,
                       Target target) throws IOException {
        CustomerQuery q = query == null ? CustomerQuery.empty() : query;
        long[] rows = {0};
        boolean complete = false;
        RowWriter[] writer = {null};
        try {
            source.stream(q, sort, customer -> {
                if (writer[0] == null) {
                    writer[0] = open(format, locale, target);
                }
                writer[0].row(cells(customer, locale, zone));
                rows[0]++;
            });
            if (writer[0] == null) {
                writer[0] = open(format, locale, target);
            }
            writer[0].close();
            complete = true;
            return rows[0];
        } finally {
            if (writer[0] != null) {
                record(q, sort, format, rows[0], complete);
            }
        }
    }

    private RowWriter open(ExportFormat format, Locale locale, Target target) throws IOException {
        // Kept open when the writer closes: the download ends when the request ends, after the audit entry is
        // recorded, so whoever has the whole file finds the export in the audit log.
        OutputStream out = new KeptOpen(target.open());
        RowWriter w = format == ExportFormat.CSV ? new CsvRowWriter(out)
                : new XlsxRowWriter(out, messages.getMessage("customers.title", null, locale));
        List<String> header = new ArrayList<>(COLUMNS.size());
        COLUMNS.forEach(key -> header.add(messages.getMessage(key, null, locale)));
        w.row(header);
        return w;
    }

    private void record(CustomerQuery q, String sort, ExportFormat format, long rows, boolean complete) {
        String filter = describe(q);
        Map<String, Change> details = new LinkedHashMap<>();
        details.put("format", new Change(null, format.extension()));
        details.put("filter", new Change(null, filter.isEmpty() ? "(none)" : filter));
        if (sort != null && !sort.isBlank()) {
            details.put("sort", new Change(null, sort));
        }
        details.put("rows", new Change(null, rows));
        details.put("personalData", new Change(null, source.seesPersonalData() ? "unmasked" : "masked"));
        if (!complete) {
            details.put("complete", new Change(null, false));
        }
        audit.record(ENTITY, "export", AuditAction.EXPORT, details, "Exported " + rows + " customers as "
                + format.name() + (filter.isEmpty() ? "" : " (" + filter + ")") + (complete ? "" : ", interrupted"));
    }

    /** The set filters as query parameters, e.g. {@code valueTier=VIP&province=浙江省}. */
    static String describe(CustomerQuery q) {
        StringJoiner joiner = new StringJoiner("&");
        for (RecordComponent c : CustomerQuery.class.getRecordComponents()) {
            try {
                Object value = c.getAccessor().invoke(q);
                if (value != null && !(value instanceof String s && s.isBlank())) {
                    joiner.add(c.getName() + "=" + value);
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return joiner.toString();
    }

    private List<String> cells(ExportedCustomer c, Locale locale, ZoneId zone) {
        List<String> cells = new ArrayList<>(COLUMNS.size());
        cells.add(String.valueOf(c.id()));
        cells.add(label("enum.CustomerKind.", c.kind(), locale));
        cells.add(c.name());
        cells.add(label("enum.CustomerType.", c.customerType(), locale));
        cells.add(label("enum.ValueTier.", c.valueTier(), locale));
        cells.add(label("enum.LoyaltyStatus.", c.loyaltyStatus(), locale));
        cells.add(label("enum.Settlement.", c.settlement(), locale));
        cells.add(label("enum.CreditTerms.", c.creditTerms(), locale));
        cells.add(c.creditLimit() == null ? null : c.creditLimit().toPlainString());
        cells.add(label("enum.LifecycleStage.", c.lifecycleStage(), locale));
        cells.add(label("enum.RelationshipLevel.", c.relationshipLevel(), locale));
        cells.add(c.industry());
        cells.add(c.occupation());
        cells.add(c.birthDate() == null ? null : c.birthDate().toString());
        cells.add(label("enum.Gender.", c.gender(), locale));
        cells.add(c.province());
        cells.add(c.city());
        cells.add(c.district());
        cells.add(c.address());
        cells.add(c.source() == null ? null : messages.getMessage("source." + c.source(), null, c.source(), locale));
        cells.add(c.tags() == null || c.tags().isEmpty() ? null : String.join(",", c.tags()));
        cells.add(c.phone());
        cells.add(c.email());
        cells.add(c.idNumber());
        cells.add(c.notes());
        cells.add(c.ownerName());
        cells.add(c.teamName());
        cells.add(c.createdAt() == null ? null : CREATED.format(c.createdAt().atZone(zone)));
        return cells;
    }

    private String label(String prefix, Enum<?> value, Locale locale) {
        return value == null ? null : messages.getMessage(prefix + value.name(), null, value.name(), locale);
    }

    /** An output stream whose close only flushes. */
    private static final class KeptOpen extends java.io.FilterOutputStream {

        KeptOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
