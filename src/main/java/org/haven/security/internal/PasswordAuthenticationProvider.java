package org.haven.security.internal;

import org.haven.security.Authorities;
import org.haven.security.CurrentUser;
import org.haven.security.internal.UserAccounts.Account;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Form sign-in: checks the password through {@link SignIn}. Users who need a second factor get a
 * {@link PendingSignIn} (half-authenticated); the others are signed in with {@link CurrentUser} as principal.
 */
@Component
class PasswordAuthenticationProvider implements AuthenticationProvider {

    private final SignIn signIn;

    PasswordAuthenticationProvider(SignIn signIn) {
        this.signIn = signIn;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String username = authentication.getName();
        Object credentials = authentication.getCredentials();
        Account account = signIn.checkPassword(username, credentials == null ? null : credentials.toString(), "web")
                .orElseThrow(() -> new BadCredentialsException("bad credentials"));
        if (account.secondFactorRequired()) {
            return new PendingSignIn(account.id(), account.secondFactorEnrolled()).toAuthentication();
        }
        signIn.succeeded(account.id(), "web");
        return fullyAuthenticated(account.toCurrentUser());
    }

    static Authentication fullyAuthenticated(CurrentUser user) {
        return UsernamePasswordAuthenticationToken.authenticated(user, null, Authorities.of(user));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
