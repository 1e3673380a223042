package dev.guanxi.crm.analytics;

import dev.guanxi.crm.analytics.internal.BasketRuns;
import dev.guanxi.crm.analytics.internal.CrossSellSuggestions;
import dev.guanxi.crm.identity.Role;
import dev.guanxi.crm.identity.internal.TestAccounts;
import dev.guanxi.crm.identity.internal.TestAccounts.Account;
import dev.guanxi.crm.support.Api;
import dev.guanxi.crm.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Times a basket mining run over generated orders (default 100,000 orders of 1–5 lines over 300 products in 30
 * families, lines mostly from the order's family) with the configured thresholds; prints the figures for
 * docs/benchmarks.md. Not part of the build:
 * {@code ./mvnw -q -B -o test -Dtest=BasketBenchmark -Dbench=true [-Dbench.orders=N]}.
 */
@IntegrationTest
@EnabledIfSystemProperty(named = "bench", matches = "true")
class BasketBenchmark {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    BasketRuns runs;
    @Autowired
    CrossSellSuggestions crossSell;

    @Test
    void measure() {
        int orders = Integer.getInteger("bench.orders", 100_000);
        TestAccounts accounts = new TestAccounts(context);
        Account rep = accounts.user(Role.SALES_REP, accounts.team("basket-bench-" + System.nanoTime()));
        Api.Response created = new Api(port, rep.token()).post("/api/v1/customers",
                Api.json(Map.of("kind", "PERSON", "name", "Basket bench", "customerType", "CONSUMER")));
        long customer = created.json().get("id").asLong();
        long t0 = System.nanoTime();
        jdbc.sql("SELECT setseed(0.42)").query().singleRow();
        jdbc.sql("""
                INSERT INTO products (sku, name, category, list_price)
                SELECT 'BENCH-' || g, 'Bench product ' || g, 'Family ' || (g / 10), 10 FROM generate_series(0, 299) g""")
                .update();
        jdbc.sql("""
                CREATE TEMP TABLE bench_orders AS
                SELECT nextval(pg_get_serial_sequence('orders', 'id')) AS id,
                       current_date - (g % 700) AS order_date, floor(random() * 30)::int AS family
                FROM generate_series(1, ?) g""").param(orders).update();
        jdbc.sql("""
                INSERT INTO orders (id, customer_id, owner_id, team_id, status, order_date, total)
                SELECT id, ?, ?, ?, 'COMPLETED', order_date, 0 FROM bench_orders""")
                .params(customer, rep.id(), rep.teamId()).update();
        int lines = jdbc.sql("""
                INSERT INTO order_lines (order_id, line_no, customer_id, order_date, product_id, product_name,
                  quantity, unit_price, line_total)
                SELECT l.id, l.n, ?, l.order_date, p.id, p.name, 1, 10, 10
                FROM (SELECT o.id, n, o.order_date, 'BENCH-' || CASE WHEN random() < 0.7
                        THEN o.family * 10 + floor(random() * 10)::int ELSE floor(random() * 300)::int END AS sku
                      FROM bench_orders o
                      CROSS JOIN LATERAL generate_series(1, 1 + floor(random() * 5)::int + (o.id * 0)) n) l
                JOIN products p ON p.sku = l.sku""")
                .param(customer).update();
        jdbc.sql("DROP TABLE bench_orders").update();
        jdbc.sql("ANALYZE orders").update();
        jdbc.sql("ANALYZE order_lines").update();
        System.out.printf("BENCH basket data: %d orders, %d lines in %d ms%n", orders, lines,
                (System.nanoTime() - t0) / 1_000_000);
        BasketRuns.Parameters d = runs.defaults();
        double[] supports = {d.minSupport(), d.minSupport(), d.minSupport(), d.minSupport() / 2, d.minSupport() / 2};
        for (int i = 0; i < supports.length; i++) {
            long start = System.nanoTime();
            BasketRuns.Run run = runs.claim(null, new BasketRuns.Parameters(d.from(), d.to(), supports[i],
                    d.minConfidence(), d.minLift(), d.maxLength())).orElseThrow();
            runs.run(run.id());
            BasketRuns.Run done = runs.find(run.id()).orElseThrow();
            assertThat(done.error()).isNull();
            System.out.printf("BENCH basket run %d (support %s): %d baskets, %d products, %d itemsets, %d rules in %d ms%n",
                    i + 1, supports[i], done.baskets(), done.items(), done.itemsets(), done.rules(),
                    (System.nanoTime() - start) / 1_000_000);
        }
        long start = System.nanoTime();
        int suggestions = crossSell.forCustomer(customer, 5).size();
        System.out.printf("BENCH cross-sell for a customer who bought all %d products: %d suggestions in %d ms%n",
                300, suggestions, (System.nanoTime() - start) / 1_000_000);
    }
}
