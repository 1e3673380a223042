package dev.guanxi.crm.common.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

import javax.sql.DataSource;
import java.io.File;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one database: an external PostgreSQL when {@code GUANXI_DB_URL} is set, otherwise an embedded real
 * PostgreSQL keeping its data under {@code guanxi.db.data-dir} (./data/postgres by default). Statements slower than
 * {@code guanxi.db.slow-query-ms} are logged, whichever PostgreSQL it is; {@code guanxi.db.count-statements} counts
 * statements per thread (tests check that a page runs a fixed number of them).
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    DataSource dataSource(Environment env) {
        ProxyDataSourceBuilder proxy = ProxyDataSourceBuilder.create(pool(env)).name("guanxi")
                .listener(new SlowQueryLog(env.getProperty("guanxi.db.slow-query-ms", Long.class, 500L)));
        if (env.getProperty("guanxi.db.count-statements", Boolean.class, false)) {
            proxy.countQuery();
        }
        return proxy.build();
    }

    private static HikariDataSource pool(Environment env) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("guanxi");
        config.setMaximumPoolSize(env.getProperty("guanxi.db.pool-size", Integer.class, 20));
        // Lists combine optional filters over skewed data (few VIPs, many small customers, one-letter searches):
        // a plan made for the actual values beats a generic plan reused across values, for a millisecond or two
        // of planning per query.
        config.setConnectionInitSql("SET plan_cache_mode = force_custom_plan");
        String url = env.getProperty("guanxi.db.url");
        if (StringUtils.hasText(url)) {
            log.info("Using external PostgreSQL at {}", url);
            config.setJdbcUrl(url);
            config.setUsername(env.getProperty("guanxi.db.user"));
            config.setPassword(env.getProperty("guanxi.db.password"));
        } else {
            File dataDir = new File(env.getProperty("guanxi.db.data-dir", "./data/postgres"));
            EmbeddedPostgres server = EmbeddedPostgresServer.acquire(dataDir,
                    env.getProperty("guanxi.db.port", Integer.class, 0),
                    env.getProperty("guanxi.db.clean", Boolean.class, false),
                    env.getProperty("guanxi.db.durable", Boolean.class, true),
                    env.getProperty("guanxi.db.shared-buffers", "1GB"));
            log.info("Using embedded PostgreSQL on port {} with data in {}", server.getPort(), dataDir.getAbsolutePath());
            config.setJdbcUrl(server.getJdbcUrl("postgres", "postgres"));
            config.setUsername("postgres");
            return new EmbeddedDataSource(config, dataDir);
        }
        return new HikariDataSource(config);
    }

    /** Releases the embedded server once the pool is closed, so PostgreSQL outlives every use of it. */
    static final class EmbeddedDataSource extends HikariDataSource {

        private final File dataDir;
        private final AtomicBoolean released = new AtomicBoolean();

        EmbeddedDataSource(HikariConfig config, File dataDir) {
            super(config);
            this.dataDir = dataDir;
        }

        @Override
        public void close() {
            super.close();
            if (released.compareAndSet(false, true)) {
                EmbeddedPostgresServer.release(dataDir);
            }
        }
    }
}
