package dev.guanxi.crm.activity.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.util.Optional;

/**
 * E-mails a notification to the user's notification address, only when mail is configured ({@code spring.mail.host})
 * and the user gave an address. Sent after the notification's transaction commits, so a rolled-back claim sends
 * nothing; a failed send is logged and leaves the in-app notification in place.
 */
@Component
class Mailer {

    private static final Logger log = LoggerFactory.getLogger(Mailer.class);

    private final ObjectProvider<JavaMailSender> sender;
    private final JdbcClient jdbc;
    private final String host;
    private final String from;
    private final String baseUrl;

    Mailer(ObjectProvider<JavaMailSender> sender, JdbcClient jdbc, @Value("${spring.mail.host:}") String host,
           @Value("${guanxi.mail.from:crm@guanxi.local}") String from,
           @Value("${guanxi.mail.base-url:http://localhost:8080}") String baseUrl) {
        this.sender = sender;
        this.jdbc = jdbc;
        this.host = host;
        this.from = from;
        this.baseUrl = baseUrl;
    }

    Optional<String> address(long userId) {
        return jdbc.sql("SELECT email FROM notification_settings WHERE user_id = ?").param(userId)
                .query(String.class).optional();
    }

    void setAddress(long userId, String email) {
        if (email == null || email.isBlank()) {
            jdbc.sql("DELETE FROM notification_settings WHERE user_id = ?").param(userId).update();
        } else {
            jdbc.sql("""
                    INSERT INTO notification_settings (user_id, email) VALUES (?, ?)
                    ON CONFLICT (user_id) DO UPDATE SET email = EXCLUDED.email""").params(userId, email.strip()).update();
        }
    }

    /** @param link a path in this application, or null */
    void send(long userId, String subject, String text, String link) {
        JavaMailSender mail = sender.getIfAvailable();
        if (host.isBlank() || mail == null) {
            return;
        }
        Optional<String> to = address(userId);
        if (to.isEmpty()) {
            return;
        }
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(to.get());
        message.setSubject(subject);
        message.setText(link == null ? text : text + "\n" + baseUrl + link);
        Runnable send = () -> {
            try {
                mail.send(message);
            } catch (MailException e) {
                log.warn("Could not e-mail notification to user {}: {}", userId, e.getMessage());
            }
        };
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    send.run();
                }
            });
        } else {
            send.run();
        }
    }
}
