package org.haven.security.internal;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.haven.security.OrganisationSummary;
import org.haven.security.OrganisationType;
import org.haven.security.Role;
import org.haven.shared.web.InvalidInput;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creation of organisations and users without a signed-in administrator: the {@code users create} command (the
 * first administrator of an empty installation) and the demo data. Audited as {@link SecurityAudit#SYSTEM}. Not for
 * request handling: pages and API go through {@code UserManagement}, which checks the administrator's reach.
 */
@Service
public class AccountSetup {

    private final Directory directory;
    private final UserAccounts accounts;
    private final PasswordPolicy policy;
    private final PasswordEncoder passwords;
    private final SecurityAudit audit;

    AccountSetup(Directory directory, UserAccounts accounts, PasswordPolicy policy, PasswordEncoder passwords,
            SecurityAudit audit) {
        this.directory = directory;
        this.accounts = accounts;
        this.policy = policy;
        this.passwords = passwords;
        this.audit = audit;
    }

    /** The organisation of this name, created (and audited) if missing. */
    @Transactional
    public UUID ensureOrganisation(String name, OrganisationType type, String countryCode) {
        Optional<OrganisationSummary> existing = directory.organisationByName(name);
        if (existing.isPresent()) {
            return existing.get().id();
        }
        var errors = AccountRules.organisationErrors(name, type, countryCode);
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        UUID id = directory.insertOrganisation(name.trim(), type, countryCode.toUpperCase(java.util.Locale.ROOT));
        audit.adminChange("organisation", "organisation.create", id, Map.of("type", type.name(),
                "country", countryCode.toUpperCase(java.util.Locale.ROOT)));
        return id;
    }

    /**
     * Creates a user. {@code checkPolicy} false is only for demo users with a password an operator chose through
     * {@code HAVEN_DEMO_PASSWORD}.
     */
    @Transactional
    public UUID createUser(UUID organisationId, String username, String displayName, Set<Role> roles,
            String password, boolean mfaExempt, boolean checkPolicy) {
        return createUser(organisationId, username, displayName, roles, password, mfaExempt, checkPolicy, null);
    }

    /** As above, with an optional e-mail address (checked; null or blank: none). */
    @Transactional
    public UUID createUser(UUID organisationId, String username, String displayName, Set<Role> roles,
            String password, boolean mfaExempt, boolean checkPolicy, String email) {
        var emailErrors = AccountRules.emailErrors(email);
        if (!emailErrors.isEmpty()) {
            throw new InvalidInput(emailErrors);
        }
        if (!AccountRules.validUsername(username)) {
            throw InvalidInput.of("username", "user.username.invalid",
                    "Use 3 to 64 letters, digits, dots, hyphens or underscores.");
        }
        if (roles.isEmpty()) {
            throw InvalidInput.of("roles", "user.roles.required", "Choose at least one role.");
        }
        if (directory.usernameTaken(username)) {
            throw InvalidInput.of("username", "user.username.taken", "This username is taken.");
        }
        if (checkPolicy) {
            policy.check("password", password, username, displayName);
        }
        UUID id = directory.insertUser(organisationId, username, displayName, passwords.encode(password),
                EnumSet.copyOf(roles), mfaExempt, AccountRules.normaliseEmail(email));
        audit.adminChange("user", "user.create", id, Map.of("organisationId", organisationId.toString(),
                "roles", roles.stream().map(Enum::name).sorted().toList(), "mfaExempt", mfaExempt));
        return id;
    }

    /** Sets the password if it differs (demo users when {@code HAVEN_DEMO_PASSWORD} changed); audited. */
    @Transactional
    public boolean ensurePassword(UUID userId, String password) {
        var account = accounts.findById(userId).orElseThrow();
        if (passwords.matches(password, account.passwordHash())) {
            return false;
        }
        accounts.setPasswordHash(userId, passwords.encode(password));
        audit.adminChange("user", "user.password.set", userId, Map.of());
        return true;
    }
}
