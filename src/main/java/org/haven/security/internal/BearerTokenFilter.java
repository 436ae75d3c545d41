package org.haven.security.internal;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <token>} requests of the API with {@link org.haven.security.CurrentUser}
 * as principal; the token id travels in the authentication's details so {@code DELETE /api/v1/auth/token} can revoke
 * it. A bad, expired or revoked token ends the request with 401 problem+json: it is never treated as anonymous.
 * Runs before the CSRF filter, so bearer-authenticated requests are the ones exempt from CSRF.
 */
class BearerTokenFilter extends OncePerRequestFilter {

    static final String PREFIX = "Bearer ";

    private final ApiTokens tokens;
    private final ProblemResponses problems;

    BearerTokenFilter(ApiTokens tokens, ProblemResponses problems) {
        this.tokens = tokens;
        this.problems = problems;
    }

    static boolean hasBearer(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        return header != null && header.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!hasBearer(request)) {
            chain.doFilter(request, response);
            return;
        }
        String token = request.getHeader("Authorization").substring(PREFIX.length()).trim();
        Optional<ApiTokens.Authenticated> found = tokens.authenticate(token);
        if (found.isEmpty()) {
            response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            problems.localized(request, response, 401, "api.security.unauthorized.title",
                    "api.security.invalidToken.detail");
            return;
        }
        UsernamePasswordAuthenticationToken authentication =
                (UsernamePasswordAuthenticationToken) PasswordAuthenticationProvider.fullyAuthenticated(found.get().user());
        authentication.setDetails(new BearerTokenDetails(found.get().tokenId()));
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

}
