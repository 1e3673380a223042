package dev.guanxi.crm.customer.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.guanxi.crm.customer.CustomerKind;
import dev.guanxi.crm.customer.CustomerQuery;
import dev.guanxi.crm.customer.CustomerType;
import dev.guanxi.crm.customer.LifecycleStage;
import dev.guanxi.crm.customer.Settlement;
import dev.guanxi.crm.customer.TimelineEntry;
import dev.guanxi.crm.customer.ValueTier;
import dev.guanxi.crm.identity.CurrentUser;
import dev.guanxi.crm.identity.Role;
import dev.guanxi.crm.sales.internal.PipelineBaseline;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * The benchmark's baseline: the customer module's own repositories (the SQL the app runs, through JdbcClient) on
 * the same database, without HTTP, security, JSON or HTML, at a fixed concurrency; the opportunity board and funnel
 * come from the sales module's {@link PipelineBaseline}. bench/speed-and-scale.sh runs it
 * next to the HTTP load to report how much the web layers add.
 * <p>
 * Usage: {@code JdbcBaseline JDBC_URL SECONDS THREADS CUSTOMERS [SCENARIO...]}; prints one tab-separated line per
 * scenario: name, requests, requests/s, p50, p95, p99 (ms). {@code JdbcBaseline cursors JDBC_URL} prints the cursors
 * of the deep-key scenario, for the HTTP run.
 */
public final class JdbcBaseline {

    static final CurrentUser ADMIN = new CurrentUser(1, "admin", "Administrator", Role.ADMIN, null, Set.of());
    static final String[] NAMES = {"明", "王", "华", "李", "王明", "张伟", "李娜", "科技", "杭州云", "zhang", "wang"};
    static final String[] PHONES = {"138", "1391", "13800", "186", "1501"};

    private final Customers customers;
    private final Contacts contacts;
    private final Timeline timeline;
    private final PipelineBaseline pipeline;
    private final int customerCount;
    private final List<String> deep;

    JdbcBaseline(JdbcClient jdbc, javax.sql.DataSource dataSource, int customerCount) {
        this.deep = deepCursors(jdbc);
        this.customers = new Customers(jdbc, JsonMapper.builder().build(), dataSource);
        this.contacts = new Contacts(jdbc);
        this.timeline = new Timeline(jdbc);
        this.pipeline = new PipelineBaseline(jdbc, ADMIN);
        this.customerCount = customerCount;
    }

    Map<String, Consumer<ThreadLocalRandom>> scenarios() {
        Map<String, Consumer<ThreadLocalRandom>> s = new LinkedHashMap<>();
        s.put("list", r -> list(listQuery(r), r.nextBoolean() ? CustomerSort.NAME : CustomerSort.NEWEST, 1));
        s.put("deep", r -> list(CustomerQuery.empty(), CustomerSort.NEWEST, 150 + r.nextInt(52)));
        s.put("deep-key", r -> customers.search(CustomerQuery.empty(), ADMIN, CustomerSort.NEWEST, 1, 50, true,
                CustomerCursor.decode(deep.get(r.nextInt(deep.size())), CustomerCursor.Order.NEWEST)));
        s.put("search-name", r -> list(search(NAMES[r.nextInt(NAMES.length)]), CustomerSort.NEWEST, 1));
        s.put("search-phone", r -> list(search(PHONES[r.nextInt(PHONES.length)]), CustomerSort.NEWEST, 1));
        s.put("360", r -> {
            long id = 1 + r.nextInt(customerCount);
            customers.find(id, ADMIN);
            contacts.ofCustomer(id);
            timeline.recent(id, 50);
        });
        s.putAll(pipeline.scenarios()); // board, funnel
        s.put("create", r -> {
            long id = customers.insert(newCustomer("压测基准 " + r.nextInt(1_000_000)), 1, null);
            timeline.add(new TimelineEntry(id, Instant.now(), "CUSTOMER_CREATED", "customer", "created:" + id,
                    "压测基准", null, "admin"));
        });
        s.put("update", r -> {
            long id = 1 + r.nextInt(customerCount);
            customers.find(id, ADMIN).ifPresent(c -> customers.update(id, c.version(), c.data(), c.ownerId(),
                    c.teamId()));
        });
        return s;
    }

    private void list(CustomerQuery q, CustomerSort sort, int page) {
        customers.search(q, ADMIN, sort, page, 50, true, null); // as the API, which counts
    }

    /**
     * Cursors of about 50 customers spread over the whole newest-first list (every fiftieth of the ids): the
     * "deep-key" scenario asks for the page after each, as an API client walking the list by key does.
     */
    static List<String> deepCursors(JdbcClient jdbc) {
        return jdbc.sql("SELECT c.id, c.created_at FROM customers c, "
                        + "(SELECT greatest(1, max(id) / 50) AS step FROM customers) s "
                        + "WHERE c.deleted_at IS NULL AND c.id % s.step = 0 ORDER BY c.id LIMIT 60")
                .query((rs, n) -> new CustomerCursor(CustomerCursor.Order.NEWEST, rs.getLong(1), null,
                        rs.getObject(2, java.time.OffsetDateTime.class).toInstant()).encode())
                .list();
    }

    static CustomerQuery listQuery(ThreadLocalRandom r) {
        return switch (r.nextInt(4)) {
            case 0 -> new CustomerQuery(null, null, null, ValueTier.VIP, null, null, null, null, null, null, null,
                    "浙江省", null, null, null, null, null, null, null);
            case 1 -> new CustomerQuery(null, null, null, null, null, null, LifecycleStage.GROWTH, null, null, null,
                    null, null, null, null, null, null, null, null, null);
            case 2 -> new CustomerQuery(null, null, CustomerType.BUSINESS, null, null, null, null, null, null, null,
                    null, "广东省", null, null, null, null, null, null, null);
            default -> new CustomerQuery(null, null, null, null, null, null, null, null, null, null, null, null, null,
                    null, null, "展会", null, null, null);
        };
    }

    static CustomerQuery search(String text) {
        return new CustomerQuery(text, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null);
    }

    static CustomerData newCustomer(String name) {
        return new CustomerData(CustomerKind.PERSON, name, CustomerType.CONSUMER, null, null, Settlement.CASH, null,
                null, null, null, null, null, null, null, null, null, null, null, null, List.of(), null, null, null,
                null, Map.of(), null).normalized();
    }

    /** Runs one scenario on {@code threads} threads for {@code seconds}; latencies in nanoseconds. */
    static long[] run(Consumer<ThreadLocalRandom> scenario, int threads, double seconds) throws InterruptedException {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        List<long[]> perThread = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long[][] slot = {new long[1024]};
            int[] n = {0};
            Thread worker = new Thread(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (System.nanoTime() < end) {
                    long start = System.nanoTime();
                    scenario.accept(random);
                    if (n[0] == slot[0].length) {
                        slot[0] = Arrays.copyOf(slot[0], n[0] * 2);
                    }
                    slot[0][n[0]++] = System.nanoTime() - start;
                }
                synchronized (perThread) {
                    perThread.add(Arrays.copyOf(slot[0], n[0]));
                }
            });
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        long[] all = perThread.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return all;
    }

    static String percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return "-";
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
        return String.format("%.1f", sorted[Math.max(0, index)] / 1e6);
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("cursors")) { // JdbcBaseline cursors JDBC_URL: the deep-key cursors, comma-separated
            try (HikariDataSource dataSource = new HikariDataSource()) {
                dataSource.setJdbcUrl(args[1]);
                System.out.println(String.join(",", deepCursors(JdbcClient.create(dataSource))));
            }
            return;
        }
        String url = args[0];
        double seconds = Double.parseDouble(args[1]);
        int threads = Integer.parseInt(args[2]);
        int customerCount = Integer.parseInt(args[3]);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setMaximumPoolSize(threads);
        config.setConnectionInitSql("SET plan_cache_mode = force_custom_plan"); // as the app's pool
        try (HikariDataSource dataSource = new HikariDataSource(config)) {
            JdbcBaseline baseline = new JdbcBaseline(JdbcClient.create(dataSource), dataSource, customerCount);
            Map<String, Consumer<ThreadLocalRandom>> scenarios = baseline.scenarios();
            List<String> chosen = args.length > 4 ? List.of(args).subList(4, args.length) : List.copyOf(scenarios.keySet());
            for (String name : chosen) {
                Consumer<ThreadLocalRandom> scenario = scenarios.get(name);
                if (scenario == null) {
                    throw new IllegalArgumentException("unknown scenario " + name + "; known: " + scenarios.keySet());
                }
                run(scenario, threads, Math.min(1, seconds / 4)); // warm-up
                long[] latencies = run(scenario, threads, seconds);
                System.out.printf("%s\t%d\t%.0f\t%s\t%s\t%s%n", name, latencies.length, latencies.length / seconds,
                        percentile(latencies, 0.50), percentile(latencies, 0.95), percentile(latencies, 0.99));
            }
        }
    }
}
