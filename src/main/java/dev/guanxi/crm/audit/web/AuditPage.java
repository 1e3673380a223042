package dev.guanxi.crm.audit.web;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The audit log for administrators: newest first, filtered by record, user and date, paged by id (keyset). */
@Controller
@PreAuthorize("hasAuthority('VIEW_AUDIT')")
class AuditPage {

    static final int PAGE_SIZE = 50;

    private final JdbcClient jdbc;

    AuditPage(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/admin/audit")
    String audit(@RequestParam(required = false) String entityType, @RequestParam(required = false) String entityId,
                 @RequestParam(required = false) String actor,
                 @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                 @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
                 @RequestParam(required = false) Long before, Model model) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        condition(where, params, "entity_type = :entityType", "entityType", entityType);
        condition(where, params, "entity_id = :entityId", "entityId", entityId);
        condition(where, params, "lower(actor_name) = lower(:actor)", "actor", actor);
        if (from != null) {
            condition(where, params, "occurred_at >= :from", "from", Timestamp.from(from.atStartOfDay(ZoneId.systemDefault()).toInstant()));
        }
        if (to != null) {
            condition(where, params, "occurred_at < :to", "to", Timestamp.from(to.plusDays(1).atStartOfDay(ZoneId.systemDefault()).toInstant()));
        }
        condition(where, params, "id < :before", "before", before);
        List<AuditEntryView> rows = jdbc.sql("SELECT id, occurred_at, actor_name, entity_type, entity_id, action, "
                        + "changes::text, summary FROM audit_log"
                        + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                        + " ORDER BY id DESC LIMIT " + (PAGE_SIZE + 1))
                .params(params)
                .query((rs, n) -> new AuditEntryView(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)))
                .list();
        boolean more = rows.size() > PAGE_SIZE;
        List<AuditEntryView> shown = more ? rows.subList(0, PAGE_SIZE) : rows;
        model.addAttribute("entries", shown);
        model.addAttribute("nextBefore", more ? shown.get(shown.size() - 1).id() : null);
        model.addAttribute("entityTypes", jdbc.sql("SELECT DISTINCT entity_type FROM audit_log ORDER BY 1")
                .query(String.class).list());
        return "audit/list";
    }

    private static void condition(List<String> where, Map<String, Object> params, String sql, String name, Object value) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            return;
        }
        where.add(sql);
        params.put(name, value instanceof String s ? s.strip() : value);
    }
}
