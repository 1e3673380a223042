package dev.guanxi.crm.common.internal;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.sql.DataSource;
import java.io.File;
import java.sql.Connection;
import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** GUANXI_DB_URL / _USER / _PASSWORD point the application at an external PostgreSQL instead of the embedded one. */
@SpringBootTest
@DirtiesContext
class ExternalDatabaseTest {

    private static final File SERVER_DIR = new File("target/test-postgres");

    @DynamicPropertySource
    static void externalDatabase(DynamicPropertyRegistry registry) throws SQLException {
        EmbeddedPostgres server = EmbeddedPostgresServer.acquire(SERVER_DIR, 0, true, false, "128MB");
        try (Connection c = server.getPostgresDatabase().getConnection()) {
            c.createStatement().execute("DROP DATABASE IF EXISTS guanxi_external");
            c.createStatement().execute("CREATE DATABASE guanxi_external");
            c.createStatement().execute("DROP ROLE IF EXISTS guanxi_app");
            c.createStatement().execute("CREATE ROLE guanxi_app LOGIN SUPERUSER PASSWORD 'app-secret'");
        }
        registry.add("guanxi.db.url", () -> "jdbc:postgresql://localhost:" + server.getPort() + "/guanxi_external");
        registry.add("guanxi.db.user", () -> "guanxi_app");
        registry.add("guanxi.db.password", () -> "app-secret");
    }

    /** Holds the server for as long as this test's context lives, so PostgreSQL outlives the context's shutdown. */
    @TestConfiguration(proxyBeanMethods = false)
    static class ServerLease {
        @Bean(destroyMethod = "close")
        AutoCloseable embeddedServerLease() {
            return () -> EmbeddedPostgresServer.release(SERVER_DIR);
        }
    }

    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcClient jdbc;

    @Test
    void migratesAndUsesTheGivenDatabase() throws SQLException {
        assertThat(dataSource.isWrapperFor(DatabaseConfiguration.EmbeddedDataSource.class)).isFalse();
        assertThat(jdbc.sql("SELECT current_database()").query(String.class).single()).isEqualTo("guanxi_external");
        assertThat(jdbc.sql("SELECT current_user").query(String.class).single()).isEqualTo("guanxi_app");
        assertThat(jdbc.sql("SELECT count(*) FROM flyway_schema_history WHERE success").query(Long.class).single())
                .isGreaterThanOrEqualTo(5);
        assertThat(jdbc.sql("SELECT username FROM users").query(String.class).list()).containsExactly("admin");
    }
}
