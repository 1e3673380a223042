package dev.guanxi.crm.identity.internal;

import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Spring Session's JDBC repository with two statements less per page view:
 * <ul>
 *   <li>A session's last access time moves only when it is a minute or more past the stored one
 *       ({@link #ACCESS_WRITE_INTERVAL}). Spring Session sets it on every request, which marks the session changed
 *       and sends an {@code UPDATE} in a transaction of its own at the end of every page view, although the time
 *       only matters for the expiry hours later. (The repository's own {@code UPDATE} also skips such writes,
 *       {@link SessionStoreConfiguration}; this spares the statement itself.)</li>
 *   <li>A session saved in this request is handed back as it is when the same request asks for it again. Spring
 *       Session's filter saves the session when the response is committed and again when the request ends, and
 *       between the two it reads the session anew from the database only to compare its id (spring-session issue
 *       1731). {@link #requestEnded()} forgets it, from a filter around Spring Session's.</li>
 * </ul>
 * Everything else is the JDBC repository's, unchanged: every instance still reads the session from the database at
 * the start of each request.
 */
@SuppressWarnings({"rawtypes", "unchecked"})
final class ThriftySessionRepository
        implements FindByIndexNameSessionRepository<ThriftySessionRepository.ThriftySession> {

    static final Duration ACCESS_WRITE_INTERVAL = Duration.ofMinutes(1);

    private static final ThreadLocal<ThriftySession> SAVED_IN_THIS_REQUEST = new ThreadLocal<>();

    /** Raw: the JDBC repository's session class is not public. */
    private final FindByIndexNameSessionRepository delegate;

    ThriftySessionRepository(FindByIndexNameSessionRepository<?> delegate) {
        this.delegate = delegate;
    }

    /** Forgets the session saved on this thread: called when a request ends. */
    static void requestEnded() {
        SAVED_IN_THIS_REQUEST.remove();
    }

    @Override
    public ThriftySession createSession() {
        return new ThriftySession((Session) delegate.createSession());
    }

    @Override
    public void save(ThriftySession session) {
        delegate.save(session.stored);
        SAVED_IN_THIS_REQUEST.set(session);
    }

    @Override
    public ThriftySession findById(String id) {
        ThriftySession saved = SAVED_IN_THIS_REQUEST.get();
        if (saved != null && saved.getId().equals(id)) {
            return saved;
        }
        Session stored = (Session) delegate.findById(id);
        return stored == null ? null : new ThriftySession(stored);
    }

    @Override
    public void deleteById(String id) {
        SAVED_IN_THIS_REQUEST.remove();
        delegate.deleteById(id);
    }

    @Override
    public Map<String, ThriftySession> findByIndexNameAndIndexValue(String indexName, String indexValue) {
        Map<String, ThriftySession> found = new LinkedHashMap<>();
        ((Map<String, Session>) delegate.findByIndexNameAndIndexValue(indexName, indexValue))
                .forEach((id, session) -> found.put(id, new ThriftySession(session)));
        return found;
    }

    /** The stored session, whose last access time moves at most once a minute. */
    static final class ThriftySession implements Session {

        private final Session stored;

        ThriftySession(Session stored) {
            this.stored = stored;
        }

        @Override
        public void setLastAccessedTime(Instant lastAccessedTime) {
            if (Duration.between(stored.getLastAccessedTime(), lastAccessedTime).compareTo(ACCESS_WRITE_INTERVAL) >= 0) {
                stored.setLastAccessedTime(lastAccessedTime);
            }
        }

        @Override
        public String getId() {
            return stored.getId();
        }

        @Override
        public String changeSessionId() {
            return stored.changeSessionId();
        }

        @Override
        public <T> T getAttribute(String attributeName) {
            return stored.getAttribute(attributeName);
        }

        @Override
        public Set<String> getAttributeNames() {
            return stored.getAttributeNames();
        }

        @Override
        public void setAttribute(String attributeName, Object attributeValue) {
            stored.setAttribute(attributeName, attributeValue);
        }

        @Override
        public void removeAttribute(String attributeName) {
            stored.removeAttribute(attributeName);
        }

        @Override
        public Instant getCreationTime() {
            return stored.getCreationTime();
        }

        @Override
        public Instant getLastAccessedTime() {
            return stored.getLastAccessedTime();
        }

        @Override
        public void setMaxInactiveInterval(Duration interval) {
            stored.setMaxInactiveInterval(interval);
        }

        @Override
        public Duration getMaxInactiveInterval() {
            return stored.getMaxInactiveInterval();
        }

        @Override
        public boolean isExpired() {
            return stored.isExpired();
        }
    }
}
