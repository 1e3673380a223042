package dev.guanxi.crm.marketing.internal;

import dev.guanxi.crm.audit.AuditAction;
import dev.guanxi.crm.audit.AuditTrail;
import dev.guanxi.crm.audit.AuditTrail.Change;
import dev.guanxi.crm.common.NotFoundException;
import dev.guanxi.crm.customer.CustomerDirectory;
import dev.guanxi.crm.customer.TimelineEntry;
import dev.guanxi.crm.identity.CurrentUser;
import dev.guanxi.crm.marketing.ConsentDirectory;
import dev.guanxi.crm.marketing.MessageChannel;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Opt-outs per customer and channel: read, changed by staff or by the customer's unsubscribe link. */
@Service
public class ConsentService implements ConsentDirectory {

    /** The state of one channel for a customer; source and time null when never recorded (allowed by default). */
    public record ConsentState(MessageChannel channel, boolean optedOut, String source, Instant changedAt) {
    }

    private final JdbcClient jdbc;
    private final CustomerDirectory customers;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;

    ConsentService(JdbcClient jdbc, CustomerDirectory customers, AuditTrail audit, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.customers = customers;
        this.audit = audit;
        this.events = events;
    }

    @Override
    @Transactional(readOnly = true)
    public boolean optedOut(long customerId, MessageChannel channel) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM marketing_consents WHERE customer_id = ? AND channel = ? AND opted_out)")
                .params(customerId, channel.name()).query(Boolean.class).single();
    }

    /** The channels the customer opted out of (one statement; no visibility check: for the 360 page's panel). */
    java.util.Set<MessageChannel> optedOutChannels(long customerId) {
        return jdbc.sql("SELECT channel FROM marketing_consents WHERE customer_id = ? AND opted_out").param(customerId)
                .query((rs, n) -> MessageChannel.valueOf(rs.getString(1))).set();
    }

    /** Both channels of a customer the signed-in user may see. */
    @Transactional(readOnly = true)
    public List<ConsentState> of(long customerId) {
        visible(customerId);
        Map<String, ConsentState> stored = new java.util.HashMap<>();
        jdbc.sql("SELECT channel, opted_out, source, changed_at FROM marketing_consents WHERE customer_id = ?")
                .param(customerId)
                .query((rs, n) -> stored.put(rs.getString(1), new ConsentState(MessageChannel.valueOf(rs.getString(1)),
                        rs.getBoolean(2), rs.getString(3), rs.getTimestamp(4).toInstant())))
                .list();
        List<ConsentState> out = new ArrayList<>();
        for (MessageChannel c : MessageChannel.values()) {
            out.add(stored.getOrDefault(c.name(), new ConsentState(c, false, null, null)));
        }
        return out;
    }

    /** Staff record a customer's wish (e.g. said on the phone); needs the right to edit customers or to market. */
    @Transactional
    public void set(long customerId, MessageChannel channel, boolean optedOut, String source) {
        CurrentUser me = MessageAccess.requireConsent();
        visible(customerId);
        record(customerId, channel, optedOut, source, me.id(), me.displayName());
    }

    /** The customer clicked the unsubscribe link (no user signed in). */
    @Transactional
    public void unsubscribe(long customerId, MessageChannel channel) {
        record(customerId, channel, true, "UNSUBSCRIBE_LINK", null, "客户 Customer");
    }

    private void record(long customerId, MessageChannel channel, boolean optedOut, String source, Long userId,
                        String actor) {
        Boolean before = jdbc.sql("SELECT opted_out FROM marketing_consents WHERE customer_id = ? AND channel = ?")
                .params(customerId, channel.name()).query(Boolean.class).optional().orElse(false);
        if (before == optedOut) {
            return;
        }
        Instant at = jdbc.sql("""
                        INSERT INTO marketing_consents (customer_id, channel, opted_out, source, changed_at, changed_by)
                        VALUES (?, ?, ?, ?, clock_timestamp(), ?)
                        ON CONFLICT (customer_id, channel) DO UPDATE SET opted_out = EXCLUDED.opted_out,
                          source = EXCLUDED.source, changed_at = EXCLUDED.changed_at, changed_by = EXCLUDED.changed_by
                        RETURNING changed_at""")
                .params(customerId, channel.name(), optedOut, source, userId)
                .query((rs, n) -> rs.getTimestamp(1).toInstant()).single();
        if (userId != null) {
            audit.record("consent", customerId + ":" + channel, AuditAction.UPDATE,
                    Map.of("optedOut", new Change(before, optedOut)), source);
        }
        events.publishEvent(new TimelineEntry(customerId, at, optedOut ? "CONSENT_OPTED_OUT" : "CONSENT_OPTED_IN",
                "marketing", "consent:" + channel + ":" + at, channel.name(), source, actor));
    }

    private void visible(long customerId) {
        customers.findVisible(customerId).orElseThrow(() -> new NotFoundException("Customer", customerId));
    }
}
