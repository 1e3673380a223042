package dev.guanxi.crm.demo.internal;

import org.slf4j.Logger;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.io.IOException;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Comparator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Loads the demo staff, customers and contacts into an empty database in one transaction: it all appears at
 * once or, after a failure, not at all, and a second load finds the data and does nothing.
 */
@Component
class DemoDataLoader {

    static final long SEED = 42;
    private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);

    private final DemoStaff staff;
    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final TransactionTemplate transaction;

    DemoDataLoader(DemoStaff staff, JdbcClient jdbc, DataSource dataSource, TransactionTemplate transaction) {
        this.staff = staff;
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.transaction = transaction;
    }

    /** Loads the demo data unless the database has customers or demo users already; empty when it did nothing. */
    Optional<DemoData> loadIfEmpty(int customerCount) {
        return loadIfEmpty(DemoSizes.of(customerCount));
    }

    /** As {@link #loadIfEmpty(int)}, with the sizes of the other tables as given (the demo's ratios where not). */
    Optional<DemoData> loadIfEmpty(DemoSizes sizes) {
        long started = System.nanoTime();
        DemoData data = transaction.execute(status -> load(sizes));
        if (data == null) {
            return Optional.empty();
        }
        // Fresh statistics, so that the first list pages already get good plans on a million rows.
        jdbc.sql("ANALYZE customers, contacts, orders, order_lines, payments, opportunities, leads, activities").update();
        data = data.took(Duration.ofNanos(System.nanoTime() - started));
        if (sizes.custom()) {
            log.info("Demo data sizes: {}", jdbc.sql("""
                    SELECT format('%s opportunities, %s orders, %s order lines, %s activities, %s tickets',
                      (SELECT count(*) FROM opportunities), (SELECT count(*) FROM orders),
                      (SELECT count(*) FROM order_lines), (SELECT count(*) FROM activities),
                      (SELECT count(*) FROM tickets))""").query(String.class).single());
        }
        log.info("Demo data loaded: {} customers and {} contacts in {} ms ({} rows/s)", data.customers(),
                data.contacts(), data.loadTime().toMillis(), data.rowsPerSecond());
        return Optional.of(data);
    }

    private DemoData load(DemoSizes sizes) {
        int customerCount = sizes.customers();
        // Blocks a second instance starting at the same time until this load commits; it then finds the data.
        jdbc.sql("LOCK TABLE customers IN SHARE ROW EXCLUSIVE MODE").update();
        if (jdbc.sql("SELECT EXISTS (SELECT 1 FROM customers)").query(Boolean.class).single() || staff.present()) {
            return null;
        }
        log.info("Loading demo data: {} teams, {} users, {}", DemoStaff.TEAMS.size(), DemoStaff.MEMBERS.size(),
                sizes);
        String password = DemoStaff.randomPassword();
        List<DemoStaff.Owner> owners = staff.create(password);
        long contacts = 0;
        if (customerCount > 0) {
            long firstId = reserveCustomerIds(customerCount);
            DemoCustomers customers = new DemoCustomers(SEED, owners, customerCount, Instant.now());
            try {
                contacts = new CustomerCopy(DataSourceUtils.getConnection(dataSource))
                        .load(customers, firstId, customerCount, sizes.contacts());
            } catch (SQLException e) {
                throw new IllegalStateException("Loading the demo customers failed", e);
            }
            // The sizes the scripts read; NULL keeps a script's own ratio to the customers.
            jdbc.sql("""
                    CREATE TEMP TABLE demo_sizes (contacts bigint, opportunities bigint, orders bigint,
                      order_lines bigint, activities bigint, tickets bigint) ON COMMIT DROP""").update();
            jdbc.sql("INSERT INTO demo_sizes VALUES (?, ?, ?, ?, ?, ?)")
                    .params(sizes.contacts(), sizes.opportunities(), sizes.orders(), sizes.orderLines(),
                            sizes.activities(), sizes.tickets())
                    .update();
            // Customers to draw from for the given sizes, and contacts beyond those generated with the customers.
            populate("demo/sizes.sql");
            if (sizes.contacts() != null) {
                contacts = jdbc.sql("SELECT count(*) FROM contacts").query(Long.class).single();
            }
            // Sales history for the demo customers: products, orders with lines and payments, pipeline, leads.
            populate("demo/sales.sql");
            // then each later module's demo data (demo/module-NN-name.sql), in the order of their names
            try {
                Resource[] scripts = new PathMatchingResourcePatternResolver().getResources("classpath*:demo/module-*.sql");
                Arrays.sort(scripts, Comparator.comparing(Resource::getFilename));
                for (Resource script : scripts) {
                    new ResourceDatabasePopulator(script).populate(DataSourceUtils.getConnection(dataSource));
                }
            } catch (IOException e) {
                throw new IllegalStateException("Reading the demo scripts failed", e);
            }
            // demo/sizes.sql's helper; temporary, but it would outlive the transaction in the pooled session
            jdbc.sql("DROP FUNCTION pg_temp.demo_draw(bigint, boolean)").update();
        }
        return new DemoData(DemoStaff.MEMBERS, password, customerCount, contacts, Duration.ZERO);
    }

    private void populate(String script) {
        new ResourceDatabasePopulator(new ClassPathResource(script)).populate(DataSourceUtils.getConnection(dataSource));
    }

    /**
     * Takes {@code count} consecutive ids from the customers' identity sequence; the table lock keeps other
     * inserts from drawing ids in between.
     */
    private long reserveCustomerIds(long count) {
        long first = jdbc.sql("SELECT nextval(pg_get_serial_sequence('customers', 'id'))").query(Long.class).single();
        jdbc.sql("SELECT setval(pg_get_serial_sequence('customers', 'id'), ?)").param(first + count - 1)
                .query(Long.class).single();
        return first;
    }
}
