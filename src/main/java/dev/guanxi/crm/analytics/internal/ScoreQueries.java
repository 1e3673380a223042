package dev.guanxi.crm.analytics.internal;

import dev.guanxi.crm.common.InvalidInputException;
import dev.guanxi.crm.common.NotFoundException;
import dev.guanxi.crm.common.PageResult;
import dev.guanxi.crm.customer.CustomerDirectory;
import dev.guanxi.crm.identity.CurrentUser;
import dev.guanxi.crm.identity.UserDirectory;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads of the latest scores (view {@code customer_scores}) for pages and API, with the signed-in user's
 * visibility on the customers (joined read-only from the customer module's table).
 */
@Service
public class ScoreQueries {

    static final Map<String, String> CHURN_SORTS = Map.of(
            "value", "s.value_at_risk DESC, s.customer_id",
            "recency", "s.recency_days DESC NULLS LAST, s.customer_id",
            "name", "c.name, s.customer_id");

    private static final String VISIBLE = " JOIN customers c ON c.id = s.customer_id AND c.deleted_at IS NULL ";

    private final JdbcClient jdbc;
    private final CustomerDirectory customers;
    private final UserDirectory users;

    ScoreQueries(JdbcClient jdbc, CustomerDirectory customers, UserDirectory users) {
        this.jdbc = jdbc;
        this.customers = customers;
        this.users = users;
    }

    /** The scores of a customer the user may see; 404 for a hidden customer, empty before its first run. */
    @Transactional(readOnly = true)
    public java.util.Optional<ScoreView> forCustomer(long customerId) {
        customers.findVisible(customerId).orElseThrow(() -> new NotFoundException("Customer", customerId));
        return jdbc.sql("SELECT * FROM customer_scores WHERE customer_id = ?").param(customerId)
                .query(SCORE).optional();
    }

    /** R × F grid of the visible customers with purchases: count and revenue (all-time) per cell. */
    @Transactional(readOnly = true)
    public Grid grid() {
        CurrentUser.SqlCondition vis = CurrentUser.get().visibility("c.owner_id", "c.team_id");
        long[][] counts = new long[6][6];
        BigDecimal[][] revenue = new BigDecimal[6][6];
        jdbc.sql("SELECT s.r_score, s.f_score, count(*), sum(s.monetary) FROM customer_scores s" + VISIBLE
                        + "WHERE s.r_score IS NOT NULL AND " + vis.sql() + " GROUP BY 1, 2")
                .params(vis.params()).query(rs -> {
                    int r = rs.getInt(1);
                    int f = rs.getInt(2);
                    counts[r][f] = rs.getLong(3);
                    revenue[r][f] = rs.getBigDecimal(4);
                });
        long max = Arrays.stream(counts).flatMapToLong(Arrays::stream).max().orElse(0);
        return new Grid(counts, revenue, max);
    }

    /** Counts per R and F score; cell(r, f) for r, f in 1..5. */
    public record Grid(long[][] counts, BigDecimal[][] revenue, long max) {

        public long count(int r, int f) {
            return counts[r][f];
        }

        public BigDecimal revenue(int r, int f) {
            return revenue[r][f] == null ? BigDecimal.ZERO : revenue[r][f];
        }

        /** 0..1 for the heat colour. */
        public double heat(int r, int f) {
            return max == 0 ? 0 : (double) counts[r][f] / max;
        }

        public String segment(int r, int f) {
            return RfmSegment.of(r, f).name();
        }

        public boolean isEmpty() {
            return max == 0;
        }
    }

    /** The visible customers of one R × F cell, highest spend first. */
    @Transactional(readOnly = true)
    public PageResult<ChurnRow> cell(int r, int f, int page, int size) {
        if (r < 1 || r > 5) {
            throw new InvalidInputException("r", "analytics.invalid.score");
        }
        if (f < 1 || f > 5) {
            throw new InvalidInputException("f", "analytics.invalid.score");
        }
        PageResult.checkRequest(page, size);
        CurrentUser.SqlCondition vis = CurrentUser.get().visibility("c.owner_id", "c.team_id");
        Map<String, Object> params = new HashMap<>(vis.params());
        params.put("r", r);
        params.put("f", f);
        return rows("s.r_score = :r AND s.f_score = :f AND " + vis.sql(), params,
                "s.monetary DESC, s.customer_id", page, size);
    }

    /** Customers with a churn warning, visible to the user, filtered, by default highest value at risk first. */
    @Transactional(readOnly = true)
    public PageResult<ChurnRow> churn(ChurnQuery q, int page, int size) {
        PageResult.checkRequest(page, size);
        String order = CHURN_SORTS.get(q.getSort() == null || q.getSort().isBlank() ? "value" : q.getSort());
        if (order == null) {
            throw new InvalidInputException("sort", "analytics.invalid.sort");
        }
        CurrentUser.SqlCondition vis = CurrentUser.get().visibility("c.owner_id", "c.team_id");
        Map<String, Object> params = new HashMap<>(vis.params());
        StringBuilder where = new StringBuilder("s.churn_reasons <> '{}' AND ").append(vis.sql());
        if (present(q.getReason())) {
            if (!q.getReason().matches("[A-Z0-9_]{1,40}")) {
                throw new InvalidInputException("reason", "analytics.invalid.reason");
            }
            where.append(" AND s.churn_reasons @> ARRAY[CAST(:reason AS text)]");
            params.put("reason", q.getReason());
        }
        if (present(q.getSegment())) {
            try {
                params.put("segment", RfmSegment.valueOf(q.getSegment()).name());
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("segment", "analytics.invalid.segment");
            }
            where.append(" AND s.rfm_segment = :segment");
        }
        if (present(q.getAbcClass())) {
            if (!Set.of("A", "B", "C").contains(q.getAbcClass())) {
                throw new InvalidInputException("abcClass", "analytics.invalid.abc-class");
            }
            where.append(" AND s.abc_class = :abc");
            params.put("abc", q.getAbcClass());
        }
        if (q.getOwnerId() != null) {
            where.append(" AND c.owner_id = :owner");
            params.put("owner", q.getOwnerId());
        }
        if (q.getTeamId() != null) {
            where.append(" AND c.team_id = :team");
            params.put("team", q.getTeamId());
        }
        return rows(where.toString(), params, order, page, size);
    }

    private PageResult<ChurnRow> rows(String where, Map<String, Object> params, String order, int page, int size) {
        params.put("limit", size + 1);
        params.put("offset", (long) (page - 1) * size);
        List<ChurnRow> rows = jdbc.sql("SELECT s.*, c.name, c.owner_id, c.team_id FROM customer_scores s" + VISIBLE
                        + "WHERE " + where + " ORDER BY " + order + " LIMIT :limit OFFSET :offset")
                .params(params).query(CHURN).list();
        PageResult<ChurnRow> result = PageResult.fromProbe(rows, page, size);
        Map<Long, String> owners = users.displayNames(result.items().stream().map(ChurnRow::ownerId)
                .collect(Collectors.toSet()));
        return result.map(r -> r.withOwnerName(owners.get(r.ownerId())));
    }

    /**
     * Points of the Pareto curve over the visible customers with revenue in the period (about 100, ranked by
     * revenue: x = share of customers, y = cumulative share of revenue) and the count and revenue per class.
     */
    @Transactional(readOnly = true)
    public Pareto pareto() {
        CurrentUser.SqlCondition vis = CurrentUser.get().visibility("c.owner_id", "c.team_id");
        String curve = "WITH v AS (SELECT row_number() OVER (ORDER BY s.abc_rank) AS rn, count(*) OVER () AS n, "
                + "sum(s.period_revenue) OVER (ORDER BY s.abc_rank) AS cum, sum(s.period_revenue) OVER () AS total "
                + "FROM customer_scores s" + VISIBLE + "WHERE s.abc_rank IS NOT NULL AND " + vis.sql() + ") "
                + "SELECT rn, n, cum / total FROM v WHERE rn % greatest(1, n / 100) = 0 OR rn = n OR rn = 1 ORDER BY rn";
        List<double[]> points = jdbc.sql(curve)
                .params(vis.params())
                .query((rs, i) -> new double[]{rs.getDouble(1) / rs.getDouble(2), rs.getDouble(3)}).list();
        List<ClassFigure> classes = jdbc.sql("SELECT s.abc_class, count(*), coalesce(sum(s.period_revenue), 0) "
                        + "FROM customer_scores s" + VISIBLE + "WHERE " + vis.sql() + " GROUP BY 1 ORDER BY 1")
                .params(vis.params())
                .query((rs, i) -> new ClassFigure(rs.getString(1), rs.getLong(2), rs.getBigDecimal(3))).list();
        return new Pareto(points, classes);
    }

    /** Customers and revenue per RFM segment among the visible scored customers, highest revenue first. */
    @Transactional(readOnly = true)
    public List<SegmentFigure> segments() {
        CurrentUser.SqlCondition vis = CurrentUser.get().visibility("c.owner_id", "c.team_id");
        return jdbc.sql("SELECT s.rfm_segment, count(*), coalesce(sum(s.monetary), 0) FROM customer_scores s" + VISIBLE
                        + "WHERE s.rfm_segment IS NOT NULL AND " + vis.sql() + " GROUP BY 1 ORDER BY 3 DESC")
                .params(vis.params())
                .query((rs, n) -> new SegmentFigure(rs.getString(1), rs.getLong(2), rs.getBigDecimal(3))).list();
    }

    public record SegmentFigure(String segment, long customers, BigDecimal revenue) {
    }

    /** How many visible customers carry a churn warning, and their value at risk in all. */
    @Transactional(readOnly = true)
    public ChurnTotal churnTotal() {
        CurrentUser.SqlCondition vis = CurrentUser.get().visibility("c.owner_id", "c.team_id");
        return jdbc.sql("SELECT count(*), coalesce(sum(s.value_at_risk), 0) FROM customer_scores s" + VISIBLE
                        + "WHERE s.churn_reasons <> '{}' AND " + vis.sql())
                .params(vis.params())
                .query((rs, n) -> new ChurnTotal(rs.getLong(1), rs.getBigDecimal(2))).single();
    }

    public record ChurnTotal(long customers, BigDecimal valueAtRisk) {
    }

    public record Pareto(List<double[]> points, List<ClassFigure> classes) {

        public List<String> labels() {
            return points.stream().map(p -> String.format(java.util.Locale.ROOT, "%.0f%%", p[0] * 100)).toList();
        }

        public List<Double> shares() {
            return points.stream().map(p -> Math.round(p[1] * 1000) / 10.0).toList();
        }

        public boolean isEmpty() {
            return points.isEmpty();
        }
    }

    public record ClassFigure(String abcClass, long customers, BigDecimal revenue) {
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }

    private static List<String> array(ResultSet rs, String column) throws SQLException {
        Array a = rs.getArray(column);
        return a == null ? List.of() : List.of((String[]) a.getArray());
    }

    private static Integer integer(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    private static Double dbl(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    private static LocalDate date(ResultSet rs, String column) throws SQLException {
        return rs.getObject(column, LocalDate.class);
    }

    private static final RowMapper<ScoreView> SCORE = (rs, i) -> new ScoreView(rs.getLong("customer_id"),
            rs.getLong("run_id"), date(rs, "as_of"), rs.getInt("frequency"), date(rs, "first_purchase"),
            date(rs, "last_purchase"), integer(rs, "recency_days"), rs.getBigDecimal("monetary"),
            rs.getBigDecimal("avg_interpurchase_days"), rs.getBigDecimal("recent_spend"),
            rs.getBigDecimal("previous_spend"), rs.getBigDecimal("period_revenue"), integer(rs, "abc_rank"),
            rs.getBigDecimal("cumulative_share"), rs.getString("abc_class"), rs.getString("value_tier"),
            integer(rs, "r_score"), integer(rs, "f_score"), integer(rs, "m_score"), rs.getString("rfm_segment"),
            rs.getBigDecimal("clv_dwyer"), rs.getString("lifecycle_stage"), array(rs, "churn_reasons"),
            rs.getBigDecimal("value_at_risk"), dbl(rs, "p_alive"), dbl(rs, "expected_purchases_90"),
            dbl(rs, "expected_purchases_365"), rs.getBigDecimal("clv_bgnbd"), integer(rs, "cluster_id"));

    private static final RowMapper<ChurnRow> CHURN = (rs, i) -> new ChurnRow(rs.getLong("customer_id"),
            rs.getString("name"), rs.getLong("owner_id"), null, (Long) rs.getObject("team_id"),
            rs.getString("abc_class"), rs.getString("rfm_segment"), rs.getString("lifecycle_stage"),
            integer(rs, "recency_days"), rs.getBigDecimal("avg_interpurchase_days"), rs.getInt("frequency"),
            rs.getBigDecimal("monetary"), rs.getBigDecimal("value_at_risk"), dbl(rs, "p_alive"),
            array(rs, "churn_reasons"));
}
