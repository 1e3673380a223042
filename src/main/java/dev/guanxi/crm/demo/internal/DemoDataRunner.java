package dev.guanxi.crm.demo.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.util.stream.Collectors;

/**
 * On a fresh database, after the administrator exists, loads the demo data ({@code guanxi.demo.customers}
 * customers, 2000 by default; the other tables' sizes as {@link DemoSizes} reads them) and prints the demo users'
 * password once. {@code guanxi.demo=false} turns it off.
 */
@Component
@Order(10)
class DemoDataRunner implements ApplicationRunner {

    static final int DEFAULT_CUSTOMERS = 2000;
    private static final Logger log = LoggerFactory.getLogger(DemoDataRunner.class);

    private final DemoDataLoader loader;
    private final Environment env;

    DemoDataRunner(DemoDataLoader loader, Environment env) {
        this.loader = loader;
        this.env = env;
    }

    @Override
    public void run(ApplicationArguments args) {
        // Not in application.yml: there guanxi.demo would clash with guanxi.demo.customers.
        if (!env.getProperty("guanxi.demo", Boolean.class, true)) {
            return;
        }
        loader.loadIfEmpty(DemoSizes.from(env, DEFAULT_CUSTOMERS)).ifPresentOrElse(DemoDataRunner::announce,
                () -> log.debug("Demo data not loaded: the database has customers or demo users already."));
    }

    private static void announce(DemoData data) {
        String users = data.users().stream()
                .map(u -> String.format("     %-11s %-14s %s", u.username(), u.role(),
                        u.team() == null ? "" : DemoStaff.TEAMS.get(u.team())))
                .collect(Collectors.joining("\n"));
        log.warn("""

                ==========================================================================
                 Guanxi CRM demo data loaded: {} customers, {} contacts in {} s ({} rows/s).
                 Demo users (log in with any of them):
                {}
                   password: {}   (the same for every demo user)
                 This password is printed only once. Keep it now, or start with
                 --guanxi.demo=false on a new database to have no demo users at all.
                ==========================================================================""",
                data.customers(), data.contacts(), String.format("%.1f", data.loadTime().toMillis() / 1000.0),
                data.rowsPerSecond(), users, data.password());
    }
}
