package dev.guanxi.crm.marketing.internal;

import dev.guanxi.crm.common.Masking;
import dev.guanxi.crm.marketing.SmsProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** The SMS provider used when no other is configured: writes each message to the log and keeps the last few. */
class SmsLoggingProvider implements SmsProvider {

    private static final Logger log = LoggerFactory.getLogger("dev.guanxi.crm.marketing.sms");

    record Sent(String phone, String text) {
    }

    private final Deque<Sent> recent = new ArrayDeque<>();

    @Override
    public synchronized void send(String phone, String text) {
        log.info("SMS to {}: {}", Masking.phone(phone), text);
        recent.addFirst(new Sent(phone, text));
        while (recent.size() > 100) {
            recent.removeLast();
        }
    }

    synchronized List<Sent> recent() {
        return List.copyOf(recent);
    }
}
