package dev.guanxi.crm.customer.internal;

import dev.guanxi.crm.common.KeptJson;
import dev.guanxi.crm.common.PageResult;
import dev.guanxi.crm.common.VersionedCache;
import dev.guanxi.crm.customer.CustomerQuery;
import dev.guanxi.crm.identity.CurrentUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Customer list pages and counts kept with the customers' change counter (migration V9_11) they were read at, per
 * filter, sort, page and what the viewer may see. A list read again before any customer changed is served from memory:
 * no estimate, no page query, no count, no look-up of the owners' and teams' names. The rows are kept as read, with
 * those names (V9_12 counts a renamed user or team as a change); masking and permissions are applied per request.
 * Every read checks the counter in the database, so each instance serves nothing older than what PostgreSQL shows
 * it; any committed write to customers, on any instance, by any module or straight in SQL, makes the next read query
 * again.
 */
@Component
class CustomerListCache {

    /** Pages kept at most: a page is up to 200 rows of about 1–2 KB, so this bounds the cache near 20–40 MB. */
    static final int MAX_ENTRIES = 200;

    record Key(CustomerQuery query, CurrentUser.SqlCondition visible, CustomerSort sort, int page, int size,
               boolean countTotal, CustomerCursor after) {
    }

    private final JdbcClient jdbc;
    private final VersionedCache<Object> pages = new VersionedCache<>(MAX_ENTRIES);

    CustomerListCache(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The customers' change counter as the current transaction sees it, or {@link #OWN_CHANGES} when this transaction
     * has written customers itself: it sees rows nobody else does yet, and the counter only moves when it commits.
     */
    long version() {
        return jdbc.sql("""
                SELECT CASE WHEN current_setting('guanxi.customers_changed', true) = 'y' THEN -1
                            ELSE sum(version) END FROM customer_versions""").query(Long.class).single();
    }

    static final long OWN_CHANGES = -1;

    /**
     * A page of customers as read, with the display names of their owners and teams by id, and its JSON bodies as
     * served (one with personal data masked, one without), serialized once while the page is kept.
     */
    record NamedPage(PageResult<CustomerRecord> rows, Map<Long, String> ownerNames, Map<Long, String> teamNames,
                     Map<Boolean, KeptJson<PageResult<CustomerView>>> json) {

        NamedPage(PageResult<CustomerRecord> rows, Map<Long, String> ownerNames, Map<Long, String> teamNames) {
            this(rows, ownerNames, teamNames, new ConcurrentHashMap<>(2));
        }
    }

    /** The page for this filter and viewer, read by {@code read} (in the caller's transaction) when not kept. */
    NamedPage page(CustomerQuery query, CurrentUser user, CustomerSort sort, int page, int size, boolean countTotal,
                   CustomerCursor after, Supplier<NamedPage> read) {
        return kept(new Key(query, visible(user), sort, page, size, countTotal, after), read);
    }

    /** The capped count of matches for this filter and viewer, counted by {@code count} when not kept. */
    long count(CustomerQuery query, CurrentUser user, Supplier<Long> count) {
        return kept(new CountKey(query, visible(user)), count);
    }

    private <T> T kept(Object key, Supplier<T> read) {
        long version = version(); // before reading: a change committed meanwhile is read again next time
        return version == OWN_CHANGES ? read.get() : pages.get(key, version, read);
    }

    private record CountKey(CustomerQuery query, CurrentUser.SqlCondition visible) {
    }

    private static CurrentUser.SqlCondition visible(CurrentUser user) {
        return user.visibility("owner_id", "team_id");
    }
}
