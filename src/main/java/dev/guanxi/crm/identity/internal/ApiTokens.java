package dev.guanxi.crm.identity.internal;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Bearer tokens for programs. Only a SHA-256 hash is stored (the token is 256 random bits, so a slow hash adds
 * nothing); the plain token is shown once, at creation.
 */
@Component
class ApiTokens {

    static final String PREFIX = "gx_";
    private static final SecureRandom RANDOM = new SecureRandom();

    record Created(long id, String token) {
    }

    private final JdbcClient jdbc;

    ApiTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    Created create(long userId, String name) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        long id = jdbc.sql("""
                        INSERT INTO api_tokens (user_id, name, token_prefix, token_hash) VALUES (?, ?, ?, ?) RETURNING id""")
                .params(userId, name, token.substring(0, 8), hash(token)).query(Long.class).single();
        return new Created(id, token);
    }

    List<ApiTokenView> list(long userId) {
        return jdbc.sql("""
                        SELECT id, name, token_prefix, created_at, last_used_at, revoked_at FROM api_tokens
                        WHERE user_id = ? ORDER BY revoked_at NULLS FIRST, created_at DESC""")
                .param(userId)
                .query((rs, n) -> new ApiTokenView(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getTimestamp(4).toInstant(), instant(rs.getTimestamp(5)), instant(rs.getTimestamp(6))))
                .list();
    }

    /** Revokes a token of this user; false when there is no such active token. */
    @Transactional
    boolean revoke(long userId, long tokenId) {
        return jdbc.sql("UPDATE api_tokens SET revoked_at = now() WHERE id = ? AND user_id = ? AND revoked_at IS NULL")
                .params(tokenId, userId).update() == 1;
    }

    /** The account a presented token belongs to, when the token is known, not revoked and its user enabled. */
    Optional<UserAccount> authenticate(String presented) {
        if (presented == null || !presented.startsWith(PREFIX) || presented.length() > 100) {
            return Optional.empty();
        }
        // one statement for the token and its user's account; the last use is written at most once a minute
        Optional<PresentedToken> token = jdbc.sql("""
                        SELECT t.id AS token_id,
                               (t.last_used_at IS NULL OR t.last_used_at < now() - interval '1 minute') AS stale, """
                        + JdbcUsers.ACCOUNT_COLUMNS + """

                        FROM api_tokens t JOIN users u ON u.id = t.user_id
                        WHERE t.token_hash = ? AND t.revoked_at IS NULL AND u.enabled""")
                .param(hash(presented))
                .query((rs, n) -> new PresentedToken(rs.getLong("token_id"), rs.getBoolean("stale"),
                        JdbcUsers.account(rs)))
                .optional();
        token.filter(PresentedToken::lastUseStale).ifPresent(t -> jdbc.sql("""
                        UPDATE api_tokens SET last_used_at = now()
                        WHERE id = ? AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')""")
                .param(t.id()).update());
        return token.map(PresentedToken::account);
    }

    /** A known, unrevoked token of an enabled user, and whether its last use is a minute old or was never recorded. */
    private record PresentedToken(long id, boolean lastUseStale, UserAccount account) {
    }

    static String hash(String token) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant instant(java.sql.Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }
}
