package org.haven.security.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

import org.haven.security.CurrentUser;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Opaque API bearer tokens: 32 random bytes (base64url) handed to the client once; the database keeps only their
 * SHA-256, so a copy of the table cannot be replayed. A plain hash (not a slow KDF) is right here: the token has 256
 * bits of entropy, so there is nothing to brute-force, and lookup must be by equality on every request.
 */
@Service
public class ApiTokens {

    /** A token as given to the client. */
    public record Issued(UUID id, String token, Instant expiresAt) {
    }

    /** A valid token's user and id. */
    public record Authenticated(UUID tokenId, CurrentUser user) {
    }

    private final JdbcClient jdbc;
    private final UserAccounts accounts;
    private final SecurityAudit audit;
    private final SecuritySettings settings;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ApiTokens(JdbcClient jdbc, UserAccounts accounts, SecurityAudit audit, SecuritySettings settings,
            ObjectProvider<Clock> clock) {
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @Transactional
    public Issued issue(UUID userId) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        UUID id = UUID.randomUUID();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Instant expires = now.plus(settings.tokenLifetime());
        jdbc.sql("insert into api_token (id, user_id, token_hash, created_at, expires_at) values (?, ?, ?, ?, ?)")
                .params(id, userId, hash(token), Timestamp.from(now), Timestamp.from(expires)).update();
        audit.tokenIssued(accounts.findById(userId).orElseThrow(), id);
        return new Issued(id, token, expires);
    }

    /** The user of a token that exists, is neither expired nor revoked, and whose user and organisation are enabled. */
    public Optional<Authenticated> authenticate(String token) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return Optional.empty();
        }
        return accounts.findByLiveToken(hash(token), Timestamp.from(clock.instant()))
                .filter(h -> h.account().active())
                .map(h -> new Authenticated(h.tokenId(), h.account().toCurrentUser()));
    }

    @Transactional
    public void revoke(UUID tokenId, UUID userId) {
        int n = jdbc.sql("update api_token set revoked_at = now() where id = ? and user_id = ? and revoked_at is null")
                .params(tokenId, userId).update();
        if (n == 1) {
            audit.tokenRevoked(userId, tokenId);
        }
    }

    /** Revokes every live token of a user (user disabled, password changed). Audited by the caller's change. */
    @Transactional
    public int revokeAll(UUID userId) {
        return jdbc.sql("update api_token set revoked_at = now() where user_id = ? and revoked_at is null")
                .param(userId).update();
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
