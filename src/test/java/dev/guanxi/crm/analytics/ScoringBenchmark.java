package dev.guanxi.crm.analytics;

import dev.guanxi.crm.analytics.internal.ScoringRun;
import dev.guanxi.crm.analytics.internal.ScoringService;
import dev.guanxi.crm.identity.Role;
import dev.guanxi.crm.identity.internal.TestAccounts;
import dev.guanxi.crm.identity.internal.TestAccounts.Account;
import dev.guanxi.crm.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measures the scoring run on generated data: {@code bench.customers} customers (default 1,000,000), each with
 * {@code id % 6} orders (2.5 on average, one in twenty cancelled) of {@code 1 + order id % 7} lines (4 on average),
 * so about 2.5 orders and 10 order lines per customer, dated over the last three years. Prints the figures for
 * docs/benchmarks.md. Not part of the build:
 * {@code ./mvnw test -Dtest=ScoringBenchmark -Dbench=true [-Dbench.customers=100000]}.
 */
@IntegrationTest
@EnabledIfSystemProperty(named = "bench", matches = "true")
class ScoringBenchmark {

    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ScoringService scoring;
    @Autowired
    TransactionTemplate tx;

    @Test
    void measure() {
        TestAccounts accounts = new TestAccounts(context);
        Account rep = accounts.user(Role.SALES_REP, accounts.team("bench-scoring"));
        int customers = Integer.getInteger("bench.customers", 1_000_000);

        long t0 = System.nanoTime();
        tx.executeWithoutResult(s -> generate(rep, customers));
        double generate = (System.nanoTime() - t0) / 1e9;
        long orders = jdbc.sql("SELECT count(*) FROM orders WHERE owner_id = ?").param(rep.id()).query(Long.class).single();
        long lines = jdbc.sql("SELECT count(*) FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.owner_id = ?")
                .param(rep.id()).query(Long.class).single();
        System.out.printf("BENCH generated %,d customers, %,d orders, %,d order lines in %.1f s%n", customers, orders,
                lines, generate);
        jdbc.sql("ANALYZE customers").update();
        jdbc.sql("ANALYZE orders").update();

        for (int i = 1; i <= 2; i++) {
            t0 = System.nanoTime();
            ScoringRun run = scoring.runNow(ScoringService.MANUAL, null, null);
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertThat(run.status()).isEqualTo("SUCCEEDED");
            System.out.printf("BENCH scoring run %d: %,d customers (%,d with orders) in %.1f s; %,d value tiers and "
                            + "%,d lifecycle stages changed; %,d churn warnings%n", i, run.customers(),
                    run.customersWithOrders(), seconds, run.tiersChanged(), run.stagesChanged(), run.churnFlagged());
        }
    }

    private void generate(Account rep, int customers) {
        jdbc.sql("INSERT INTO customers (kind, name, customer_type, owner_id, team_id) "
                        + "SELECT 'PERSON', 'Bench ' || g, 'CONSUMER', ?, ? FROM generate_series(1, ?) g")
                .params(rep.id(), rep.teamId(), customers).update();
        long product = jdbc.sql("INSERT INTO products (sku, name, list_price) VALUES (?, 'Bench product', 10) RETURNING id")
                .param("BENCH-" + System.nanoTime()).query(Long.class).single();
        long base = jdbc.sql("SELECT coalesce(max(id), 0) + 1000 FROM orders").query(Long.class).single();
        jdbc.sql("""
                        CREATE TEMP TABLE bench_orders ON COMMIT DROP AS
                        SELECT ? + row_number() OVER () AS id, c.id AS customer_id,
                          current_date - ((c.id * 37 + s * 101) % 1095)::int AS order_date,
                          CASE WHEN (c.id + s) % 20 = 0 THEN 'CANCELLED' ELSE 'COMPLETED' END AS status
                        FROM customers c CROSS JOIN LATERAL generate_series(1, (c.id % 6)::int) s
                        WHERE c.owner_id = ?""")
                .params(base, rep.id()).update();
        // bulk load as a data migration would: foreign keys of the generated rows are right by construction
        jdbc.sql("SET LOCAL session_replication_role = replica").update();
        jdbc.sql("""
                        INSERT INTO orders (id, customer_id, owner_id, team_id, status, order_date, total)
                        SELECT b.id, b.customer_id, ?, ?, b.status, b.order_date,
                          (SELECT sum(10 + (b.id * 7 + l) % 500) FROM generate_series(1, 1 + (b.id % 7)::int) l)
                        FROM bench_orders b""")
                .params(rep.id(), rep.teamId()).update();
        jdbc.sql("""
                        INSERT INTO order_lines (order_id, line_no, customer_id, order_date, product_id, product_name,
                          quantity, unit_price, line_total)
                        SELECT b.id, l, b.customer_id, b.order_date, ?, 'Bench product', 1, 10 + (b.id * 7 + l) % 500,
                          10 + (b.id * 7 + l) % 500
                        FROM bench_orders b CROSS JOIN LATERAL generate_series(1, 1 + (b.id % 7)::int) l""")
                .param(product).update();
        jdbc.sql("SET LOCAL session_replication_role = DEFAULT").update();
        jdbc.sql("SELECT setval(pg_get_serial_sequence('orders', 'id'), (SELECT max(id) FROM orders))")
                .query(Long.class).single();
    }
}
