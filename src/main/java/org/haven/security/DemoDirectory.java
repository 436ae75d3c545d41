package org.haven.security;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.haven.security.internal.AccountSetup;
import org.haven.security.internal.PasswordPolicy;
import org.haven.security.internal.UserAccounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The demo organisations and users (profile {@code demo}), and how other modules' demo loaders find them.
 *
 * <p>When the bean is created it makes whatever demo organisations and users are missing, so by the time another
 * bean has it injected, they exist. Later modules' demo loaders ({@code @Profile("demo")}) inject it and ask
 * {@link #organisationId(String)} by key ({@code "shelter"}, {@code "other-shelter"}, {@code "legal-aid"},
 * {@code "police"}, {@code "prosecutor"}, {@code "prevention"}, {@code "ministry"}, {@code "donor"},
 * {@code "system"}, {@code "thai-shelter"}) and {@link #user(String)} by username, to act as that user.
 *
 * <p>Password: {@code HAVEN_DEMO_PASSWORD} when set (applied to existing demo users too); otherwise one is generated
 * at the first start and printed once on standard output — the only place Haven ever shows a password. Demo users
 * are exempt from the second factor ({@code app_user.mfa_exempt}).
 */
@Component
@Profile("demo")
public class DemoDirectory {

    private static final Logger log = LoggerFactory.getLogger(DemoDirectory.class);
    static final String PASSWORD_ENV = "HAVEN_DEMO_PASSWORD";

    record DemoOrganisation(String key, String name, OrganisationType type, String country) {
    }

    record DemoUser(String username, String displayName, String organisationKey, Set<Role> roles) {
    }

    static final List<DemoOrganisation> ORGANISATIONS = List.of(
            new DemoOrganisation("system", "Haven Demo Administration (synthetic)", OrganisationType.SYSTEM, "KH"),
            new DemoOrganisation("shelter", "Demo Shelter (synthetic)", OrganisationType.SHELTER, "KH"),
            new DemoOrganisation("other-shelter", "Other Demo Shelter (synthetic)", OrganisationType.SHELTER, "KH"),
            new DemoOrganisation("legal-aid", "Demo Legal Aid (synthetic)", OrganisationType.LEGAL_AID, "KH"),
            new DemoOrganisation("police", "Demo Anti-Trafficking Police (synthetic)", OrganisationType.POLICE, "KH"),
            new DemoOrganisation("prosecutor", "Demo Prosecutor's Office (synthetic)", OrganisationType.PROSECUTOR, "KH"),
            new DemoOrganisation("prevention", "Demo Prevention NGO (synthetic)", OrganisationType.PREVENTION_NGO, "KH"),
            new DemoOrganisation("ministry", "Demo Ministry of Social Affairs (synthetic)", OrganisationType.MINISTRY, "KH"),
            new DemoOrganisation("donor", "Demo Donor (synthetic)", OrganisationType.DONOR, "KH"),
            new DemoOrganisation("thai-shelter", "Demo Thai Shelter (synthetic)", OrganisationType.SHELTER, "TH"));

    static final List<DemoUser> USERS = List.of(
            new DemoUser("admin", "Demo Administrator", "system", EnumSet.of(Role.SYSTEM_ADMIN)),
            new DemoUser("shelter.caseworker", "Demo Caseworker Dara", "shelter", EnumSet.of(Role.CASEWORKER)),
            new DemoUser("shelter.supervisor", "Demo Supervisor Sophea", "shelter",
                    EnumSet.of(Role.CASE_SUPERVISOR, Role.ORG_ADMIN)),
            new DemoUser("legal.officer", "Demo Legal Officer Vanna", "legal-aid", EnumSet.of(Role.LEGAL_OFFICER)),
            new DemoUser("other.caseworker", "Demo Caseworker Other Shelter", "other-shelter", EnumSet.of(Role.CASEWORKER)),
            new DemoUser("police.investigator", "Demo Investigator Rith", "police", EnumSet.of(Role.POLICE_INVESTIGATOR)),
            new DemoUser("prosecutor", "Demo Prosecutor Chanthy", "prosecutor", EnumSet.of(Role.PROSECUTOR)),
            new DemoUser("prevention.officer", "Demo Prevention Officer Kosal", "prevention",
                    EnumSet.of(Role.PREVENTION_OFFICER)),
            new DemoUser("ministry.analyst", "Demo Ministry Analyst", "ministry", EnumSet.of(Role.DATA_ANALYST)),
            // Receives cross-border return referrals for the ministry (repatriation of Cambodians from Thailand).
            new DemoUser("ministry.caseworker", "Demo Ministry Social Worker Malis", "ministry",
                    EnumSet.of(Role.CASEWORKER)),
            new DemoUser("donor.viewer", "Demo Donor Viewer", "donor", EnumSet.of(Role.DONOR_VIEWER)),
            new DemoUser("thai.caseworker", "Demo Thai Caseworker", "thai-shelter", EnumSet.of(Role.CASEWORKER)));

    private final UserAccounts accounts;
    private final Map<String, UUID> organisations = new LinkedHashMap<>();
    private final Map<String, UUID> users = new LinkedHashMap<>();

    DemoDirectory(AccountSetup setup, UserAccounts accounts, PasswordPolicy policy) {
        this.accounts = accounts;
        String chosen = System.getenv(PASSWORD_ENV);
        boolean generated = chosen == null || chosen.isBlank();
        String password = generated ? generatePassword() : chosen;
        if (!generated && !policy.problems(password).isEmpty()) {
            log.warn("{} does not meet the password policy; accepted for the synthetic demo users only", PASSWORD_ENV);
        }
        for (DemoOrganisation o : ORGANISATIONS) {
            organisations.put(o.key(), setup.ensureOrganisation(o.name(), o.type(), o.country()));
        }
        int created = 0;
        for (DemoUser u : USERS) {
            Optional<UserAccounts.Account> existing = accounts.findByUsername(u.username());
            if (existing.isPresent()) {
                users.put(u.username(), existing.get().id());
                if (!generated) {
                    setup.ensurePassword(existing.get().id(), password);
                }
            } else {
                users.put(u.username(), setup.createUser(organisations.get(u.organisationKey()), u.username(),
                        u.displayName(), u.roles(), password, true, false));
                created++;
            }
        }
        if (generated && created > 0) {
            System.out.println();
            System.out.println("=================================================================");
            System.out.println(" Haven demo users created. Password for all of them (shown once):");
            System.out.println("   " + password);
            System.out.println(" Usernames: " + String.join(", ", users.keySet()));
            System.out.println(" Set " + PASSWORD_ENV + " to choose the password instead.");
            System.out.println("=================================================================");
            System.out.println();
        } else if (generated) {
            log.info("Demo users exist already; their password was printed when they were created "
                    + "(set {} to choose one)", PASSWORD_ENV);
        }
        log.info("Demo directory ready: {} organisations, {} users ({} new)", organisations.size(), users.size(), created);
    }

    /** The id of a demo organisation by key (see the class comment); fails for an unknown key. */
    public UUID organisationId(String key) {
        UUID id = organisations.get(key);
        if (id == null) {
            throw new IllegalArgumentException("no demo organisation " + key + "; known: " + organisations.keySet());
        }
        return id;
    }

    /** Keys of the demo organisations, in a stable order. */
    public Set<String> organisationKeys() {
        return Collections.unmodifiableSet(organisations.keySet());
    }

    /** Usernames of the demo users, in a stable order. */
    public Set<String> usernames() {
        return Collections.unmodifiableSet(users.keySet());
    }

    /** A demo user as the principal a demo loader can act as (reloaded, so current roles apply). */
    public CurrentUser user(String username) {
        UUID id = users.get(username);
        if (id == null) {
            throw new IllegalArgumentException("no demo user " + username + "; known: " + users.keySet());
        }
        return accounts.findById(id).orElseThrow().toCurrentUser();
    }

    private static String generatePassword() {
        byte[] bytes = new byte[15];
        new SecureRandom().nextBytes(bytes);
        String raw = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return raw.substring(0, 5) + "-" + raw.substring(5, 10) + "-" + raw.substring(10, 15) + "-" + raw.substring(15);
    }
}
