package org.haven.security;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

import org.haven.security.internal.AccountSetup;
import org.haven.security.internal.SignIn;
import org.haven.security.internal.Totp;
import org.haven.security.internal.TotpSecrets;
import org.springframework.context.ApplicationContext;

/**
 * Users who sign in for real (Argon2 password, optional TOTP factor), for sign-in, token and second-factor tests.
 * Usernames and organisation names are unique per call; all obviously synthetic.
 */
public final class SignInSupport {

    public static final String PASSWORD = "violet tractor monsoon ledger";

    /** A user that can sign in, with the secret of their second factor if one was enrolled. */
    public record TestUser(UUID id, String username, UUID organisationId, byte[] totpSecret) {

        /** The code for the step {@code offset} steps from now. */
        public String code(int offset) {
            return Totp.code(totpSecret, Totp.step(Instant.now()) + offset);
        }
    }

    private final AccountSetup setup;
    private final SignIn signIn;
    private final TotpSecrets secrets;

    public SignInSupport(ApplicationContext context) {
        this.setup = context.getBean(AccountSetup.class);
        this.signIn = context.getBean(SignIn.class);
        this.secrets = context.getBean(TotpSecrets.class);
    }

    public UUID organisation(OrganisationType type) {
        return setup.ensureOrganisation("Test " + type + " " + UUID.randomUUID().toString().substring(0, 8), type, "KH");
    }

    /** A user exempt from the second factor (or whose roles do not need one). */
    public TestUser user(UUID organisationId, Role... roles) {
        String username = "it." + UUID.randomUUID().toString().substring(0, 8);
        UUID id = setup.createUser(organisationId, username, "Test User Synthetic", EnumSet.of(roles[0], roles),
                PASSWORD, true, true);
        return new TestUser(id, username, organisationId, null);
    }

    /** A user whose roles need a second factor and who has not enrolled one yet. */
    public TestUser userNeedingSecondFactor(UUID organisationId, Role... roles) {
        String username = "it." + UUID.randomUUID().toString().substring(0, 8);
        Set<Role> set = EnumSet.of(roles[0], roles);
        UUID id = setup.createUser(organisationId, username, "Test User Synthetic", set, PASSWORD, false, true);
        return new TestUser(id, username, organisationId, null);
    }

    /**
     * A user with an enrolled factor. Enrolment uses the code of the previous step, so the current and next steps'
     * codes are still usable by the test.
     */
    public TestUser userWithSecondFactor(UUID organisationId, Role... roles) {
        TestUser user = userNeedingSecondFactor(organisationId, roles);
        byte[] secret = secrets.generate();
        if (!signIn.enrol(user.id(), secret, Totp.code(secret, Totp.step(Instant.now()) - 1))) {
            throw new IllegalStateException("enrolment failed");
        }
        return new TestUser(user.id(), user.username(), organisationId, secret);
    }
}
