package dev.guanxi.crm.marketing.internal;

import dev.guanxi.crm.audit.AuditAction;
import dev.guanxi.crm.audit.AuditTrail;
import dev.guanxi.crm.audit.AuditTrail.Change;
import dev.guanxi.crm.common.ConflictException;
import dev.guanxi.crm.common.FieldProblem;
import dev.guanxi.crm.common.InvalidInputException;
import dev.guanxi.crm.common.NotFoundException;
import dev.guanxi.crm.common.PageResult;
import dev.guanxi.crm.customer.TimelineEntry;
import dev.guanxi.crm.identity.CurrentUser;
import dev.guanxi.crm.identity.UserDirectory;
import dev.guanxi.crm.marketing.MessageChannel;
import dev.guanxi.crm.marketing.MessageSender;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Messaging: templates, send jobs and the batch loop that sends them. A recipient is claimed (and checked against
 * the opt-outs) in one transaction before it is sent, and finished after; a claimed recipient is never claimed again,
 * so a resumed job sends nobody twice.
 */
@Service
public class MessageService implements MessageSender {

    static final int BATCH = 50;
    static final int MAX_RECIPIENTS = 100_000;

    private final MessageTemplates templates;
    private final MessageJobs jobs;
    private final MessageDelivery delivery;
    private final MessageJobRunner runner;
    private final ConsentService consents;
    private final UserDirectory users;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ZoneId zone;

    MessageService(MessageTemplates templates, MessageJobs jobs, MessageDelivery delivery, MessageJobRunner runner,
                   ConsentService consents, UserDirectory users, AuditTrail audit, ApplicationEventPublisher events,
                   JdbcClient jdbc, TransactionTemplate tx,
                   @Value("${guanxi.activity.zone:Asia/Shanghai}") ZoneId zone) {
        this.templates = templates;
        this.jobs = jobs;
        this.delivery = delivery;
        this.runner = runner;
        this.consents = consents;
        this.users = users;
        this.audit = audit;
        this.events = events;
        this.jdbc = jdbc;
        this.tx = tx;
        this.zone = zone;
    }

    // ---- templates

    @Transactional(readOnly = true)
    public List<MessageTemplates.MessageTemplate> templates() {
        return templates.all();
    }

    @Transactional(readOnly = true)
    public MessageTemplates.MessageTemplate template(long id) {
        return templates.find(id).orElseThrow(() -> new NotFoundException("Message template", id));
    }

    @Transactional
    public long createTemplate(MessageTemplates.MessageTemplateData d) {
        CurrentUser me = MessageAccess.requireSend();
        check(d);
        long id = templates.insert(d, me.id());
        audit.record("message-template", id, AuditAction.CREATE, Map.of("name", new Change(null, d.name()),
                "channel", new Change(null, d.channel())), d.name());
        return id;
    }

    @Transactional
    public void updateTemplate(long id, int version, MessageTemplates.MessageTemplateData d) {
        MessageAccess.requireSend();
        MessageTemplates.MessageTemplate current = template(id);
        check(d);
        if (current.version() != version || !templates.update(id, version, d)) {
            throw new ConflictException("Message template " + id + " was changed meanwhile. Reload it.");
        }
        audit.record("message-template", id, AuditAction.UPDATE, Map.of("body", new Change(current.body(), d.body())),
                d.name());
    }

    /** Unknown placeholders → 400 naming the field; e-mails need a subject. */
    static void check(MessageTemplates.MessageTemplateData d) {
        List<FieldProblem> problems = new ArrayList<>();
        List<String> inSubject = MessagePlaceholders.unknown(d.subject());
        if (!inSubject.isEmpty()) {
            problems.add(new FieldProblem("subject", "message.validation.placeholder",
                    List.of(String.join(", ", inSubject), String.join(", ", MessagePlaceholders.ALLOWED))));
        }
        List<String> inBody = MessagePlaceholders.unknown(d.body());
        if (!inBody.isEmpty()) {
            problems.add(new FieldProblem("body", "message.validation.placeholder",
                    List.of(String.join(", ", inBody), String.join(", ", MessagePlaceholders.ALLOWED))));
        }
        if (d.channel() == MessageChannel.EMAIL && (d.subject() == null || d.subject().isBlank())) {
            problems.add(new FieldProblem("subject", "validation.required"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    // ---- jobs

    /** Sends a template to customers the signed-in user may see (UI and API). */
    @Transactional
    public long startJob(long templateId, Collection<Long> customerIds) {
        CurrentUser me = MessageAccess.requireSend();
        Set<Long> ids = new HashSet<>(customerIds == null ? List.of() : customerIds);
        ids.remove(null);
        if (ids.isEmpty()) {
            throw new InvalidInputException("customerIds", "message.validation.recipients");
        }
        if (ids.size() > MAX_RECIPIENTS) {
            throw new InvalidInputException("customerIds", "message.validation.too-many", MAX_RECIPIENTS);
        }
        CurrentUser.SqlCondition vis = me.visibility("c.owner_id", "c.team_id");
        long visible = jdbc.sql("SELECT count(*) FROM customers c WHERE c.id IN (SELECT unnest(CAST(:ids AS bigint[])))"
                        + " AND c.deleted_at IS NULL AND " + vis.sql())
                .params(vis.params()).param("ids", ids.toArray(Long[]::new)).query(Long.class).single();
        if (visible != ids.size()) {
            throw new InvalidInputException("customerIds", "message.validation.unknown-customers");
        }
        Map<Long, Map<String, String>> recipients = new LinkedHashMap<>();
        ids.forEach(id -> recipients.put(id, Map.of()));
        long job = create(templateId, recipients, "user:" + me.id(), me.id());
        audit.record("message-job", job, AuditAction.CREATE, Map.of("template", new Change(null, templateId),
                "recipients", new Change(null, ids.size())), null);
        return job;
    }

    @Override
    @Transactional
    public long send(long templateId, Collection<Long> customerIds, String sourceRef) {
        Map<Long, Map<String, String>> recipients = new LinkedHashMap<>();
        (customerIds == null ? List.<Long>of() : customerIds).forEach(id -> recipients.put(id, Map.of()));
        return send(templateId, recipients, sourceRef);
    }

    @Override
    @Transactional
    public long send(long templateId, Map<Long, Map<String, String>> valuesByCustomer, String sourceRef) {
        return create(templateId, valuesByCustomer, sourceRef, null);
    }

    private long create(long templateId, Map<Long, Map<String, String>> given, String sourceRef, Long userId) {
        MessageTemplates.MessageTemplate t = templates.find(templateId)
                .orElseThrow(() -> new InvalidInputException("templateId", "message.validation.template"));
        Map<Long, Map<String, String>> recipients = new LinkedHashMap<>(given == null ? Map.of() : given);
        recipients.remove(null);
        if (recipients.isEmpty()) {
            throw new InvalidInputException("customerIds", "message.validation.recipients");
        }
        for (Map<String, String> values : recipients.values()) {
            if (values != null && !MessagePlaceholders.ALLOWED.containsAll(values.keySet())) {
                throw new InvalidInputException("values", "message.validation.placeholder",
                        String.join(", ", values.keySet()), String.join(", ", MessagePlaceholders.ALLOWED));
            }
        }
        long job = jobs.create(t, recipients, sourceRef, userId);
        runner.startAfterCommit(job);
        return job;
    }

    @Override
    @Transactional(readOnly = true)
    public MessageProgress progress(long jobId) {
        return jobs.progress(job(jobId));
    }

    @Transactional(readOnly = true)
    public MessageJobs.MessageJob job(long jobId) {
        return jobs.find(jobId).orElseThrow(() -> new NotFoundException("Message job", jobId));
    }

    @Transactional(readOnly = true)
    public PageResult<MessageJobs.MessageJob> recentJobs(int page, int size) {
        PageResult.checkRequest(page, size);
        return PageResult.fromProbe(jobs.recent(size + 1, (page - 1) * size), page, size);
    }

    @Transactional(readOnly = true)
    public List<MessageJobs.RecipientRow> recipients(long jobId, int limit) {
        return jobs.recipients(jobId, limit);
    }

    // ---- the batch loop

    /**
     * Runs a job until no recipient is pending, unless another runner holds it. Called by {@link MessageJobRunner}
     * in the background, and by tests directly.
     */
    public void process(long jobId) {
        Boolean leased = tx.execute(s -> {
            boolean ok = jobs.lease(jobId);
            if (ok) {
                jobs.failInterrupted(jobId);
            }
            return ok;
        });
        if (!Boolean.TRUE.equals(leased)) {
            return;
        }
        MessageJobs.MessageJob job = jobs.find(jobId).orElseThrow();
        List<MessageJobs.MessageClaim> batch;
        do {
            batch = tx.execute(s -> jobs.claim(jobId, job.channel(), BATCH));
            Map<Long, String> owners = users.displayNames(batch.stream().map(MessageJobs.MessageClaim::ownerId)
                    .filter(java.util.Objects::nonNull).toList());
            String today = LocalDate.now(zone).toString();
            for (MessageJobs.MessageClaim claim : batch) {
                if ("CLAIMED".equals(claim.status())) {
                    Map<String, String> values = new java.util.HashMap<>(claim.values());
                    values.put("owner", owners.get(claim.ownerId()));
                    values.put("today", today);
                    sendOne(job, claim, values);
                }
            }
            tx.executeWithoutResult(s -> jobs.heartbeat(jobId));
        } while (!batch.isEmpty());
        tx.executeWithoutResult(s -> jobs.finishJob(jobId));
    }

    private void sendOne(MessageJobs.MessageJob job, MessageJobs.MessageClaim claim, Map<String, String> values) {
        String error = null;
        // The claim checked the opt-out; checking again right before sending narrows the window to milliseconds.
        if (consents.optedOut(claim.customerId(), job.channel())) {
            error = "opted out after the claim";
        } else {
            try {
                delivery.deliver(job.channel(), claim.customerId(), claim.address(), job.subject(), job.body(), values);
            } catch (MessageDelivery.MessageFailed e) {
                error = e.getMessage() == null ? "failed" : e.getMessage();
            }
        }
        boolean sent = error == null;
        String reason = error;
        tx.executeWithoutResult(s -> {
            if (jobs.finish(job.id(), claim.customerId(), sent, reason) && sent) {
                String title = job.channel() == MessageChannel.EMAIL
                        ? "邮件 E-mail: " + MessagePlaceholders.render(job.subject(), values, false)
                        : "短信 SMS";
                String body = MessagePlaceholders.render(job.body(), values, false).replaceAll("<[^>]+>", " ").strip();
                events.publishEvent(new TimelineEntry(claim.customerId(), Instant.now(), "MESSAGE_SENT", "marketing",
                        "message:" + job.id() + ":" + claim.customerId(), title,
                        body.length() > 200 ? body.substring(0, 200) + "…" : body, "系统 System"));
            }
        });
    }

    MessageDelivery delivery() {
        return delivery;
    }
}
