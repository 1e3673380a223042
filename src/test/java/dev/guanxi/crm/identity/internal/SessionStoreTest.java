package dev.guanxi.crm.identity.internal;

import dev.guanxi.crm.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sessions in PostgreSQL with the application's statements: concurrent requests of one session, and no write per
 * page view. (The shared test context keeps MockMvc sessions in memory, so the repository is built here as Spring
 * Boot builds it, with the application's customizer; MultipleInstancesTest uses it over HTTP.)
 */
@IntegrationTest
class SessionStoreTest {

    @Autowired
    DataSource dataSource;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    JdbcClient jdbc;

    /** Raw: the repository's session class (JdbcSession) is not public. */
    @SuppressWarnings("rawtypes")
    FindByIndexNameSessionRepository sessions;

    @BeforeEach
    void repository() {
        sessions = jdbcRepository(dataSource, transactions);
    }

    /** The JDBC session repository as Spring Boot builds it, with the application's customizer. */
    static JdbcIndexedSessionRepository jdbcRepository(DataSource dataSource, PlatformTransactionManager transactions) {
        JdbcIndexedSessionRepository repository = new JdbcIndexedSessionRepository(new JdbcTemplate(dataSource),
                new TransactionTemplate(transactions));
        new SessionStoreConfiguration().sessionStatements().customize(repository);
        return repository;
    }

    Session find(String id) {
        return (Session) sessions.findById(id);
    }

    @SuppressWarnings("unchecked")
    void save(Session session) {
        sessions.save(session);
    }

    String newSession() {
        Session session = (Session) sessions.createSession();
        save(session);
        return session.getId();
    }

    long storedAccessTime(String id) {
        return jdbc.sql("SELECT last_access_time FROM spring_session WHERE session_id = ?").param(id)
                .query(Long.class).single();
    }

    @Test
    void twoRequestsOfOneSessionThatBothAddTheSameAttributeBothSave() {
        String id = newSession();
        // two requests read the session before either saves, as concurrent first page views do with the CSRF token
        Session first = find(id);
        Session second = find(id);
        first.setAttribute("csrf", "one");
        second.setAttribute("csrf", "two");
        save(first);
        save(second); // a plain INSERT of the attribute fails here with a duplicate key

        assertThat((String) find(id).getAttribute("csrf")).isEqualTo("two");
    }

    @Test
    void lastAccessTimeIsStoredAtMostOnceAMinuteButOtherChangesAtOnce() {
        String id = newSession();
        long stored = storedAccessTime(id);

        Session soon = find(id);
        soon.setLastAccessedTime(Instant.ofEpochMilli(stored).plusSeconds(20));
        save(soon);
        assertThat(storedAccessTime(id)).as("a view 20 s later writes nothing").isEqualTo(stored);

        Session withAttribute = find(id);
        withAttribute.setLastAccessedTime(Instant.ofEpochMilli(stored).plusSeconds(30));
        withAttribute.setAttribute("filter", "VIP");
        withAttribute.setAttribute(FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME, "li.na");
        save(withAttribute);
        assertThat((String) find(id).getAttribute("filter")).isEqualTo("VIP");
        assertThat(sessions.findByPrincipalName("li.na")).containsKey(id);
        assertThat(storedAccessTime(id)).as("written with the principal").isEqualTo(stored + 30_000);

        Session later = find(id);
        later.setLastAccessedTime(Instant.ofEpochMilli(stored).plusSeconds(91));
        save(later);
        assertThat(storedAccessTime(id)).as("a view a minute after the last write is stored").isEqualTo(stored + 91_000);
        assertThat(jdbc.sql("SELECT expiry_time - last_access_time FROM spring_session WHERE session_id = ?")
                .param(id).query(Long.class).single()).isEqualTo(later.getMaxInactiveInterval().toMillis());
    }
}
