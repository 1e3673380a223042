package dev.guanxi.crm.identity.internal;

import dev.guanxi.crm.support.IntegrationTest;
import dev.guanxi.crm.support.Statements;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import javax.sql.DataSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session repository the application uses: no statement for a page view within a minute of the stored access
 * time, and no second read of a session the same request has just saved. (MultipleInstancesTest checks that the
 * instances use it, and sessions shared between them over HTTP.)
 */
@IntegrationTest
class ThriftySessionRepositoryTest {

    @Autowired
    DataSource dataSource;
    @Autowired
    PlatformTransactionManager transactions;
    @Autowired
    JdbcClient jdbc;

    ThriftySessionRepository sessions;

    @BeforeEach
    void repository() {
        sessions = new ThriftySessionRepository(SessionStoreTest.jdbcRepository(dataSource, transactions));
    }

    @AfterEach
    void requestEnds() {
        ThriftySessionRepository.requestEnded();
    }

    long storedAccessTime(String id) {
        return jdbc.sql("SELECT last_access_time FROM spring_session WHERE session_id = ?").param(id)
                .query(Long.class).single();
    }

    String newSession() {
        ThriftySessionRepository.ThriftySession session = sessions.createSession();
        sessions.save(session);
        ThriftySessionRepository.requestEnded();
        return session.getId();
    }

    @Test
    void aPageViewWithinAMinuteRunsNoStatementToSave() {
        String id = newSession();
        long stored = storedAccessTime(id);

        ThriftySessionRepository.ThriftySession soon = sessions.findById(id);
        soon.setLastAccessedTime(Instant.ofEpochMilli(stored).plusSeconds(20));
        assertThat(Statements.counted(() -> sessions.save(soon))).as("20 s later").isZero();
        ThriftySessionRepository.requestEnded();

        ThriftySessionRepository.ThriftySession later = sessions.findById(id);
        later.setLastAccessedTime(Instant.ofEpochMilli(stored).plusSeconds(61));
        assertThat(Statements.counted(() -> sessions.save(later))).as("61 s later").isPositive();
        assertThat(storedAccessTime(id)).isEqualTo(stored + 61_000);
        ThriftySessionRepository.requestEnded();

        ThriftySessionRepository.ThriftySession withAttribute = sessions.findById(id);
        withAttribute.setLastAccessedTime(Instant.ofEpochMilli(stored).plusSeconds(70));
        withAttribute.setAttribute("filter", "VIP");
        sessions.save(withAttribute);
        ThriftySessionRepository.requestEnded();
        assertThat((String) sessions.findById(id).getAttribute("filter")).as("other changes at once").isEqualTo("VIP");
    }

    @Test
    void aSessionSavedInThisRequestIsNotReadAgainUntilTheRequestEnds() {
        String id = newSession();
        ThriftySessionRepository.ThriftySession session = sessions.findById(id);
        session.setAttribute("csrf", "token");
        sessions.save(session);
        assertThat(Statements.counted(() -> assertThat(sessions.findById(id)).isSameAs(session)))
                .as("asked again in the same request").isZero();

        ThriftySessionRepository.requestEnded();
        jdbc.sql("DELETE FROM spring_session_attributes WHERE session_primary_id = "
                + "(SELECT primary_id FROM spring_session WHERE session_id = ?)").param(id).update();
        assertThat(Statements.counted(() -> assertThat((String) sessions.findById(id).getAttribute("csrf")).isNull()))
                .as("the next request reads it from the database, changed by another instance").isPositive();
        sessions.deleteById(id);
        assertThat(sessions.findById(id)).isNull();
    }
}
