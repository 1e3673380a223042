package dev.guanxi.crm.dataio.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A saved column mapping of one entity: per column title of a file the field it holds ({@link #IGNORED}: none),
 * with the mode and match key to start the import with (null: not saved).
 */
public record MappingTemplate(long id, ImportEntity entity, String name, Map<String, String> mapping, String mode,
                              String matchKey, long createdBy, String createdByName, Instant createdAt) {

    /** The field of a column the import ignores. */
    public static final String IGNORED = "";

    /** A column title as templates compare it: trimmed, lower case. */
    public static String title(String header) {
        return header == null ? "" : header.strip().toLowerCase(Locale.ROOT);
    }

    /** Whether a file with these column titles has exactly the template's titles, in any order. */
    public boolean matches(List<String> header) {
        Set<String> titles = header.stream().map(MappingTemplate::title).filter(t -> !t.isEmpty())
                .collect(Collectors.toSet());
        Set<String> own = mapping.keySet().stream().map(MappingTemplate::title).collect(Collectors.toSet());
        return !own.isEmpty() && own.equals(titles);
    }

    /** Per column of the file the field the template gives its title, null when it has none. */
    public List<String> columns(List<String> header) {
        Map<String, String> byTitle = new java.util.HashMap<>();
        mapping.forEach((t, f) -> byTitle.put(title(t), f));
        List<String> columns = new ArrayList<>();
        for (String h : header) {
            String field = byTitle.get(title(h));
            columns.add(field == null || field.isEmpty() ? null : field);
        }
        return columns;
    }
}
