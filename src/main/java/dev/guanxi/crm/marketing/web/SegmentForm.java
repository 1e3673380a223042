package dev.guanxi.crm.marketing.web;

import dev.guanxi.crm.marketing.internal.SegmentData;
import dev.guanxi.crm.marketing.internal.SegmentRules;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the rule builder posts. Rows are parallel lists (one entry per row, in page order) so that htmx can add and
 * remove rows without renumbering; {@code rowGroup} names the group of each row: "root" or a sub-group's id listed
 * in {@code groupId} with its match in {@code groupMatch}. The lists are read by {@link #bindRows}.
 */
public class SegmentForm {

    static final String ROOT = "root";

    private String name;
    private String description;
    private String match = "ALL";
    private List<String> rowGroup = new ArrayList<>();
    private List<String> rowField = new ArrayList<>();
    private List<String> rowOperator = new ArrayList<>();
    private List<String> rowValue = new ArrayList<>();
    private List<String> groupId = new ArrayList<>();
    private List<String> groupMatch = new ArrayList<>();

    /** One row as shown. */
    public record Row(String group, String field, String operator, String value) {
    }

    /** A sub-group as shown, with its rows. */
    public record Group(String id, String match, List<Row> rows) {
    }

    SegmentRules rules() {
        Map<String, List<SegmentRules.Rule>> byGroup = new LinkedHashMap<>();
        for (Row r : rows()) {
            if (r.field() != null && !r.field().isBlank()) {
                byGroup.computeIfAbsent(r.group(), g -> new ArrayList<>())
                        .add(new SegmentRules.Rule(r.field(), r.operator(), r.value()));
            }
        }
        List<SegmentRules> groups = new ArrayList<>();
        for (int i = 0; i < groupId.size(); i++) {
            List<SegmentRules.Rule> rules = byGroup.get(groupId.get(i));
            if (rules != null) {
                groups.add(new SegmentRules(at(groupMatch, i), rules, List.of()));
            }
        }
        return new SegmentRules(match, byGroup.getOrDefault(ROOT, List.of()), groups);
    }

    SegmentData data() {
        return new SegmentData(name, description, rules());
    }

    public List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < rowField.size(); i++) {
            rows.add(new Row(at(rowGroup, i) == null ? ROOT : at(rowGroup, i), at(rowField, i), at(rowOperator, i),
                    at(rowValue, i)));
        }
        return rows;
    }

    public List<Row> rootRows() {
        return rows().stream().filter(r -> ROOT.equals(r.group())).toList();
    }

    public List<Group> groups() {
        List<Group> groups = new ArrayList<>();
        for (int i = 0; i < groupId.size(); i++) {
            String id = groupId.get(i);
            groups.add(new Group(id, at(groupMatch, i), rows().stream().filter(r -> id.equals(r.group())).toList()));
        }
        return groups;
    }

    /** The form of a stored segment (rules nested deeper than one sub-group level are not editable here). */
    static SegmentForm of(String name, String description, SegmentRules rules) {
        SegmentForm form = new SegmentForm();
        form.name = name;
        form.description = description;
        form.match = rules.matchAny() ? "ANY" : "ALL";
        rules.rules().forEach(r -> form.add(ROOT, r));
        for (int i = 0; i < rules.groups().size(); i++) {
            SegmentRules g = rules.groups().get(i);
            String id = "g" + (i + 1);
            form.groupId.add(id);
            form.groupMatch.add(g.matchAny() ? "ANY" : "ALL");
            g.rules().forEach(r -> form.add(id, r));
        }
        return form;
    }

    private void add(String group, SegmentRules.Rule r) {
        rowGroup.add(group);
        rowField.add(r.field());
        rowOperator.add(r.operator());
        rowValue.add(r.value() instanceof List<?> l ? String.join(",", l.stream().map(String::valueOf).toList())
                : r.value() == null ? "" : String.valueOf(r.value()));
    }

    /**
     * Reads the row lists from the raw request: the data binder would split a single value at its commas
     * ("VIP,MAJOR" of an "in" rule), losing the alignment of the parallel lists.
     */
    void bindRows(jakarta.servlet.http.HttpServletRequest request) {
        rowGroup = values(request, "rowGroup");
        rowField = values(request, "rowField");
        rowOperator = values(request, "rowOperator");
        rowValue = values(request, "rowValue");
        groupId = values(request, "groupId");
        groupMatch = values(request, "groupMatch");
    }

    private static List<String> values(jakarta.servlet.http.HttpServletRequest request, String name) {
        String[] values = request.getParameterValues(name);
        return values == null ? new ArrayList<>() : new ArrayList<>(List.of(values));
    }

    static SegmentForm blank() {
        SegmentForm form = new SegmentForm();
        form.rowGroup.add(ROOT);
        form.rowField.add("");
        form.rowOperator.add("");
        form.rowValue.add("");
        return form;
    }

    private static String at(List<String> list, int i) {
        return i < list.size() ? list.get(i) : null;
    }

    public String getName() { return name; }
    public void setName(String name) { this.name = name; }
    public String getDescription() { return description; }
    public void setDescription(String description) { this.description = description; }
    public String getMatch() { return match; }
    public void setMatch(String match) { this.match = match; }
    public List<String> getRowGroup() { return rowGroup; }
    public List<String> getRowField() { return rowField; }
    public List<String> getRowOperator() { return rowOperator; }
    public List<String> getRowValue() { return rowValue; }
    public List<String> getGroupId() { return groupId; }
    public List<String> getGroupMatch() { return groupMatch; }
}
