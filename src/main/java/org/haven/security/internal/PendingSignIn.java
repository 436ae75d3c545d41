package org.haven.security.internal;

import java.io.Serializable;
import java.util.List;
import java.util.UUID;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The principal of a half-authenticated session: the password was right, the second factor is still due. It is
 * deliberately not a {@link org.haven.security.CurrentUser}, so {@code CurrentUser.find()} is empty and no page or
 * API except the second-factor pages accepts it. The factor is checked against {@link #userId()}, which binds the
 * code to the user whose password was given.
 */
public record PendingSignIn(UUID userId, boolean enrolled) implements Serializable {

    public static final String AUTHORITY = "SECOND_FACTOR_PENDING";

    public Authentication toAuthentication() {
        return UsernamePasswordAuthenticationToken.authenticated(this, null, List.of(new SimpleGrantedAuthority(AUTHORITY)));
    }

    public String nextPage() {
        return enrolled ? "/login/second-factor" : "/login/enrol";
    }
}
