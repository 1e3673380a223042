package dev.guanxi.crm.marketing.internal;

import dev.guanxi.crm.marketing.MessageChannel;
import dev.guanxi.crm.marketing.MessageSender.MessageProgress;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Send jobs and their recipients: created at once, claimed in batches, each recipient finished once. */
@Repository
public class MessageJobs {

    public record MessageJob(long id, long templateId, MessageChannel channel, String subject, String body,
                             String sourceRef, String status, int total, Instant createdAt, Instant finishedAt) {
    }

    /** A recipient claimed for sending, or skipped at the claim, with the values its placeholders need. */
    record MessageClaim(long customerId, String status, String address, Map<String, String> values, Long ownerId) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String COLUMNS = "id, template_id, channel, subject, body, source_ref, status, total, created_at, "
            + "finished_at";

    private final JdbcClient jdbc;

    MessageJobs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long create(MessageTemplates.MessageTemplate t, Map<Long, Map<String, String>> recipients, String sourceRef,
                Long userId) {
        long id = jdbc.sql("""
                        INSERT INTO message_jobs (template_id, channel, subject, body, source_ref, total, created_by)
                        VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id""")
                .params(t.id(), t.channel().name(), t.subject(), t.body(), sourceRef, recipients.size(), userId)
                .query(Long.class).single();
        Long[] ids = recipients.keySet().toArray(Long[]::new);
        String[] extras = recipients.keySet().stream()
                .map(c -> JSON.writeValueAsString(recipients.get(c) == null ? Map.of() : recipients.get(c)))
                .toArray(String[]::new);
        jdbc.sql("""
                        INSERT INTO message_recipients (job_id, customer_id, extra)
                        SELECT ?, c, CAST(e AS jsonb) FROM unnest(CAST(? AS bigint[]), CAST(? AS text[])) AS u(c, e)""")
                .params(id, ids, extras).update();
        return id;
    }

    Optional<MessageJob> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM message_jobs WHERE id = ?").param(id).query(MessageJob.class)
                .optional();
    }

    List<MessageJob> recent(int limit, int offset) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM message_jobs ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?")
                .params(limit, offset).query(MessageJob.class).list();
    }

    /** Takes the job for this instance unless another one ran it in the last two minutes. */
    boolean lease(long jobId) {
        return jdbc.sql("""
                        UPDATE message_jobs SET heartbeat_at = now(), status = 'RUNNING'
                        WHERE id = ? AND status <> 'DONE'
                          AND (heartbeat_at IS NULL OR heartbeat_at < now() - interval '2 minutes')""")
                .param(jobId).update() == 1;
    }

    void heartbeat(long jobId) {
        jdbc.sql("UPDATE message_jobs SET heartbeat_at = now() WHERE id = ?").param(jobId).update();
    }

    /** Jobs not finished whose runner stopped (no heartbeat for two minutes), e.g. after a crash. */
    List<Long> abandoned() {
        return jdbc.sql("""
                        SELECT id FROM message_jobs WHERE status <> 'DONE'
                          AND (heartbeat_at IS NULL OR heartbeat_at < now() - interval '2 minutes')
                          AND created_at < now() - interval '1 minute'
                        ORDER BY id LIMIT 20""")
                .query(Long.class).list();
    }

    /**
     * Recipients claimed by an earlier run that never reported back are not sent again (they may have received
     * the message): they are marked FAILED.
     */
    void failInterrupted(long jobId) {
        jdbc.sql("""
                        UPDATE message_recipients SET status = 'FAILED', done_at = now(),
                          error = 'interrupted after the claim; not sent again'
                        WHERE job_id = ? AND status = 'CLAIMED'""")
                .param(jobId).update();
    }

    /**
     * Claims up to {@code limit} pending recipients. In the same statement, so in the claim's transaction, each is
     * checked against the opt-outs of the channel and for an address: opted-out and address-less customers are
     * finished as OPTED_OUT / NO_ADDRESS and never sent to. Rows claimed by another runner are skipped.
     */
    List<MessageClaim> claim(long jobId, MessageChannel channel, int limit) {
        return jdbc.sql("""
                        WITH picked AS (
                          SELECT customer_id FROM message_recipients WHERE job_id = :job AND status = 'PENDING'
                          ORDER BY customer_id LIMIT :limit FOR UPDATE SKIP LOCKED),
                        info AS (
                          SELECT p.customer_id, c.name, c.province, c.city, c.owner_id,
                                 (SELECT ct.name FROM contacts ct WHERE ct.customer_id = c.id AND ct.deleted_at IS NULL
                                  ORDER BY ct.is_primary DESC, ct.id LIMIT 1) AS contact,
                                 CASE WHEN c.id IS NULL OR c.deleted_at IS NOT NULL THEN NULL
                                      WHEN :channel = 'EMAIL' THEN nullif(btrim(c.email), '')
                                      ELSE nullif(btrim(c.phone), '') END AS address,
                                 EXISTS (SELECT 1 FROM marketing_consents mc WHERE mc.customer_id = p.customer_id
                                         AND mc.channel = :channel AND mc.opted_out) AS opted_out
                          FROM picked p LEFT JOIN customers c ON c.id = p.customer_id)
                        UPDATE message_recipients r
                        SET status = CASE WHEN i.opted_out THEN 'OPTED_OUT' WHEN i.address IS NULL THEN 'NO_ADDRESS'
                                          ELSE 'CLAIMED' END,
                            address = CASE WHEN i.opted_out THEN NULL ELSE i.address END,
                            claimed_at = now(),
                            done_at = CASE WHEN i.opted_out OR i.address IS NULL THEN now() END
                        FROM info i
                        WHERE r.job_id = :job AND r.customer_id = i.customer_id
                        RETURNING r.customer_id, r.status, r.address, i.name, i.contact, i.province, i.city,
                                  i.owner_id, r.extra::text""")
                .param("job", jobId).param("limit", limit).param("channel", channel.name())
                .query((rs, n) -> {
                    Map<String, String> values = new java.util.HashMap<>();
                    JSON.readTree(rs.getString(9)).properties().forEach(e -> values.put(e.getKey(), e.getValue().asString()));
                    values.put("name", rs.getString(4));
                    values.put("contact", rs.getString(5) == null ? rs.getString(4) : rs.getString(5));
                    values.put("province", rs.getString(6));
                    values.put("city", rs.getString(7));
                    return new MessageClaim(rs.getLong(1), rs.getString(2), rs.getString(3), values,
                            (Long) rs.getObject(8));
                })
                .list();
    }

    /** Finishes a claimed recipient as SENT or FAILED (only from CLAIMED: a recipient is finished once). */
    boolean finish(long jobId, long customerId, boolean sent, String error) {
        return jdbc.sql("""
                        UPDATE message_recipients SET status = ?, done_at = now(), error = ?
                        WHERE job_id = ? AND customer_id = ? AND status = 'CLAIMED'""")
                .params(sent ? "SENT" : "FAILED", error, jobId, customerId).update() == 1;
    }

    /** Marks the job done when nothing is pending or claimed any more. */
    boolean finishJob(long jobId) {
        return jdbc.sql("""
                        UPDATE message_jobs SET status = 'DONE', finished_at = now()
                        WHERE id = ? AND status <> 'DONE'
                          AND NOT EXISTS (SELECT 1 FROM message_recipients WHERE job_id = ? AND status IN ('PENDING','CLAIMED'))""")
                .params(jobId, jobId).update() == 1;
    }

    MessageProgress progress(MessageJob job) {
        Map<String, Integer> counts = new java.util.HashMap<>();
        jdbc.sql("SELECT status, count(*) FROM message_recipients WHERE job_id = ? GROUP BY status").param(job.id())
                .query((rs, n) -> counts.put(rs.getString(1), rs.getInt(2))).list();
        return new MessageProgress(job.id(), job.status(), job.total(), counts.getOrDefault("SENT", 0),
                counts.getOrDefault("OPTED_OUT", 0), counts.getOrDefault("NO_ADDRESS", 0),
                counts.getOrDefault("FAILED", 0), counts.getOrDefault("PENDING", 0) + counts.getOrDefault("CLAIMED", 0));
    }

    /** The outcome per recipient of a job (for the job page and the API), first {@code limit}. */
    record RecipientRow(long customerId, String status, String error) {
    }

    List<RecipientRow> recipients(long jobId, int limit) {
        return jdbc.sql("""
                        SELECT customer_id, status, error FROM message_recipients WHERE job_id = ?
                        ORDER BY (status = 'SENT'), customer_id LIMIT ?""")
                .params(jobId, limit).query(RecipientRow.class).list();
    }
}
