package dev.guanxi.crm.marketing.internal;

import java.util.List;

/**
 * The rules of a dynamic segment: a group whose rules and sub-groups all hold (match ALL) or any one of them holds
 * (match ANY). Stored as JSON; also the API's request body.
 *
 * @param value a string, number or, for in / not_in / between, a list (or comma-separated string)
 */
public record SegmentRules(String match, List<Rule> rules, List<SegmentRules> groups) {

    public record Rule(String field, String operator, Object value) {
    }

    public SegmentRules {
        rules = rules == null ? List.of() : rules;
        groups = groups == null ? List.of() : groups;
    }

    public boolean matchAny() {
        return "ANY".equalsIgnoreCase(match);
    }

    public int size() {
        // a null sub-group (JSON "groups": [null]) is an empty one, as the compiler treats it
        return rules.size() + groups.stream().filter(java.util.Objects::nonNull).mapToInt(SegmentRules::size).sum();
    }
}
