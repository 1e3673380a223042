package dev.guanxi.crm.customer;

import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The usual {@link CustomerMergeParticipant}: tables whose rows belong to a customer through one column (an
 * {@code id} primary key and, by default, {@code customer_id}). A module declares it as a bean:
 * {@code new CustomerReferences("sales", jdbc, "orders", "payments", "leads.converted_customer_id")}.
 */
public class CustomerReferences implements CustomerMergeParticipant {

    private static final int CHUNK = 10_000;
    private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]*");

    private final String name;
    private final JdbcClient jdbc;
    private final Map<String, String> columnByTable = new LinkedHashMap<>();
    private final Map<String, List<String>> uniqueByTable = new LinkedHashMap<>();

    /** @param tables table names, each optionally with {@code .column} when the column is not customer_id */
    public CustomerReferences(String name, JdbcClient jdbc, String... tables) {
        this.name = name;
        this.jdbc = jdbc;
        for (String table : tables) {
            String[] parts = table.split("\\.", 2);
            String column = parts.length == 2 ? parts[1] : "customer_id";
            if (!NAME.matcher(parts[0]).matches() || !NAME.matcher(column).matches()) {
                throw new IllegalArgumentException("Not a table or column name: " + table);
            }
            columnByTable.put(table, column);
        }
    }

    /**
     * Rows of {@code table} that would break a unique constraint over the customer column and {@code columns} stay
     * with the merged customer (e.g. the survivor already answered the same survey campaign).
     */
    public CustomerReferences unique(String table, String... columns) {
        if (!columnByTable.containsKey(table)) {
            throw new IllegalArgumentException("Unknown table " + table);
        }
        for (String column : columns) {
            if (!NAME.matcher(column).matches()) {
                throw new IllegalArgumentException("Not a column name: " + column);
            }
        }
        uniqueByTable.put(table, List.of(columns));
        return this;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Map<String, List<Long>> moveRecords(long from, long to) {
        Map<String, List<Long>> moved = new LinkedHashMap<>();
        columnByTable.forEach((key, column) -> {
            StringBuilder clash = new StringBuilder();
            List<String> unique = uniqueByTable.getOrDefault(key, List.of());
            if (!unique.isEmpty()) {
                clash.append(" AND NOT EXISTS (SELECT 1 FROM ").append(table(key)).append(" o WHERE o.").append(column)
                        .append(" = :to");
                unique.forEach(u -> clash.append(" AND o.").append(u).append(" = ").append(table(key)).append('.').append(u));
                clash.append(')');
            }
            List<Long> ids = jdbc.sql("UPDATE " + table(key) + " SET " + column + " = :to WHERE " + column
                    + " = :from" + clash + " RETURNING id").param("to", to).param("from", from)
                    .query(Long.class).list();
            if (!ids.isEmpty()) {
                moved.put(key, ids);
            }
        });
        return moved;
    }

    @Override
    public void moveBack(Map<String, List<Long>> moved, long from, long to) {
        moved.forEach((key, ids) -> {
            String column = columnByTable.get(key);
            if (column == null) {
                throw new IllegalStateException("Participant " + name + " does not know table " + key);
            }
            for (int i = 0; i < ids.size(); i += CHUNK) {
                jdbc.sql("UPDATE " + table(key) + " SET " + column + " = :from WHERE id IN (:ids)").param("from", from)
                        .param("ids", ids.subList(i, Math.min(ids.size(), i + CHUNK))).update();
            }
        });
    }

    private static String table(String key) {
        int dot = key.indexOf('.');
        return dot < 0 ? key : key.substring(0, dot);
    }
}
