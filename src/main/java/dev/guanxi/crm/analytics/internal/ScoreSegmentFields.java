package dev.guanxi.crm.analytics.internal;

import dev.guanxi.crm.marketing.SegmentField;
import dev.guanxi.crm.marketing.SegmentFieldType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Arrays;
import java.util.List;

/** The latest scoring run's scores as marketing segment fields (ABC class, RFM segment, P(alive), CLV, churn warnings). */
@Configuration(proxyBeanMethods = false)
class ScoreSegmentFields {

    record Field(String name, String labelKey, SegmentFieldType type, String sql, List<String> options,
                 String optionLabelPrefix) implements SegmentField {
    }

    private static Field score(String name, SegmentFieldType type, String column) {
        return new Field(name, "segment.field." + name, type,
                "(SELECT " + (column.contains("(") ? column : "s." + column) + " FROM customer_scores s WHERE s.customer_id = c.id)", List.of(), null);
    }

    @Bean
    SegmentField segmentFieldAbcClass() {
        return new Field("abcClass", "segment.field.abcClass", SegmentFieldType.CHOICE,
                "(SELECT s.abc_class FROM customer_scores s WHERE s.customer_id = c.id)", List.of("A", "B", "C"), null);
    }

    @Bean
    SegmentField segmentFieldRfmSegment() {
        return new Field("rfmSegment", "segment.field.rfmSegment", SegmentFieldType.CHOICE,
                "(SELECT s.rfm_segment FROM customer_scores s WHERE s.customer_id = c.id)",
                Arrays.stream(RfmSegment.values()).map(Enum::name).toList(), "enum.RfmSegment.");
    }

    @Bean
    SegmentField segmentFieldPAlive() {
        return score("pAlive", SegmentFieldType.NUMBER, "p_alive");
    }

    @Bean
    SegmentField segmentFieldClv() {
        return score("clv", SegmentFieldType.NUMBER, "coalesce(s.clv_bgnbd, s.clv_dwyer)");
    }

    @Bean
    SegmentField segmentFieldClusterId() {
        return score("clusterId", SegmentFieldType.NUMBER, "cluster_id");
    }

    @Bean
    SegmentField segmentFieldChurnWarnings() {
        return score("churnWarnings", SegmentFieldType.TAGS, "churn_reasons");
    }
}
