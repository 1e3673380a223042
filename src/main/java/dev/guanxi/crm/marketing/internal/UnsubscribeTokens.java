package dev.guanxi.crm.marketing.internal;

import dev.guanxi.crm.marketing.MessageChannel;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Signed one-click unsubscribe tokens: the customer id and channel, and an HMAC-SHA256 of them. The key is
 * {@code guanxi.marketing.unsubscribe-secret} when set, otherwise generated once and kept in the database so that
 * every instance signs and checks with the same key.
 */
@Component
public class UnsubscribeTokens {

    /** Who a valid token is for. */
    public record Subject(long customerId, MessageChannel channel) {
    }

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final String SECRET_NAME = "unsubscribe-hmac";

    private final JdbcClient jdbc;
    private final String configured;
    private volatile byte[] key;

    UnsubscribeTokens(JdbcClient jdbc, @Value("${guanxi.marketing.unsubscribe-secret:}") String configured) {
        this.jdbc = jdbc;
        this.configured = configured;
    }

    public String token(long customerId, MessageChannel channel) {
        String payload = customerId + "." + channel.name();
        return B64.encodeToString(payload.getBytes(StandardCharsets.US_ASCII)) + "." + B64.encodeToString(sign(payload));
    }

    /** The subject of a token whose signature is valid; empty for anything else. */
    public Optional<Subject> verify(String token) {
        try {
            String[] parts = token.split("\\.");
            if (parts.length != 2) {
                return Optional.empty();
            }
            String payload = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.US_ASCII);
            if (!MessageDigest.isEqual(sign(payload), Base64.getUrlDecoder().decode(parts[1]))) {
                return Optional.empty();
            }
            String[] p = payload.split("\\.");
            return Optional.of(new Subject(Long.parseLong(p[0]), MessageChannel.valueOf(p[1])));
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    private byte[] sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(), "HmacSHA256"));
            return mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] key() {
        byte[] k = key;
        if (k == null) {
            if (!configured.isBlank()) {
                k = configured.getBytes(StandardCharsets.UTF_8);
            } else {
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                jdbc.sql("INSERT INTO marketing_secrets (name, value) VALUES (?, ?) ON CONFLICT DO NOTHING")
                        .params(SECRET_NAME, HexFormat.of().formatHex(fresh)).update();
                k = HexFormat.of().parseHex(jdbc.sql("SELECT value FROM marketing_secrets WHERE name = ?")
                        .param(SECRET_NAME).query(String.class).single());
            }
            key = k;
        }
        return k;
    }
}
