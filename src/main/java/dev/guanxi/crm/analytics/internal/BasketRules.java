package dev.guanxi.crm.analytics.internal;

import dev.guanxi.crm.common.FieldProblem;
import dev.guanxi.crm.common.InvalidInputException;
import dev.guanxi.crm.common.PageResult;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The stored association rules of the latest successful basket run, with product names, for browsing. */
@Component
public class BasketRules {

    /** Sortable columns (the whitelist: parameter value → SQL). */
    public static final Map<String, String> SORTS = Map.of("lift", "r.lift", "confidence", "r.confidence",
            "support", "r.support", "count", "r.count");

    /** A product of a rule. */
    public record Product(long id, String name) {
    }

    /** One rule X ⇒ Y with its measures; support and confidence are fractions (0..1). */
    public record RuleView(long id, List<Product> antecedent, List<Product> consequent, int count, double support,
                           double confidence, double lift) {
    }

    /**
     * Filters of the rule browser.
     *
     * @param productId     rules with this product in the antecedent or the consequent
     * @param minConfidence 0..1
     * @param minLift       ≥ 0
     * @param sort          one of {@link #SORTS}
     * @param dir           asc or desc
     */
    public record Query(Long productId, Double minConfidence, Double minLift, String sort, String dir, int page,
                        int size) {

        /** Rejects unknown sorts and out-of-range numbers as invalid input naming the parameter. */
        public Query check() {
            PageResult.checkRequest(page, size);
            List<FieldProblem> problems = new ArrayList<>();
            if (!SORTS.containsKey(sort())) {
                problems.add(new FieldProblem("sort", "basket.validation.sort", List.of(String.join(", ",
                        SORTS.keySet().stream().sorted().toList()))));
            }
            if (!"asc".equals(dir()) && !"desc".equals(dir())) {
                problems.add(new FieldProblem("dir", "basket.validation.dir"));
            }
            if (minConfidence != null && !(minConfidence >= 0 && minConfidence <= 1)) {
                problems.add(new FieldProblem("minConfidence", "basket.validation.confidence"));
            }
            if (minLift != null && !(minLift >= 0 && minLift <= 1_000_000)) {
                problems.add(new FieldProblem("minLift", "basket.validation.lift"));
            }
            if (productId != null && productId < 1) {
                problems.add(new FieldProblem("productId", "basket.validation.product"));
            }
            if (!problems.isEmpty()) {
                throw new InvalidInputException(problems);
            }
            return this;
        }

        public String sort() {
            return sort == null ? "lift" : sort;
        }

        public String dir() {
            return dir == null ? "desc" : dir;
        }
    }

    private final JdbcClient jdbc;

    BasketRules(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One page of rules (empty before the first successful run). */
    public PageResult<RuleView> find(Query query) {
        query.check();
        StringBuilder where = new StringBuilder("WHERE r.run_id = (" + CURRENT_RUN + ")");
        Map<String, Object> params = new HashMap<>();
        if (query.productId() != null) {
            where.append(" AND (r.antecedent @> ARRAY[:product]::bigint[] OR r.consequent @> ARRAY[:product]::bigint[])");
            params.put("product", query.productId());
        }
        if (query.minConfidence() != null) {
            where.append(" AND r.confidence >= :minConfidence");
            params.put("minConfidence", query.minConfidence());
        }
        if (query.minLift() != null) {
            where.append(" AND r.lift >= :minLift");
            params.put("minLift", query.minLift());
        }
        String direction = "asc".equals(query.dir()) ? " ASC" : " DESC";
        String order = " ORDER BY " + SORTS.get(query.sort()) + direction + ", r.lift DESC, r.confidence DESC, r.id";
        params.put("limit", query.size() + 1);
        params.put("offset", (long) (query.page() - 1) * query.size());
        List<RuleView> rows = rows(where + order + " LIMIT :limit OFFSET :offset", params);
        PageResult<RuleView> page = PageResult.fromProbe(rows, query.page(), query.size());
        long total = jdbc.sql("SELECT count(*) FROM (SELECT 1 FROM basket_rules r " + where + " LIMIT "
                + (PageResult.COUNT_CAP + 1) + ") c").params(params).query(Long.class).single();
        return new PageResult<>(page.items(), page.page(), page.size(), page.hasNext(),
                Math.min(total, PageResult.COUNT_CAP), total > PageResult.COUNT_CAP);
    }

    /** The best rules by lift (then confidence), for dashboards. */
    public List<RuleView> top(int limit) {
        return rows("WHERE r.run_id = (" + CURRENT_RUN + ") ORDER BY r.lift DESC, r.confidence DESC, r.id LIMIT :limit",
                Map.of("limit", limit));
    }

    /** The products appearing in the current rules, by name (the product filter's choices). */
    public List<Product> products() {
        return jdbc.sql("SELECT p.id, p.name FROM products p WHERE p.id IN (SELECT unnest(antecedent || consequent) "
                        + "FROM basket_rules WHERE run_id = (" + CURRENT_RUN + ")) ORDER BY p.name, p.id")
                .query((rs, n) -> new Product(rs.getLong(1), rs.getString(2))).list();
    }

    /** Rules of the current run whose antecedent lies within the given products (cross-sell candidates). */
    List<RuleView> within(long[] purchased) {
        if (purchased.length == 0) {
            return List.of();
        }
        return rows("WHERE r.run_id = (" + CURRENT_RUN + ") AND r.antecedent <@ ARRAY[:purchased]::bigint[]",
                Map.of("purchased", Arrays.stream(purchased).boxed().toList()));
    }

    private static final String CURRENT_RUN =
            "SELECT max(id) FROM basket_runs WHERE finished_at IS NOT NULL AND error IS NULL";

    private List<RuleView> rows(String tail, Map<String, Object> params) {
        return jdbc.sql("""
                        SELECT r.id, r.count, r.support, r.confidence, r.lift,
                          (SELECT array_agg(p.id ORDER BY p.name, p.id) FROM products p WHERE p.id = ANY(r.antecedent)) AS a_ids,
                          (SELECT array_agg(p.name ORDER BY p.name, p.id) FROM products p WHERE p.id = ANY(r.antecedent)) AS a_names,
                          (SELECT array_agg(p.id ORDER BY p.name, p.id) FROM products p WHERE p.id = ANY(r.consequent)) AS c_ids,
                          (SELECT array_agg(p.name ORDER BY p.name, p.id) FROM products p WHERE p.id = ANY(r.consequent)) AS c_names
                        FROM basket_rules r\s""" + tail)
                .params(params).query(this::map).list();
    }

    private RuleView map(ResultSet rs, int n) throws SQLException {
        return new RuleView(rs.getLong("id"), products(rs, "a_"), products(rs, "c_"), rs.getInt("count"),
                rs.getDouble("support"), rs.getDouble("confidence"), rs.getDouble("lift"));
    }

    private static List<Product> products(ResultSet rs, String prefix) throws SQLException {
        java.sql.Array ids = rs.getArray(prefix + "ids");
        java.sql.Array names = rs.getArray(prefix + "names");
        if (ids == null || names == null) {
            return List.of();
        }
        Long[] idValues = (Long[]) ids.getArray();
        String[] nameValues = (String[]) names.getArray();
        List<Product> products = new ArrayList<>(idValues.length);
        for (int i = 0; i < idValues.length; i++) {
            products.add(new Product(idValues[i], nameValues[i]));
        }
        return products;
    }
}
