package org.haven.security.web;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;

import org.haven.security.internal.ApiTokens;
import org.haven.security.internal.SignIn;
import org.haven.security.internal.UserAccounts.Account;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * API sign-in: exchanges username, password and (when the user needs one) a TOTP code for a bearer token, and
 * revokes the token in use. Every failure answers the same 401 problem+json; failures count towards lockout.
 */
@RestController
@RequestMapping("/api/v1/auth/token")
class TokenApiController {

    record TokenRequest(String username, String password, String totp) {
    }

    record TokenResponse(String token, Instant expiresAt) {
    }

    private final SignIn signIn;
    private final ApiTokens tokens;

    TokenApiController(SignIn signIn, ApiTokens tokens) {
        this.signIn = signIn;
        this.tokens = tokens;
    }

    @PostMapping
    ResponseEntity<?> issue(@RequestBody(required = false) TokenRequest request) {
        if (request == null) {
            return unauthorized();
        }
        Optional<Account> account = signIn.checkPassword(request.username(), request.password(), "api");
        if (account.isEmpty()) {
            return unauthorized();
        }
        Account a = account.get();
        if (a.secondFactorRequired()) {
            if (!a.secondFactorEnrolled()) {
                ProblemDetail p = problem(HttpStatus.UNAUTHORIZED, "Second factor not enrolled",
                        "This account needs a second factor. Sign in on the web once to enrol it, then ask for a token.");
                p.setProperty("code", "second-factor-enrolment-required");
                return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(p);
            }
            if (!signIn.checkSecondFactor(a.id(), request.totp(), "api")) {
                return unauthorized();
            }
        }
        signIn.succeeded(a.id(), "api");
        ApiTokens.Issued issued = tokens.issue(a.id());
        return ResponseEntity.ok().header("Cache-Control", "no-store").body(new TokenResponse(issued.token(), issued.expiresAt()));
    }

    @DeleteMapping
    ResponseEntity<?> revoke(Authentication auth) {
        if (auth != null && auth.getDetails() instanceof org.haven.security.internal.BearerTokenDetails details
                && auth.getPrincipal() instanceof org.haven.security.CurrentUser user) {
            tokens.revoke(details.tokenId(), user.userId());
            return ResponseEntity.noContent().build();
        }
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "No bearer token",
                "Only a request authenticated with a bearer token can revoke it."));
    }

    private static ResponseEntity<ProblemDetail> unauthorized() {
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).header("WWW-Authenticate", "Bearer")
                .body(problem(HttpStatus.UNAUTHORIZED, "Unauthorized",
                        "Sign-in failed: wrong username, password or code, or the account is paused after repeated failures."));
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setTitle(title);
        p.setType(URI.create("about:blank"));
        return p;
    }
}
