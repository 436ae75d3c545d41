package org.haven.security;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Test organisations and users written to the real database, and ways to act as them. Names are obviously
 * synthetic. Every call makes new rows with unique names, so tests sharing the JVM-wide database do not collide.
 */
public final class SecurityFixtures {

    private final JdbcClient jdbc;

    public SecurityFixtures(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A new enabled organisation of this type in Cambodia. */
    public UUID organisation(OrganisationType type) {
        return organisation(type, "KH");
    }

    public UUID organisation(OrganisationType type, String country) {
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into organisation (id, name, type, country_code) values (?, ?, ?, ?)")
                .params(id, "Test " + type + " " + id.toString().substring(0, 8), type.name(), country).update();
        return id;
    }

    /** A new user of the organisation with these roles (password hash unusable: act through {@link #as}). */
    public CurrentUser user(UUID organisationId, Role... roles) {
        UUID id = UUID.randomUUID();
        String username = "test." + id.toString().substring(0, 8);
        jdbc.sql("insert into app_user (id, organisation_id, username, display_name, password_hash, mfa_exempt) "
                + "values (?, ?, ?, ?, ?, true)")
                .params(id, organisationId, username, "Test User " + id.toString().substring(0, 4), "{noop}unusable")
                .update();
        for (Role r : roles) {
            jdbc.sql("insert into user_role (user_id, role) values (?, ?)").params(id, r.name()).update();
        }
        var org = jdbc.sql("select type, country_code from organisation where id = ?").param(organisationId)
                .query((rs, n) -> new Object[] {rs.getString(1), rs.getString(2)}).single();
        Set<Role> set = roles.length == 0 ? Set.of() : EnumSet.of(roles[0], roles);
        return new CurrentUser(id, username, "Test User", organisationId, OrganisationType.valueOf((String) org[0]),
                (String) org[1], set);
    }

    /** MockMvc: perform the request as this user. */
    public static RequestPostProcessor as(CurrentUser user) {
        return SecurityMockMvcRequestPostProcessors.authentication(token(user));
    }

    /** Service-level tests: run the rest of the test thread as this user. */
    public static void signIn(CurrentUser user) {
        SecurityContextHolder.getContext().setAuthentication(token(user));
    }

    public static void signOut() {
        SecurityContextHolder.clearContext();
    }

    private static UsernamePasswordAuthenticationToken token(CurrentUser user) {
        return UsernamePasswordAuthenticationToken.authenticated(user, null, Authorities.of(user));
    }
}
