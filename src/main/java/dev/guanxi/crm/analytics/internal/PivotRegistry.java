package dev.guanxi.crm.analytics.internal;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every {@link PivotFact} bean, in {@code @Order}: the measures a pivot can show and the fact each comes from.
 * Adding a measure (tickets, CSAT) is declaring a further {@code PivotFact} bean; the page, API, validation and
 * exports pick it up.
 */
@Component
public class PivotRegistry {

    private final List<PivotFact> facts;

    PivotRegistry(ObjectProvider<PivotFact> facts) {
        this.facts = facts.orderedStream().toList();
    }

    /** Each measure once, as the first fact offering it declares it, in registration order. */
    public List<PivotMeasure> measures() {
        Map<String, PivotMeasure> measures = new LinkedHashMap<>();
        facts.forEach(f -> f.measures().forEach(m -> measures.putIfAbsent(m.key(), m)));
        return List.copyOf(measures.values());
    }

    public Optional<PivotMeasure> measure(String key) {
        return measures().stream().filter(m -> m.key().equals(key)).findFirst();
    }

    /** The first fact that offers the measure and supports every one of the dimensions. */
    public Optional<PivotFact> factFor(String measureKey, Collection<PivotDimension> dimensions) {
        return facts.stream()
                .filter(f -> f.measure(measureKey).isPresent() && dimensions.stream().allMatch(f::supports))
                .findFirst();
    }
}
