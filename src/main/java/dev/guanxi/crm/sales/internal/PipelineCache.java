package dev.guanxi.crm.sales.internal;

import dev.guanxi.crm.common.VersionedCache;
import dev.guanxi.crm.identity.CurrentUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.function.Supplier;

/**
 * Pipeline aggregates (the funnel, the board's stage totals) kept per report, filter and what the viewer may see,
 * with the pipeline's change counter ({@code pipeline_version}, migration V9_6) they were computed at. A report is
 * computed again only after a change to the pipeline; until then every viewer with the same filter and visibility
 * gets it from memory. Fifty users opening the funnel at once compute it once: the others wait for that result
 * instead of running the same 250 ms of SQL each. Nothing here is needed by another instance: each keeps its own
 * copy, checked against the database's counter on every read.
 */
@Component
class PipelineCache {

    /** Reports kept at most; beyond that the cache starts again empty (a report is a few hundred bytes). */
    static final int MAX_ENTRIES = 2_000;

    record Key(String report, PipelineQuery query, CurrentUser.SqlCondition visible) {
    }

    private final JdbcClient jdbc;
    private final VersionedCache<Key> reports = new VersionedCache<>(MAX_ENTRIES);

    PipelineCache(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The pipeline's change counter as the current transaction sees it. */
    long version() {
        return jdbc.sql("SELECT version FROM pipeline_version WHERE id = 1").query(Long.class).single();
    }

    /**
     * The report for this filter and viewer as of the current pipeline version, computed by {@code compute} (in the
     * caller's transaction) when there is none yet.
     */
    <T> T get(String report, PipelineQuery query, CurrentUser user, Supplier<T> compute) {
        // read before computing: a change committed meanwhile makes the next read recompute
        return reports.get(new Key(report, query, user.visibility("owner_id", "team_id")), version(), compute);
    }
}
