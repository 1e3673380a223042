package dev.guanxi.crm.marketing.internal;

import dev.guanxi.crm.marketing.MessageChannel;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Message templates (e-mail: subject and HTML body; SMS: text). */
@Repository
public class MessageTemplates {

    public record MessageTemplate(long id, String name, MessageChannel channel, String subject, String body,
                                  int version, Instant updatedAt) {
    }

    public record MessageTemplateData(
            @NotBlank(message = "{validation.required}") @Size(max = 100, message = "{validation.size.max}") String name,
            @NotNull(message = "{validation.required}") MessageChannel channel,
            @Size(max = 200, message = "{validation.size.max}") String subject,
            @NotBlank(message = "{validation.required}") @Size(max = 20000, message = "{validation.size.max}") String body) {
    }

    private static final String COLUMNS = "id, name, channel, subject, body, version, updated_at";

    private final JdbcClient jdbc;

    MessageTemplates(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<MessageTemplate> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM message_templates ORDER BY updated_at DESC, id DESC LIMIT 500")
                .query(MessageTemplate.class).list();
    }

    Optional<MessageTemplate> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM message_templates WHERE id = ?").param(id)
                .query(MessageTemplate.class).optional();
    }

    long insert(MessageTemplateData d, Long userId) {
        return jdbc.sql("""
                        INSERT INTO message_templates (name, channel, subject, body, created_by) VALUES (?, ?, ?, ?, ?)
                        RETURNING id""")
                .params(d.name().strip(), d.channel().name(), blankToNull(d.subject()), d.body(), userId)
                .query(Long.class).single();
    }

    boolean update(long id, int version, MessageTemplateData d) {
        return jdbc.sql("""
                        UPDATE message_templates SET name = ?, channel = ?, subject = ?, body = ?, version = version + 1,
                          updated_at = now() WHERE id = ? AND version = ?""")
                .params(d.name().strip(), d.channel().name(), blankToNull(d.subject()), d.body(), id, version)
                .update() == 1;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
