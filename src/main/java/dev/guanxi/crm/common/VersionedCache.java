package dev.guanxi.crm.common;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * Results kept in memory together with the value of a database change counter they were computed at. The counter
 * is read from PostgreSQL, in the reader's transaction and before the result is computed, on every request; it only
 * grows, and a reader sees a higher value exactly when it sees the change that raised it. A result is served again
 * while the counter is unchanged, so no instance serves anything older than what the database shows it, and nothing
 * here is needed by another instance: each keeps its own copy.
 *
 * <p>Concurrent requests for the same key and counter wait for one computation instead of each running the same SQL.
 * When a higher counter is seen every older result is dropped: readers that see the newer change will not ask for them
 * again. (A transaction that raised the counter and read before it rolled back leaves no harm: results are kept per
 * counter value, and the next readers keep theirs under the value they see.)
 *
 * @param <K> what identifies a result besides the counter (the filters and what the viewer may see)
 */
public final class VersionedCache<K> {

    private record Entry(long version, FutureTask<Object> result) {
    }

    private final int maxEntries;
    private final ConcurrentHashMap<K, Entry> entries = new ConcurrentHashMap<>();
    private long newest = Long.MIN_VALUE;

    /** {@code maxEntries}: results kept at most; beyond that the cache starts again empty. */
    public VersionedCache(int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1");
        }
        this.maxEntries = maxEntries;
    }

    /**
     * The result for {@code key} as of counter {@code version}, computed by {@code compute} (on the caller's thread and
     * in its transaction) when there is none yet. A failed computation is not kept: the next request tries again.
     */
    @SuppressWarnings("unchecked")
    public <T> T get(K key, long version, Supplier<T> compute) {
        synchronized (this) {
            if (version > newest) {
                newest = version;
                entries.clear();
            }
        }
        if (entries.size() >= maxEntries) {
            entries.clear();
        }
        Entry entry = entries.compute(key, (k, old) -> old != null && old.version() == version ? old
                : new Entry(version, new FutureTask<>(compute::get)));
        entry.result().run(); // computes on the first caller's thread; a no-op for later or concurrent callers
        try {
            return (T) entry.result().get();
        } catch (ExecutionException e) {
            entries.remove(key, entry);
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a result being computed", e);
        }
    }
}
