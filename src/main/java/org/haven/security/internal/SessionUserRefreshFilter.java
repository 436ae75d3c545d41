package org.haven.security.internal;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.haven.security.CurrentUser;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Makes administrative changes apply to signed-in sessions at their next request (OWASP ASVS V8.3.2): a disabled
 * user or organisation is signed out; a user whose row changed (roles, second factor, password) gets a freshly
 * loaded principal. One indexed query per page request; the user's {@code version} column is the change marker.
 */
class SessionUserRefreshFilter extends OncePerRequestFilter {

    static final String VERSION_ATTRIBUTE = SessionUserRefreshFilter.class.getName() + ".version";

    private final UserAccounts accounts;

    SessionUserRefreshFilter(UserAccounts accounts) {
        this.accounts = accounts;
    }

    /** Static assets carry no data: no query for them. */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.startsWith("/css/") || path.startsWith("/js/") || path.startsWith("/fonts/")
                || path.startsWith("/images/") || path.startsWith("/webjars/") || path.equals("/favicon.ico");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        HttpSession session = request.getSession(false);
        if (session != null && auth != null && auth.getPrincipal() instanceof CurrentUser user) {
            Optional<int[]> state = accounts.versionAndActive(user.userId());
            if (state.isEmpty() || state.get()[1] == 0) {
                session.invalidate();
                SecurityContextHolder.clearContext();
                response.sendRedirect(request.getContextPath() + "/login?disabled");
                return;
            }
            Object seen = session.getAttribute(VERSION_ATTRIBUTE);
            int version = state.get()[0];
            if (seen == null) {
                session.setAttribute(VERSION_ATTRIBUTE, version);
            } else if (!seen.equals(version)) {
                accounts.findById(user.userId()).ifPresent(account -> {
                    SecurityContext context = SecurityContextHolder.createEmptyContext();
                    context.setAuthentication(PasswordAuthenticationProvider.fullyAuthenticated(account.toCurrentUser()));
                    SecurityContextHolder.setContext(context);
                    session.setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY, context);
                    session.setAttribute(VERSION_ATTRIBUTE, account.version());
                });
            }
        }
        chain.doFilter(request, response);
    }
}
