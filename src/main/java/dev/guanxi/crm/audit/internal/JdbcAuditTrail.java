package dev.guanxi.crm.audit.internal;

import dev.guanxi.crm.audit.AuditAction;
import dev.guanxi.crm.audit.AuditTrail;
import dev.guanxi.crm.identity.CurrentUser;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.Map;

@Component
class JdbcAuditTrail implements AuditTrail {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    JdbcAuditTrail(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    @Transactional(propagation = Propagation.REQUIRED)
    public long record(String entityType, Object entityId, AuditAction action, Map<String, Change> changes,
                       String summary) {
        Map<String, Map<String, Object>> body = new LinkedHashMap<>();
        changes.forEach((field, change) -> {
            Map<String, Object> fromTo = new LinkedHashMap<>();
            fromTo.put("from", change.from() == null ? null : String.valueOf(change.from()));
            fromTo.put("to", change.to() == null ? null : String.valueOf(change.to()));
            body.put(field, fromTo);
        });
        CurrentUser actor = CurrentUser.find().orElse(null);
        return jdbc.sql("""
                        INSERT INTO audit_log (actor_id, actor_name, entity_type, entity_id, action, changes, summary)
                        VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb), ?) RETURNING id""")
                .params(actor == null ? null : actor.id(), actor == null ? "system" : actor.username(), entityType,
                        String.valueOf(entityId), action.name(), json.writeValueAsString(body), summary)
                .query(Long.class).single();
    }
}
