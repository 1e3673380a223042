package dev.guanxi.crm.customer.internal;

import dev.guanxi.crm.customer.TimelineEntry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.util.List;

/** Stores timeline entries published by any module and reads a customer's timeline, newest first. */
@Component
public class Timeline {

    private final JdbcClient jdbc;

    Timeline(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @ApplicationModuleListener
    void on(TimelineEntry entry) {
        add(entry);
    }

    /** Idempotent: the same (source, sourceRef, kind) is stored once. */
    void add(TimelineEntry e) {
        jdbc.sql("""
                        INSERT INTO customer_timeline (customer_id, occurred_at, kind, source, source_ref, title, detail,
                          actor_name)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT ON CONSTRAINT timeline_once DO NOTHING""")
                .params(e.customerId(), Timestamp.from(e.occurredAt()), e.kind(), e.source(), e.sourceRef(), e.title(),
                        e.detail(), e.actorName())
                .update();
    }

    /** Many entries in one round trip (imports); idempotent like {@link #add}. */
    void addAll(List<TimelineEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        INSERT INTO customer_timeline (customer_id, occurred_at, kind, source, source_ref, title, detail,
                          actor_name)
                        SELECT * FROM unnest(CAST(? AS bigint[]), CAST(? AS timestamptz[]), CAST(? AS text[]),
                          CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]))
                        ON CONFLICT ON CONSTRAINT timeline_once DO NOTHING""")
                .params(entries.stream().map(TimelineEntry::customerId).toArray(Long[]::new),
                        entries.stream().map(e -> Timestamp.from(e.occurredAt())).toArray(Timestamp[]::new),
                        entries.stream().map(TimelineEntry::kind).toArray(String[]::new),
                        entries.stream().map(TimelineEntry::source).toArray(String[]::new),
                        entries.stream().map(TimelineEntry::sourceRef).toArray(String[]::new),
                        entries.stream().map(TimelineEntry::title).toArray(String[]::new),
                        entries.stream().map(TimelineEntry::detail).toArray(String[]::new),
                        entries.stream().map(TimelineEntry::actorName).toArray(String[]::new))
                .update();
    }

    public List<TimelineEntry> recent(long customerId, int limit) {
        return jdbc.sql("""
                        SELECT customer_id, occurred_at, kind, source, source_ref, title, detail, actor_name
                        FROM customer_timeline WHERE customer_id = ? ORDER BY occurred_at DESC, id DESC LIMIT ?""")
                .params(customerId, limit)
                .query((rs, n) -> new TimelineEntry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)))
                .list();
    }
}
