package org.haven.security;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.haven.security.internal.AccountRules;
import org.haven.security.internal.ApiTokens;
import org.haven.security.internal.Directory;
import org.haven.security.internal.PasswordPolicy;
import org.haven.security.internal.SecurityAudit;
import org.haven.security.internal.UserAccounts;
import org.haven.shared.web.Forbidden;
import org.haven.shared.web.InvalidInput;
import org.haven.shared.web.NotFound;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Users: create, enable or disable, reset the second factor, assign roles, set the password. System administrators
 * act on every user; organisation administrators only on users of their own organisation (others answer
 * {@link NotFound}, as if they did not exist), may not grant {@link Role#SYSTEM_ADMIN} and may not change a system
 * administrator. Nobody disables themselves or removes their own administrator role. Every change is audited in the
 * same transaction and applies to the user's open sessions at their next request; disabling or a new password also
 * revokes the user's API tokens.
 */
@Service
public class UserManagement {

    private final Directory directory;
    private final UserAccounts accounts;
    private final PasswordPolicy passwordPolicy;
    private final PasswordEncoder passwords;
    private final ApiTokens tokens;
    private final SecurityAudit audit;

    UserManagement(Directory directory, UserAccounts accounts, PasswordPolicy passwordPolicy, PasswordEncoder passwords,
            ApiTokens tokens, SecurityAudit audit) {
        this.directory = directory;
        this.accounts = accounts;
        this.passwordPolicy = passwordPolicy;
        this.passwords = passwords;
        this.tokens = tokens;
        this.audit = audit;
    }

    @Transactional
    public UserSummary create(CreateUser request) {
        CurrentUser actor = OrganisationManagement.requireAdmin();
        List<InvalidInput.FieldError> errors = validate(request);
        if (request.organisationId() != null) {
            if (!inReach(actor, request.organisationId()) || directory.organisation(request.organisationId()).isEmpty()) {
                errors.add(new InvalidInput.FieldError("organisationId", "user.organisation.unknown",
                        "Choose an organisation you administer."));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        checkGrantable(actor, request.roles());
        if (directory.usernameTaken(request.username().trim())) {
            throw InvalidInput.of("username", "user.username.taken", "This username is taken.");
        }
        passwordPolicy.check("password", request.password(), request.username(), request.displayName());
        UUID id = directory.insertUser(request.organisationId(), request.username().trim(),
                request.displayName().trim(), passwords.encode(request.password()), EnumSet.copyOf(request.roles()),
                false, AccountRules.normaliseEmail(request.email()));
        audit.adminChange("user", "user.create", id, Map.of("organisationId", request.organisationId().toString(),
                "roles", request.roles().stream().map(Enum::name).sorted().toList()));
        return directory.user(id).orElseThrow();
    }

    /** Users within the caller's reach; {@code organisationId} null lists every organisation a system admin sees. */
    @Transactional(readOnly = true)
    public ListPage<UserSummary> list(UUID organisationId, int page, int size) {
        CurrentUser actor = OrganisationManagement.requireAdmin();
        UUID scope = organisationId;
        if (!actor.can(Permission.ADMIN_SYSTEM)) {
            if (organisationId != null && !organisationId.equals(actor.organisationId())) {
                throw new NotFound("organisation");
            }
            scope = actor.organisationId();
        }
        return directory.users(scope, Math.max(0, page), ListPage.clampSize(size));
    }

    @Transactional(readOnly = true)
    public UserSummary get(UUID id) {
        return reachable(OrganisationManagement.requireAdmin(), id);
    }

    @Transactional
    public UserSummary setEnabled(UUID id, boolean enabled) {
        CurrentUser actor = OrganisationManagement.requireAdmin();
        UserSummary user = changeable(actor, id);
        if (!enabled && id.equals(actor.userId())) {
            throw new Forbidden("You cannot disable yourself.");
        }
        if (user.enabled() != enabled) {
            directory.setUserEnabled(id, enabled);
            int revoked = enabled ? 0 : tokens.revokeAll(id);
            audit.adminChange("user", enabled ? "user.enable" : "user.disable", id, Map.of("tokensRevoked", revoked));
        }
        return directory.user(id).orElseThrow();
    }

    /** Removes the user's second factor; if a role needs one, the user enrols again at the next sign-in. */
    @Transactional
    public UserSummary resetSecondFactor(UUID id) {
        CurrentUser actor = OrganisationManagement.requireAdmin();
        changeable(actor, id);
        directory.resetSecondFactor(id);
        int revoked = tokens.revokeAll(id);
        audit.adminChange("user", "user.second-factor.reset", id, Map.of("tokensRevoked", revoked));
        return directory.user(id).orElseThrow();
    }

    /** Replaces the user's roles (at least one). */
    @Transactional
    public UserSummary assignRoles(UUID id, Set<Role> roles) {
        CurrentUser actor = OrganisationManagement.requireAdmin();
        UserSummary user = changeable(actor, id);
        if (roles == null || roles.isEmpty()) {
            throw InvalidInput.of("roles", "user.roles.required", "Choose at least one role.");
        }
        checkGrantable(actor, roles);
        if (id.equals(actor.userId()) && !roles.containsAll(adminRolesOf(actor))) {
            throw new Forbidden("You cannot remove your own administrator role.");
        }
        Set<Role> set = EnumSet.copyOf(roles);
        if (!set.equals(user.roles().isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(user.roles()))) {
            directory.replaceRoles(id, set);
            audit.adminChange("user", "user.roles.assign", id, Map.of(
                    "before", user.roles().stream().map(Enum::name).sorted().toList(),
                    "after", set.stream().map(Enum::name).sorted().toList()));
        }
        return directory.user(id).orElseThrow();
    }

    /** Sets a new password (policy-checked), unlocks the account and revokes the user's API tokens. */
    @Transactional
    public UserSummary setPassword(UUID id, String password) {
        CurrentUser actor = OrganisationManagement.requireAdmin();
        UserSummary user = changeable(actor, id);
        passwordPolicy.check("password", password, user.username(), user.displayName());
        accounts.setPasswordHash(id, passwords.encode(password));
        int revoked = tokens.revokeAll(id);
        audit.adminChange("user", "user.password.set", id, Map.of("tokensRevoked", revoked));
        return directory.user(id).orElseThrow();
    }

    /**
     * Sets the user's e-mail address (null or blank: none) and preferred language ({@code en} or {@code km}; null
     * keeps the current one). Audited without the address itself.
     */
    @Transactional
    public UserSummary setContact(UUID id, String email, String language) {
        CurrentUser actor = OrganisationManagement.requireAdmin();
        UserSummary user = changeable(actor, id);
        List<InvalidInput.FieldError> errors = AccountRules.emailErrors(email);
        if (language != null && !AccountRules.LANGUAGES.contains(language)) {
            errors.add(new InvalidInput.FieldError("language", "user.language.invalid", "Choose English or Khmer."));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        String normalised = AccountRules.normaliseEmail(email);
        String lang = language == null ? user.language() : language;
        if (!java.util.Objects.equals(normalised, user.email()) || !java.util.Objects.equals(lang, user.language())) {
            directory.setContact(id, normalised, lang);
            audit.adminChange("user", "user.contact.set", id, Map.of("hasEmail", normalised != null,
                    "emailChanged", !java.util.Objects.equals(normalised, user.email()), "language", lang));
        }
        return directory.user(id).orElseThrow();
    }

    /** Roles the caller may give: all for system administrators, all but system administrator otherwise. */
    public Set<Role> grantableRoles() {
        CurrentUser actor = OrganisationManagement.requireAdmin();
        Set<Role> all = EnumSet.allOf(Role.class);
        if (!actor.can(Permission.ADMIN_SYSTEM)) {
            all.remove(Role.SYSTEM_ADMIN);
        }
        return all;
    }

    private static Set<Role> adminRolesOf(CurrentUser actor) {
        Set<Role> admin = EnumSet.noneOf(Role.class);
        for (Role r : List.of(Role.SYSTEM_ADMIN, Role.ORG_ADMIN)) {
            if (actor.hasRole(r)) {
                admin.add(r);
            }
        }
        return admin;
    }

    private static boolean inReach(CurrentUser actor, UUID organisationId) {
        return actor.can(Permission.ADMIN_SYSTEM) || actor.organisationId().equals(organisationId);
    }

    private UserSummary reachable(CurrentUser actor, UUID id) {
        UserSummary user = directory.user(id).orElseThrow(() -> new NotFound("user"));
        if (!inReach(actor, user.organisationId())) {
            throw new NotFound("user");
        }
        return user;
    }

    private UserSummary changeable(CurrentUser actor, UUID id) {
        UserSummary user = reachable(actor, id);
        if (!actor.can(Permission.ADMIN_SYSTEM) && user.roles().contains(Role.SYSTEM_ADMIN)) {
            throw new Forbidden("Only system administrators change a system administrator.");
        }
        return user;
    }

    private static void checkGrantable(CurrentUser actor, Set<Role> roles) {
        if (roles.contains(Role.SYSTEM_ADMIN) && !actor.can(Permission.ADMIN_SYSTEM)) {
            throw new Forbidden("Only system administrators grant the system administrator role.");
        }
    }

    static List<InvalidInput.FieldError> validate(CreateUser request) {
        List<InvalidInput.FieldError> errors = new ArrayList<>();
        if (request.username() == null || !AccountRules.validUsername(request.username().trim())) {
            errors.add(new InvalidInput.FieldError("username", "user.username.invalid",
                    "Use 3 to 64 letters, digits, dots, hyphens or underscores."));
        }
        if (request.displayName() == null || request.displayName().isBlank()) {
            errors.add(new InvalidInput.FieldError("displayName", "user.displayName.required", "Give the user's name."));
        } else if (request.displayName().trim().length() > 200) {
            errors.add(new InvalidInput.FieldError("displayName", "user.displayName.tooLong", "The name is too long (200 characters at most)."));
        }
        if (request.organisationId() == null) {
            errors.add(new InvalidInput.FieldError("organisationId", "user.organisation.required", "Choose the organisation."));
        }
        if (request.roles() == null || request.roles().isEmpty()) {
            errors.add(new InvalidInput.FieldError("roles", "user.roles.required", "Choose at least one role."));
        }
        errors.addAll(AccountRules.emailErrors(request.email()));
        if (request.password() == null || request.password().isEmpty()) {
            errors.add(new InvalidInput.FieldError("password", "password.tooShort",
                    "The password must have at least " + PasswordPolicy.MIN_LENGTH + " characters."));
        }
        return errors;
    }
}
