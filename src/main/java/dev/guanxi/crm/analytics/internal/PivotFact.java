package dev.guanxi.crm.analytics.internal;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One kind of fact a pivot report aggregates (one row per order, order line, payment; later tickets, surveys…)
 * with the measures it offers and the SQL of each dimension it supports. Declare a fact as a Spring bean and
 * {@link PivotRegistry} offers its measures on the pivot page, the API and the exports; nothing else changes.
 *
 * @param key          names the fact in the registry (orders, orderLines, payments)
 * @param from         the FROM clause with the aliases used below, without the customer
 * @param customerJoin the join that makes the fact's customer available as alias {@code c}; added only when a
 *                     customer dimension (region, industry, tier, source) is grouped or filtered on
 * @param date         the fact's business date (a SQL date), for the time dimensions and the date range
 * @param condition    always applied, e.g. only confirmed orders; {@code TRUE} for none
 * @param ownerColumn  owner of the record, for visibility (as the sales module restricts its lists)
 * @param teamColumn   team of the record, for visibility
 * @param columns      SQL of every non-time dimension the fact supports (time dimensions come from {@code date})
 * @param labels       optional SQL aggregate giving a member's label, e.g. {@code max(l.product_name)}
 * @param measures     what can be measured on this fact
 */
public record PivotFact(String key, String from, String customerJoin, String date, String condition,
                        String ownerColumn, String teamColumn, Map<PivotDimension, String> columns,
                        Map<PivotDimension, String> labels, List<PivotMeasure> measures) {

    public PivotFact {
        columns = columns.isEmpty() ? Map.of() : new EnumMap<>(columns);
        labels = labels.isEmpty() ? Map.of() : new EnumMap<>(labels);
        measures = List.copyOf(measures);
    }

    public boolean supports(PivotDimension dimension) {
        return dimension.time() || columns.containsKey(dimension);
    }

    public Optional<PivotMeasure> measure(String measureKey) {
        return measures.stream().filter(m -> m.key().equals(measureKey)).findFirst();
    }

    /** The SQL of a member key of {@code dimension} for this fact. */
    String keySql(PivotDimension dimension) {
        return dimension.keySql(date, columns.get(dimension));
    }
}
