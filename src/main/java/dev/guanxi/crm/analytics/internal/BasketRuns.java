package dev.guanxi.crm.analytics.internal;

import dev.guanxi.crm.analytics.model.AssociationRules;
import dev.guanxi.crm.analytics.model.FrequentItemsets;
import dev.guanxi.crm.audit.AuditAction;
import dev.guanxi.crm.audit.AuditTrail;
import dev.guanxi.crm.common.ConflictException;
import dev.guanxi.crm.common.FieldProblem;
import dev.guanxi.crm.common.InvalidInputException;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Market-basket mining runs (issue #6, 8): reads the baskets (order lines of confirmed and later orders in a period,
 * one basket per order, items = products), mines association rules with FP-Growth and stores them, nightly on one
 * instance (ShedLock) and on demand. One run at a time across instances: the unfinished row in {@code basket_runs}
 * is the lock (a unique partial index); a run left unfinished by a stopped instance is closed as failed after
 * {@code guanxi.analytics.basket.stale-after}. The new rules replace the previous run's in one transaction, so
 * readers see either the old or the new set, never half of one.
 */
@Component
public class BasketRuns {

    private static final Logger log = LoggerFactory.getLogger(BasketRuns.class);
    /** Rows fetched per round trip while streaming the order lines. */
    static final int FETCH_SIZE = 10_000;
    static final int INSERT_BATCH = 1_000;

    /** Order statuses whose lines count as purchases (confirmed or later; drafts and cancelled orders do not). */
    public static final String PURCHASED_STATUSES = "'CONFIRMED','SHIPPED','DELIVERED','COMPLETED'";

    /** What a run mines; {@link #check()} rejects out-of-range values as invalid input naming the field. */
    public record Parameters(LocalDate from, LocalDate to, double minSupport, double minConfidence, double minLift,
                             int maxLength) {

        public Parameters check() {
            List<FieldProblem> problems = new ArrayList<>();
            if (from == null || to == null || from.isAfter(to)) {
                problems.add(new FieldProblem("from", "basket.validation.period"));
            }
            if (!(minSupport > 0 && minSupport <= 1)) {
                problems.add(new FieldProblem("minSupport", "basket.validation.support"));
            }
            if (!(minConfidence >= 0 && minConfidence <= 1)) {
                problems.add(new FieldProblem("minConfidence", "basket.validation.confidence"));
            }
            if (!(minLift >= 0 && minLift <= 1_000_000)) {
                problems.add(new FieldProblem("minLift", "basket.validation.lift"));
            }
            if (maxLength < 2 || maxLength > 10) {
                problems.add(new FieldProblem("maxLength", "basket.validation.max-length"));
            }
            if (!problems.isEmpty()) {
                throw new InvalidInputException(problems);
            }
            return this;
        }
    }

    /** A run as stored; {@code running()} until it has finished (successfully or with an error). */
    public record Run(long id, Instant startedAt, Instant finishedAt, Long startedBy, LocalDate from, LocalDate to,
                      double minSupport, double minConfidence, double minLift, int maxLength, String phase,
                      int baskets, int items, int itemsets, int rules, String error) {
        public boolean running() {
            return finishedAt == null;
        }

        public boolean succeeded() {
            return finishedAt != null && error == null;
        }

        public Long durationMillis() {
            return finishedAt == null ? null : Duration.between(startedAt, finishedAt).toMillis();
        }
    }

    private final JdbcClient jdbc;
    private final AuditTrail audit;
    private final JdbcTemplate streaming;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final int periodMonths;
    private final double minSupport;
    private final double minConfidence;
    private final double minLift;
    private final int maxLength;
    private final Duration staleAfter;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "basket-mining");
        t.setDaemon(true);
        return t;
    });

    BasketRuns(JdbcClient jdbc, AuditTrail audit, DataSource dataSource, TransactionTemplate transaction,
               @Value("${guanxi.activity.zone:Asia/Shanghai}") ZoneId zone,
               @Value("${guanxi.analytics.basket.period-months:24}") int periodMonths,
               @Value("${guanxi.analytics.basket.min-support:0.001}") double minSupport,
               @Value("${guanxi.analytics.basket.min-confidence:0.1}") double minConfidence,
               @Value("${guanxi.analytics.basket.min-lift:1.1}") double minLift,
               @Value("${guanxi.analytics.basket.max-length:4}") int maxLength,
               @Value("${guanxi.analytics.basket.stale-after:PT2H}") Duration staleAfter) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.streaming = new JdbcTemplate(dataSource);
        this.streaming.setFetchSize(FETCH_SIZE);
        this.transaction = transaction;
        this.clock = Clock.system(zone);
        this.periodMonths = periodMonths;
        this.minSupport = minSupport;
        this.minConfidence = minConfidence;
        this.minLift = minLift;
        this.maxLength = maxLength;
        this.staleAfter = staleAfter;
    }

    /** The configured parameters over the configured period ending today (business-day zone). */
    public Parameters defaults() {
        LocalDate today = LocalDate.now(clock);
        return new Parameters(today.minusMonths(periodMonths), today, minSupport, minConfidence, minLift, maxLength);
    }

    /** Starts a run for the signed-in user in the background (audited); a conflict when one is running already. */
    public Run start(long userId, Parameters parameters) {
        Run run = claim(userId, parameters.check()).orElseThrow(() -> new ConflictException(
                "A basket mining run is running already; wait for it to finish."));
        audit.record("BasketRun", run.id(), AuditAction.CREATE, Map.of(), String.format(java.util.Locale.ROOT,
                "Basket mining run started: orders %s to %s, support >= %s, confidence >= %s, lift >= %s, "
                        + "at most %d products per rule", parameters.from(), parameters.to(), parameters.minSupport(),
                parameters.minConfidence(), parameters.minLift(), parameters.maxLength()));
        executor.submit(() -> run(run.id()));
        return run;
    }

    /** Nightly run with the configured parameters on one instance (ShedLock); skipped when a run is going on. */
    @Scheduled(cron = "${guanxi.analytics.basket.cron:0 0 3 * * *}", zone = "${guanxi.activity.zone:Asia/Shanghai}")
    @SchedulerLock(name = "analytics-basket-mining", lockAtMostFor = "PT3H")
    public void nightly() {
        claim(null, defaults()).ifPresent(run -> run(run.id()));
    }

    public Optional<Run> latest() {
        return jdbc.sql(SELECT + "ORDER BY id DESC LIMIT 1").query(this::map).optional();
    }

    /** The latest successful run: the one whose rules are stored. */
    public Optional<Run> current() {
        return jdbc.sql(SELECT + "WHERE finished_at IS NOT NULL AND error IS NULL ORDER BY id DESC LIMIT 1")
                .query(this::map).optional();
    }

    public Optional<Run> find(long id) {
        return jdbc.sql(SELECT + "WHERE id = ?").param(id).query(this::map).optional();
    }

    /**
     * Claims the run lock and records the run; empty when a run is going on. Public for tests, which then
     * {@link #run(long)} it in their own thread.
     */
    public Optional<Run> claim(Long userId, Parameters p) {
        jdbc.sql("""
                UPDATE basket_runs SET finished_at = now(), phase = 'FAILED',
                  error = 'stopped: the instance running it went away'
                WHERE finished_at IS NULL AND started_at < now() - make_interval(secs => ?)""")
                .param(staleAfter.toSeconds()).update();
        try {
            long id = jdbc.sql("""
                            INSERT INTO basket_runs (started_by, period_from, period_to, min_support, min_confidence,
                              min_lift, max_length) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                    .params(userId, p.from(), p.to(), p.minSupport(), p.minConfidence(), p.minLift(), p.maxLength())
                    .query(Long.class).single();
            return find(id);
        } catch (DuplicateKeyException running) {
            return Optional.empty();
        }
    }

    /** Runs the claimed run with the given id to its end; failures are recorded on the run. */
    public void run(long runId) {
        Run run = find(runId).orElseThrow();
        try {
            long started = System.nanoTime();
            Baskets baskets = transaction.execute(status -> load(run.from(), run.to()));
            phase(runId, "MINING", baskets.baskets().size(), baskets.productIds().length, 0, 0);
            List<AssociationRules.Rule> rules;
            int itemsets = 0;
            if (baskets.baskets().isEmpty()) {
                rules = List.of();
            } else {
                FrequentItemsets.Result frequent = FrequentItemsets.mine(baskets.baskets(), run.minSupport(),
                        run.maxLength());
                itemsets = frequent.itemsets().size();
                // single-item consequents (one product to suggest), non-empty antecedents, as arules' apriori
                rules = AssociationRules.generate(frequent, new AssociationRules.Settings(run.minSupport(),
                        run.minConfidence(), run.minLift(), run.maxLength(), 1, false));
            }
            phase(runId, "SAVING", baskets.baskets().size(), baskets.productIds().length, itemsets, rules.size());
            int finalItemsets = itemsets;
            transaction.executeWithoutResult(status -> {
                save(runId, rules, baskets.productIds());
                int finished = jdbc.sql("""
                                UPDATE basket_runs SET finished_at = now(), phase = 'DONE', baskets = ?, items = ?,
                                  itemsets = ?, rules = ? WHERE id = ? AND finished_at IS NULL""")
                        .params(baskets.baskets().size(), baskets.productIds().length, finalItemsets, rules.size(),
                                runId).update();
                if (finished == 0) {
                    // closed as stale meanwhile: another run may own the rules now; keep them
                    throw new IllegalStateException("the run was closed as stale before it finished");
                }
                jdbc.sql("DELETE FROM basket_rules WHERE run_id <> ?").param(runId).update();
            });
            log.info("Basket mining run {}: {} baskets, {} products, {} itemsets, {} rules in {} ms", runId,
                    baskets.baskets().size(), baskets.productIds().length, itemsets, rules.size(),
                    (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException | OutOfMemoryError e) {
            log.warn("Basket mining run {} failed", runId, e);
            jdbc.sql("""
                            UPDATE basket_runs SET finished_at = coalesce(finished_at, now()), phase = 'FAILED',
                              error = coalesce(error, ?) WHERE id = ?""")
                    .params(String.valueOf(e.getMessage()), runId).update();
        }
    }

    /** Baskets as dense item ids 0..n-1; {@code productIds[i]} is the product of item i. */
    record Baskets(List<int[]> baskets, long[] productIds) {
    }

    /** Streams the order lines of the period ordered by order (a cursor: the fetch size needs a transaction). */
    Baskets load(LocalDate from, LocalDate to) {
        Map<Long, Integer> items = new HashMap<>();
        long[][] products = {new long[256]};
        List<int[]> baskets = new ArrayList<>();
        int[][] current = {new int[16]};
        int[] size = {0};
        long[] order = {Long.MIN_VALUE};
        streaming.query("SELECT l.order_id, l.product_id FROM order_lines l JOIN orders o ON o.id = l.order_id "
                        + "WHERE o.status IN (" + PURCHASED_STATUSES + ") AND o.order_date BETWEEN ? AND ? "
                        + "ORDER BY l.order_id",
                (ResultSet rs) -> {
                    long orderId = rs.getLong(1);
                    long productId = rs.getLong(2);
                    if (orderId != order[0]) {
                        if (size[0] > 0) {
                            baskets.add(Arrays.copyOf(current[0], size[0]));
                        }
                        order[0] = orderId;
                        size[0] = 0;
                    }
                    int item = items.computeIfAbsent(productId, id -> {
                        int next = items.size();
                        if (next == products[0].length) {
                            products[0] = Arrays.copyOf(products[0], next * 2);
                        }
                        products[0][next] = id;
                        return next;
                    });
                    if (size[0] == current[0].length) {
                        current[0] = Arrays.copyOf(current[0], size[0] * 2);
                    }
                    current[0][size[0]++] = item;
                }, from, to);
        if (size[0] > 0) {
            baskets.add(Arrays.copyOf(current[0], size[0]));
        }
        return new Baskets(baskets, Arrays.copyOf(products[0], items.size()));
    }

    private void save(long runId, List<AssociationRules.Rule> rules, long[] productIds) {
        String sql = "INSERT INTO basket_rules (run_id, antecedent, consequent, count, support, confidence, lift) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)";
        for (int start = 0; start < rules.size(); start += INSERT_BATCH) {
            List<AssociationRules.Rule> batch = rules.subList(start, Math.min(rules.size(), start + INSERT_BATCH));
            streaming.execute((Connection con) -> {
                try (PreparedStatement ps = con.prepareStatement(sql)) {
                    for (AssociationRules.Rule rule : batch) {
                        ps.setLong(1, runId);
                        ps.setArray(2, products(con, rule.antecedent(), productIds));
                        ps.setArray(3, products(con, rule.consequent(), productIds));
                        ps.setInt(4, rule.count());
                        ps.setDouble(5, rule.support());
                        ps.setDouble(6, rule.confidence());
                        ps.setDouble(7, rule.lift());
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                return null;
            });
        }
    }

    /** The product ids of dense items, ascending. */
    private static Array products(Connection con, int[] items, long[] productIds) throws SQLException {
        Long[] ids = new Long[items.length];
        for (int i = 0; i < items.length; i++) {
            ids[i] = productIds[items[i]];
        }
        Arrays.sort(ids);
        return con.createArrayOf("bigint", ids);
    }

    private void phase(long runId, String phase, int baskets, int items, int itemsets, int rules) {
        jdbc.sql("UPDATE basket_runs SET phase = ?, baskets = ?, items = ?, itemsets = ?, rules = ? WHERE id = ?")
                .params(phase, baskets, items, itemsets, rules, runId).update();
    }

    private static final String SELECT = """
            SELECT id, started_at, finished_at, started_by, period_from, period_to, min_support, min_confidence,
              min_lift, max_length, phase, baskets, items, itemsets, rules, error FROM basket_runs\s""";

    private Run map(ResultSet rs, int n) throws SQLException {
        Timestamp finished = rs.getTimestamp("finished_at");
        Long startedBy = rs.getObject("started_by", Long.class);
        return new Run(rs.getLong("id"), rs.getTimestamp("started_at").toInstant(),
                finished == null ? null : finished.toInstant(), startedBy,
                rs.getObject("period_from", LocalDate.class), rs.getObject("period_to", LocalDate.class),
                rs.getDouble("min_support"), rs.getDouble("min_confidence"), rs.getDouble("min_lift"),
                rs.getInt("max_length"), rs.getString("phase"), rs.getInt("baskets"), rs.getInt("items"),
                rs.getInt("itemsets"), rs.getInt("rules"), rs.getString("error"));
    }
}
