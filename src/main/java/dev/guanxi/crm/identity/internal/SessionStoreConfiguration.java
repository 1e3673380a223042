package dev.guanxi.crm.identity.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.jdbc.PostgreSqlJdbcIndexedSessionRepositoryCustomizer;

/**
 * How HTTP sessions are written to PostgreSQL (Spring Session JDBC), so that every app instance serves every
 * signed-in person without a write per page view and without failing on concurrent requests.
 */
@Configuration(proxyBeanMethods = false)
class SessionStoreConfiguration {

    /**
     * A session's last access time is written at most once a minute: Spring Session updates the session row on
     * every request (a committed, flushed write per page view), although the time only matters for the expiry after
     * {@code server.servlet.session.timeout} (hours). Changes of the id, the principal or the timeout are written at
     * once. The same six parameters in the same order as the stock statement; a skipped update changes no row.
     */
    static final String UPDATE_SESSION_QUERY = """
            UPDATE %TABLE_NAME% s
            SET SESSION_ID = v.session_id, LAST_ACCESS_TIME = v.last_access_time,
                MAX_INACTIVE_INTERVAL = v.max_inactive_interval, EXPIRY_TIME = v.expiry_time,
                PRINCIPAL_NAME = v.principal_name
            FROM (SELECT CAST(? AS CHAR(36)) AS session_id, CAST(? AS BIGINT) AS last_access_time,
                         CAST(? AS INT) AS max_inactive_interval, CAST(? AS BIGINT) AS expiry_time,
                         CAST(? AS VARCHAR(100)) AS principal_name, CAST(? AS CHAR(36)) AS primary_id) v
            WHERE s.PRIMARY_ID = v.primary_id
              AND (s.SESSION_ID <> v.session_id OR s.MAX_INACTIVE_INTERVAL <> v.max_inactive_interval
                   OR s.PRINCIPAL_NAME IS DISTINCT FROM v.principal_name
                   OR v.last_access_time - s.LAST_ACCESS_TIME >= 60000)
            """;

    /**
     * Attributes are inserted with {@code ON CONFLICT DO UPDATE} (the PostgreSQL customizer of Spring Session): two
     * concurrent first requests of a session that both create the CSRF token otherwise fail one of them with a
     * duplicate key (seen as HTTP 500 on the 360 page under load).
     */
    @Bean
    SessionRepositoryCustomizer<JdbcIndexedSessionRepository> sessionStatements() {
        PostgreSqlJdbcIndexedSessionRepositoryCustomizer upsertAttributes =
                new PostgreSqlJdbcIndexedSessionRepositoryCustomizer();
        return repository -> {
            upsertAttributes.customize(repository);
            repository.setUpdateSessionQuery(UPDATE_SESSION_QUERY);
        };
    }
}
