package org.haven.security.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

import org.haven.security.internal.UserAccounts.Account;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The checks behind every sign-in (form and API): password, lockout, second factor. Shared by both channels so the
 * rules cannot drift apart.
 *
 * <p>Unknown usernames, wrong passwords, disabled and locked accounts all give the same answer (empty) after the
 * same work: for an unknown user a dummy Argon2 hash is verified, so the response time does not reveal whether the
 * username exists. Failures of the password and of the second factor count towards the same lockout.
 */
@Service
public class SignIn {

    private static final Logger log = LoggerFactory.getLogger(SignIn.class);

    private final UserAccounts accounts;
    private final PasswordEncoder passwords;
    private final TotpSecrets secrets;
    private final SecurityAudit audit;
    private final SecuritySettings settings;
    private final Clock clock;
    private final String dummyHash;

    SignIn(UserAccounts accounts, PasswordEncoder passwords, TotpSecrets secrets, SecurityAudit audit,
            SecuritySettings settings, ObjectProvider<Clock> clock) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.secrets = secrets;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        this.dummyHash = passwords.encode(Base64.getEncoder().encodeToString(random));
    }

    /** The account if the password is right and the account may sign in now; empty otherwise (audited). */
    @Transactional
    public Optional<Account> checkPassword(String username, String password, String channel) {
        Optional<Account> found = accounts.findByUsername(username);
        String raw = password == null ? "" : password;
        if (found.isEmpty()) {
            passwords.matches(raw, dummyHash);
            audit.signInFailed(null, channel);
            return Optional.empty();
        }
        Account account = found.get();
        boolean matches = passwords.matches(raw, account.passwordHash());
        Instant now = clock.instant();
        if (account.lockedAt(now) || !account.active()) {
            audit.signInFailed(account, channel);
            return Optional.empty();
        }
        if (!matches) {
            fail(account, channel, false);
            return Optional.empty();
        }
        if (!account.secondFactorRequired()) {
            // With a second factor due, the failure count is only cleared once the factor is right: otherwise
            // someone holding the password could try codes for ever, the password resetting the count each time.
            accounts.recordSuccess(account.id());
        } else {
            audit.passwordAccepted(account, channel);
        }
        return Optional.of(account);
    }

    /**
     * Checks a TOTP code of an enrolled user and marks its time step used. False for a wrong, replayed or expired
     * code, and for a locked or disabled account (audited, counts towards lockout).
     */
    @Transactional
    public boolean checkSecondFactor(UUID userId, String code, String channel) {
        Optional<Account> found = accounts.findById(userId);
        if (found.isEmpty()) {
            return false;
        }
        Account account = found.get();
        if (account.lockedAt(clock.instant()) || !account.active() || !account.secondFactorEnrolled()) {
            audit.secondFactorFailed(account, channel);
            return false;
        }
        byte[] secret = secrets.open(account.organisationId(), account.totpSecret());
        OptionalLong step = Totp.matchingStep(secret, code, clock.instant());
        if (step.isEmpty() || !accounts.consumeTotpStep(userId, step.getAsLong())) {
            fail(account, channel, true);
            return false;
        }
        accounts.recordSuccess(userId);
        audit.secondFactorSucceeded(account, channel);
        return true;
    }

    /**
     * Completes enrolment: the code must come from {@code secret} (which the user scanned), then the sealed secret is
     * stored and the code's step is marked used.
     */
    @Transactional
    public boolean enrol(UUID userId, byte[] secret, String code) {
        Account account = accounts.findById(userId).orElseThrow();
        if (account.lockedAt(clock.instant()) || !account.active()) {
            return false;
        }
        OptionalLong step = Totp.matchingStep(secret, code, clock.instant());
        if (step.isEmpty()) {
            fail(account, "web", true);
            return false;
        }
        accounts.enrolSecondFactor(userId, secrets.seal(account.organisationId(), secret), step.getAsLong());
        accounts.recordSuccess(userId);
        audit.secondFactorEnrolled(account);
        return true;
    }

    /** Records a completed sign-in (after the second factor when one is needed). */
    @Transactional
    public void succeeded(UUID userId, String channel) {
        accounts.findById(userId).ifPresent(account -> audit.signInSucceeded(account, channel));
        log.info("sign-in userId={} channel={}", userId, channel);
    }

    /** Whether the account is locked now (for messages on the second-factor page). */
    public boolean locked(UUID userId) {
        return accounts.findById(userId).map(a -> a.lockedAt(clock.instant()) || !a.active()).orElse(true);
    }

    private void fail(Account account, String channel, boolean secondFactor) {
        if (secondFactor) {
            audit.secondFactorFailed(account, channel);
        } else {
            audit.signInFailed(account, channel);
        }
        boolean locked = accounts.recordFailure(account.id(), settings.lockoutThreshold(),
                clock.instant().plus(settings.lockoutDuration()));
        if (locked) {
            audit.lockedOut(account);
            log.warn("account locked userId={}", account.id());
        }
    }
}
