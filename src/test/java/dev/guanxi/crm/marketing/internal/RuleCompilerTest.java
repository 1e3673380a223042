package dev.guanxi.crm.marketing.internal;

import dev.guanxi.crm.common.FieldProblem;
import dev.guanxi.crm.common.InvalidInputException;
import dev.guanxi.crm.customer.CustomerSelection;
import dev.guanxi.crm.marketing.SegmentField;
import dev.guanxi.crm.marketing.SegmentFieldType;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Rules become SQL from the fields' own expressions and bound, typed parameters only. */
class RuleCompilerTest {

    static final Map<String, SegmentField> FIELDS = Map.of(
            "city", new CoreSegmentFields.Field("city", "l", SegmentFieldType.TEXT, "c.city", List.of(), null),
            "age", new CoreSegmentFields.Field("age", "l", SegmentFieldType.NUMBER, "c.age", List.of(), null),
            "tier", new CoreSegmentFields.Field("tier", "l", SegmentFieldType.CHOICE, "c.tier", List.of("VIP", "SMALL"), null),
            "born", new CoreSegmentFields.Field("born", "l", SegmentFieldType.DATE, "c.born", List.of(), null),
            "tags", new CoreSegmentFields.Field("tags", "l", SegmentFieldType.TAGS, "c.tags", List.of(), null),
            "loyalty.points", new CoreSegmentFields.Field("loyalty.points", "l", SegmentFieldType.NUMBER,
                    "(SELECT p.balance FROM points p WHERE p.customer_id = c.id)", List.of(), null));

    static SegmentRules.Rule rule(String field, String op, Object value) {
        return new SegmentRules.Rule(field, op, value);
    }

    @Test
    void userValuesAreBoundNeverConcatenated() {
        String evil = "x'); DROP TABLE customers; --";
        CustomerSelection.Sql sql = RuleCompiler.compile(new SegmentRules("ALL", List.of(rule("city", "eq", evil),
                rule("age", "between", List.of("20", 30)), rule("tier", "in", "VIP,SMALL"),
                rule("born", "within_last_days", "30"), rule("tags", "has_tag", "vip"),
                rule("loyalty.points", "gte", "100")), List.of()), FIELDS);
        assertThat(sql.sql()).doesNotContain(evil).doesNotContain("DROP")
                .isEqualTo("((c.city) = :sr1 AND (c.age) BETWEEN :sr2 AND :sr3 AND (c.tier) IN (:sr4)"
                        + " AND (c.born) >= current_date - CAST(:sr5 AS int) AND (c.tags) @> ARRAY[:sr6]::text[]"
                        + " AND ((SELECT p.balance FROM points p WHERE p.customer_id = c.id)) >= :sr7)");
        assertThat(sql.params()).containsEntry("sr1", evil).containsEntry("sr2", new BigDecimal("20"))
                .containsEntry("sr3", new BigDecimal("30")).containsEntry("sr4", List.of("VIP", "SMALL"))
                .containsEntry("sr5", 30).containsEntry("sr6", "vip").containsEntry("sr7", new BigDecimal("100"));
    }

    @Test
    void groupsNestWithTheirOwnMatch() {
        CustomerSelection.Sql sql = RuleCompiler.compile(new SegmentRules("ALL", List.of(rule("tier", "eq", "VIP")),
                List.of(new SegmentRules("ANY", List.of(rule("city", "eq", "杭州"), rule("born", "before",
                        "2000-01-01")), List.of()))), FIELDS);
        assertThat(sql.sql()).isEqualTo("((c.tier) = :sr1 AND ((c.city) = :sr2 OR (c.born) < :sr3))");
        assertThat(sql.params().get("sr3")).isEqualTo(LocalDate.of(2000, 1, 1));
        assertThat(RuleCompiler.compile(new SegmentRules(null, null, null), FIELDS).sql()).isEqualTo("TRUE");
    }

    @Test
    void likeWildcardsInValuesAreEscaped() {
        CustomerSelection.Sql sql = RuleCompiler.compile(new SegmentRules("ALL", List.of(rule("city", "contains",
                "50%_off")), List.of()), FIELDS);
        assertThat(sql.params().get("sr1")).isEqualTo("%50\\%\\_off%");
    }

    @Test
    void everyProblemIsReportedWithItsPlace() {
        assertThatThrownBy(() -> RuleCompiler.compile(new SegmentRules("SOME", List.of(rule("password", "eq", "x"),
                rule("city", "gt", "a"), rule("age", "eq", "old"), rule("tier", "eq", "GOLD"),
                rule("born", "after", "yesterday"), rule("age", "between", "1")),
                List.of(new SegmentRules("ANY", List.of(rule("city", null, "x")), List.of()))), FIELDS))
                .isInstanceOfSatisfying(InvalidInputException.class, e -> assertThat(e.problems())
                        .extracting(FieldProblem::field, FieldProblem::messageKey)
                        .containsExactly(
                                org.assertj.core.groups.Tuple.tuple("match", "segment.bad-match"),
                                org.assertj.core.groups.Tuple.tuple("rules[0].field", "segment.unknown-field"),
                                org.assertj.core.groups.Tuple.tuple("rules[1].operator", "segment.unknown-operator"),
                                org.assertj.core.groups.Tuple.tuple("rules[2].value", "segment.bad-value"),
                                org.assertj.core.groups.Tuple.tuple("rules[3].value", "segment.bad-value"),
                                org.assertj.core.groups.Tuple.tuple("rules[4].value", "segment.bad-value"),
                                org.assertj.core.groups.Tuple.tuple("rules[5].value", "segment.bad-value"),
                                org.assertj.core.groups.Tuple.tuple("groups[0].rules[0].operator", "segment.unknown-operator")));
    }
}
