package dev.guanxi.crm.service.internal;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Signed survey links: {@code <invitation id>.<expiry epoch seconds>.<HMAC-SHA256 of both>}. The secret comes from
 * {@code guanxi.surveys.secret}; when that is empty, one is generated at first use and stored in the database, so all
 * instances sign and check alike.
 */
@Component
public class SurveyLinks {

    private final JdbcClient jdbc;
    private final String configured;
    private volatile byte[] secret;

    public SurveyLinks(JdbcClient jdbc, @Value("${guanxi.surveys.secret:}") String configured) {
        this.jdbc = jdbc;
        this.configured = configured;
    }

    /** Makes sure the secret exists from the first start on (generated and stored when not configured). */
    @EventListener(ApplicationReadyEvent.class)
    void prepareSecret() {
        secret();
    }

    /** A link's contents once its signature checked out; it may still have expired. */
    public record Signed(long invitationId, Instant expiresAt) {
        public boolean expired(Instant now) {
            return !now.isBefore(expiresAt);
        }
    }

    public String token(long invitationId, Instant expiresAt) {
        String payload = invitationId + "." + expiresAt.getEpochSecond();
        return payload + "." + sign(payload);
    }

    /** The signed contents, or empty when the token is malformed or its signature does not match. */
    public Optional<Signed> verify(String token) {
        if (token == null || token.length() > 200) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            return Optional.empty();
        }
        String payload = parts[0] + "." + parts[1];
        if (!MessageDigest.isEqual(sign(payload).getBytes(StandardCharsets.US_ASCII),
                parts[2].getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Signed(Long.parseLong(parts[0]), Instant.ofEpochSecond(Long.parseLong(parts[1]))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private String sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret(), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private byte[] secret() {
        byte[] s = secret;
        if (s == null) {
            s = configured.isBlank() ? storedSecret() : configured.getBytes(StandardCharsets.UTF_8);
            secret = s;
        }
        return s;
    }

    /** The first instance to get here stores its random secret; every other one reads that one. */
    private byte[] storedSecret() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        jdbc.sql("INSERT INTO survey_settings (name, value) VALUES ('link-secret', ?) ON CONFLICT (name) DO NOTHING")
                .param(Base64.getEncoder().encodeToString(random)).update();
        String stored = jdbc.sql("SELECT value FROM survey_settings WHERE name = 'link-secret'")
                .query(String.class).single();
        return Base64.getDecoder().decode(stored);
    }
}
