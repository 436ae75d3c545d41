package org.haven.security.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.haven.security.CurrentUser;
import org.haven.security.OrganisationType;
import org.haven.security.Role;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The sign-in view of {@code app_user}: credentials, lockout counters and the second factor. Administrative reads and
 * writes live in {@code Directory}; this class holds the statements whose atomicity matters for security (failure
 * counting, single use of TOTP steps).
 */
@Repository
public class UserAccounts {

    /** Everything sign-in needs about one user. {@code totpSecret} is sealed (encrypted), never plaintext. */
    public record Account(UUID id, UUID organisationId, String username, String displayName, String passwordHash,
            boolean enabled, boolean organisationEnabled, OrganisationType organisationType, String countryCode,
            byte[] totpSecret, boolean mfaExempt, Instant lockedUntil, int version, Set<Role> roles) {

        public boolean secondFactorEnrolled() {
            return totpSecret != null;
        }

        /** An enrolled factor is always asked for; otherwise roles that see identified data need one. */
        public boolean secondFactorRequired() {
            return secondFactorEnrolled() || (!mfaExempt && roles.stream().anyMatch(Role::seesIdentifiedData));
        }

        public boolean lockedAt(Instant now) {
            return lockedUntil != null && lockedUntil.isAfter(now);
        }

        public boolean active() {
            return enabled && organisationEnabled;
        }

        public CurrentUser toCurrentUser() {
            return new CurrentUser(id, username, displayName, organisationId, organisationType, countryCode, roles);
        }
    }

    private static final String SELECT = """
            select u.id, u.organisation_id, u.username, u.display_name, u.password_hash, u.enabled,
                   o.enabled as org_enabled, o.type, o.country_code, u.totp_secret, u.mfa_exempt, u.locked_until,
                   u.version,
                   (select string_agg(r.role, ',') from user_role r where r.user_id = u.id) as roles
            from app_user u join organisation o on o.id = u.organisation_id
            """;

    private final JdbcClient jdbc;

    UserAccounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Account> findByUsername(String username) {
        if (username == null || username.isBlank()) {
            return Optional.empty();
        }
        return jdbc.sql(SELECT + " where lower(u.username) = lower(?)").param(username.trim())
                .query(UserAccounts::map).optional();
    }

    public Optional<Account> findById(UUID id) {
        return jdbc.sql(SELECT + " where u.id = ?").param(id).query(UserAccounts::map).optional();
    }

    /** An account found through one of its live API tokens, with the token's id. */
    public record TokenHolder(UUID tokenId, Account account) {
    }

    /**
     * The account holding the live (not revoked, not expired) token with this hash: one statement, since every API
     * request makes it.
     */
    public Optional<TokenHolder> findByLiveToken(String tokenHash, Timestamp now) {
        return jdbc.sql(SELECT.replace("from app_user u join", ", t.id as token_id from api_token t join app_user u on u.id = t.user_id join")
                + " where t.token_hash = ? and t.revoked_at is null and t.expires_at > ?").params(tokenHash, now)
                .query((rs, n) -> new TokenHolder(rs.getObject("token_id", UUID.class), map(rs, n))).optional();
    }

    /**
     * Counts a failed attempt and locks the account when the count reaches {@code threshold} (the counter then
     * restarts, so the user gets the full number of attempts after the lock expires). Returns true if this failure
     * locked the account. One statement, so concurrent failures cannot be lost.
     */
    public boolean recordFailure(UUID id, int threshold, Instant lockUntil) {
        return jdbc.sql("""
                update app_user set
                    locked_until = case when failed_attempts + 1 >= :threshold then :lockUntil else locked_until end,
                    failed_attempts = case when failed_attempts + 1 >= :threshold then 0 else failed_attempts + 1 end
                where id = :id
                returning locked_until = :lockUntil
                """).param("threshold", threshold).param("lockUntil", Timestamp.from(lockUntil)).param("id", id)
                .query(Boolean.class).optional().orElse(false);
    }

    public void recordSuccess(UUID id) {
        jdbc.sql("update app_user set failed_attempts = 0, locked_until = null where id = ? and failed_attempts <> 0")
                .param(id).update();
    }

    /**
     * Marks a TOTP time step as used. Succeeds only if no later or equal step was used before, so each code (and
     * every older code) works once; the compare-and-set in one statement closes the race between two requests
     * carrying the same code.
     */
    public boolean consumeTotpStep(UUID id, long step) {
        return jdbc.sql("update app_user set totp_last_step = ? where id = ? and (totp_last_step is null or totp_last_step < ?)")
                .params(step, id, step).update() == 1;
    }

    public void enrolSecondFactor(UUID id, byte[] sealedSecret, long usedStep) {
        jdbc.sql("""
                update app_user set totp_secret = ?, totp_enrolled_at = now(), totp_last_step = ?, version = version + 1
                where id = ?
                """).params(sealedSecret, usedStep, id).update();
    }

    public void setPasswordHash(UUID id, String hash) {
        jdbc.sql("update app_user set password_hash = ?, failed_attempts = 0, locked_until = null, version = version + 1 where id = ?")
                .params(hash, id).update();
    }

    /** The user's current version and whether the user and organisation are enabled: checked on every request. */
    public Optional<int[]> versionAndActive(UUID id) {
        return jdbc.sql("""
                select u.version, case when u.enabled and o.enabled then 1 else 0 end
                from app_user u join organisation o on o.id = u.organisation_id where u.id = ?
                """).param(id).query((rs, n) -> new int[] {rs.getInt(1), rs.getInt(2)}).optional();
    }

    private static Account map(ResultSet rs, int n) throws SQLException {
        Timestamp locked = rs.getTimestamp("locked_until");
        String roles = rs.getString("roles");
        Set<Role> set = EnumSet.noneOf(Role.class);
        if (roles != null) {
            for (String r : roles.split(",")) {
                set.add(Role.valueOf(r));
            }
        }
        return new Account(rs.getObject("id", UUID.class), rs.getObject("organisation_id", UUID.class),
                rs.getString("username"), rs.getString("display_name"), rs.getString("password_hash"),
                rs.getBoolean("enabled"), rs.getBoolean("org_enabled"), OrganisationType.valueOf(rs.getString("type")),
                rs.getString("country_code"), rs.getBytes("totp_secret"), rs.getBoolean("mfa_exempt"),
                locked == null ? null : locked.toInstant(), rs.getInt("version"), set);
    }

}
