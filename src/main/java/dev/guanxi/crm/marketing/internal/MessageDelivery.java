package dev.guanxi.crm.marketing.internal;

import dev.guanxi.crm.marketing.MessageChannel;
import dev.guanxi.crm.marketing.SmsProvider;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

import java.util.Map;

/**
 * Puts one rendered message on the wire: e-mail over SMTP (HTML with a text part, a signed unsubscribe link in the
 * footer and the List-Unsubscribe headers for one-click unsubscribe in mail clients), SMS through the
 * {@link SmsProvider} bean, or the logging provider when there is none.
 */
@Component
class MessageDelivery {

    /** Thrown when a message could not be handed over; the recipient is marked FAILED with the reason. */
    static class MessageFailed extends RuntimeException {
        MessageFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final ObjectProvider<JavaMailSender> mail;
    private final ObjectProvider<SmsProvider> sms;
    private final SmsLoggingProvider loggingSms = new SmsLoggingProvider();
    private final UnsubscribeTokens tokens;
    private final String from;
    private final String baseUrl;

    MessageDelivery(ObjectProvider<JavaMailSender> mail, ObjectProvider<SmsProvider> sms, UnsubscribeTokens tokens,
                    @Value("${guanxi.mail.from:crm@guanxi.local}") String from,
                    @Value("${guanxi.mail.base-url:http://localhost:8080}") String baseUrl) {
        this.mail = mail;
        this.sms = sms;
        this.tokens = tokens;
        this.from = from;
        this.baseUrl = baseUrl;
    }

    void deliver(MessageChannel channel, long customerId, String address, String subject, String body,
                 Map<String, String> values) {
        if (channel == MessageChannel.SMS) {
            try {
                sms.getIfAvailable(() -> loggingSms).send(address, MessagePlaceholders.render(body, values, false));
            } catch (RuntimeException e) {
                throw new MessageFailed(e.getMessage(), e);
            }
            return;
        }
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null) {
            throw new MessageFailed("no mail server configured (spring.mail.host)", null);
        }
        String link = baseUrl + "/u/" + tokens.token(customerId, MessageChannel.EMAIL);
        String html = MessagePlaceholders.render(body, values, true)
                + "<hr><p style=\"font-size:12px;color:#666\">不想再收到此类邮件？<a href=\"" + HtmlUtils.htmlEscape(link)
                + "\">退订 Unsubscribe</a></p>";
        String text = MessagePlaceholders.render(body, values, false).replaceAll("<[^>]+>", "")
                + "\n\n退订 Unsubscribe: " + link;
        try {
            MimeMessage message = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
            helper.setFrom(from);
            helper.setTo(address);
            helper.setSubject(MessagePlaceholders.render(subject == null ? "" : subject, values, false));
            helper.setText(text, html);
            message.setHeader("List-Unsubscribe", "<" + link + ">");
            message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
            sender.send(message);
        } catch (MessagingException | MailException e) {
            throw new MessageFailed(e.getMessage(), e);
        }
    }

    SmsLoggingProvider loggingSms() {
        return loggingSms;
    }
}
