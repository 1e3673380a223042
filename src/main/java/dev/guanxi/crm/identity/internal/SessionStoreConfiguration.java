package dev.guanxi.crm.identity.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.config.SessionRepositoryCustomizer;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.jdbc.PostgreSqlJdbcIndexedSessionRepositoryCustomizer;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * How HTTP sessions are written to PostgreSQL (Spring Session JDBC), so that every app instance serves every
 * signed-in person without a write per page view and without failing on concurrent requests.
 */
@Configuration(proxyBeanMethods = false)
class SessionStoreConfiguration {

    /**
     * A session's last access time is written at most once a minute (the interval of {@link ThriftySessionRepository},
     * which spares the statement itself where it can): Spring Session updates the session row on every request (a
     * committed, flushed write per page view), although the time only matters for the expiry after
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
                   OR v.last_access_time - s.LAST_ACCESS_TIME >= """
            + ThriftySessionRepository.ACCESS_WRITE_INTERVAL.toMillis() + ")\n";

    /** The JDBC repository as Spring Boot configures it, wrapped in {@link ThriftySessionRepository}. */
    @Bean
    static BeanPostProcessor thriftySessions() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof JdbcIndexedSessionRepository jdbc ? new ThriftySessionRepository(jdbc) : bean;
            }
        };
    }

    /** Forgets, when a request ends, the session its thread saved (around Spring Session's filter). */
    @Bean
    FilterRegistrationBean<OncePerRequestFilter> sessionRequestEnd() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
                new OncePerRequestFilter() {
                    @Override
                    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                                                    FilterChain chain) throws ServletException, IOException {
                        try {
                            chain.doFilter(request, response);
                        } finally {
                            ThriftySessionRepository.requestEnded();
                        }
                    }
                });
        registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER - 1);
        return registration;
    }

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
