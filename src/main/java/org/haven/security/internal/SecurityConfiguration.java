package org.haven.security.internal;

import java.util.List;

import org.haven.security.CurrentUser;
import org.haven.shared.web.PublicPaths;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.logout.HeaderWriterLogoutHandler;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.ClearSiteDataHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Web security, as two filter chains.
 * <ul>
 * <li>{@code /api/**}: stateless; {@code Authorization: Bearer} tokens ({@link BearerTokenFilter}); only
 * {@code POST /api/v1/auth/token} is open besides the public paths; 401/403 as problem+json. CSRF is enforced except
 * for bearer-authenticated requests (which carry no ambient credential) and the token exchange itself.</li>
 * <li>everything else: form sign-in at {@code /login}, then the second factor for users who need one
 * ({@link PendingSignIn}); session id changes at sign-in and again after the second factor; CSRF on every state
 * change.</li>
 * </ul>
 * Both permit exactly the union of the modules' {@link PublicPaths}; everything else needs a fully signed-in
 * {@link CurrentUser} (a half-authenticated session passes nowhere but the second-factor pages). Both send the same
 * security headers: a CSP without inline script, frame denial, no referrer, no-store caching, HSTS over TLS.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class SecurityConfiguration {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'";

    static final String TOKEN_PATH = "/api/v1/auth/token";

    /** Passes only fully signed-in users (principal {@link CurrentUser}), not half-authenticated sessions. */
    static final AuthorizationManager<RequestAuthorizationContext> SIGNED_IN =
            (auth, ctx) -> new AuthorizationDecision(signedIn(auth.get()));

    static final AuthorizationManager<RequestAuthorizationContext> SECOND_FACTOR_PENDING =
            (auth, ctx) -> new AuthorizationDecision(auth.get() != null && auth.get().getPrincipal() instanceof PendingSignIn);

    static boolean signedIn(Authentication auth) {
        return auth != null && auth.isAuthenticated() && auth.getPrincipal() instanceof CurrentUser;
    }

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, List<PublicPaths> publicPaths, ApiTokens tokens,
            PasswordAuthenticationProvider provider, org.springframework.context.MessageSource messages,
            org.springframework.beans.factory.ObjectProvider<org.springframework.web.servlet.LocaleResolver> locales)
            throws Exception {
        ProblemResponses problems = new ProblemResponses(messages, locales.getIfAvailable());
        RequestMatcher tokenExchange = PathPatternRequestMatcher.pathPattern(HttpMethod.POST, TOKEN_PATH);
        RequestMatcher bearer = BearerTokenFilter::hasBearer;
        http.securityMatcher("/api/**")
                .authenticationProvider(provider)
                .addFilterBefore(new BearerTokenFilter(tokens, problems), CsrfFilter.class)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(c -> c.securityContextRepository(new RequestAttributeSecurityContextRepository()))
                .requestCache(c -> c.disable())
                .csrf(c -> c.requireCsrfProtectionMatcher(new AndRequestMatcher(CsrfFilter.DEFAULT_CSRF_MATCHER,
                        new NegatedRequestMatcher(bearer), new NegatedRequestMatcher(tokenExchange))))
                .authorizeHttpRequests(a -> a.requestMatchers(open(publicPaths)).permitAll()
                        .requestMatchers(tokenExchange).permitAll()
                        .anyRequest().access(SIGNED_IN))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((req, res, ex) -> {
                            res.setHeader("WWW-Authenticate", "Bearer");
                            problems.localized(req, res, 401, "api.security.unauthorized.title",
                                    "api.security.unauthorized.detail");
                        })
                        .accessDeniedHandler((req, res, ex) -> problems.localized(req, res, 403,
                                "api.security.forbidden.title", "api.security.forbidden.detail")));
        headers(http);
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain web(HttpSecurity http, List<PublicPaths> publicPaths, UserAccounts accounts,
            PasswordAuthenticationProvider provider) throws Exception {
        SavedRequestAwareAuthenticationSuccessHandler full = new SavedRequestAwareAuthenticationSuccessHandler();
        full.setDefaultTargetUrl("/");
        http.authenticationProvider(provider)
                .authorizeHttpRequests(a -> a.requestMatchers(open(publicPaths)).permitAll()
                        .requestMatchers("/login/second-factor", "/login/enrol").access(SECOND_FACTOR_PENDING)
                        .requestMatchers("/admin/**").hasAuthority("ADMIN_ORGANISATION")
                        // Metrics describe the deployment: system administrators only (finding F3; health is public)
                        .requestMatchers("/actuator", "/actuator/**").hasAuthority("ADMIN_SYSTEM")
                        .anyRequest().access(SIGNED_IN))
                .formLogin(f -> f.loginPage("/login").permitAll()
                        .failureUrl("/login?error")
                        .successHandler((req, res, auth) -> {
                            if (auth.getPrincipal() instanceof PendingSignIn pending) {
                                res.sendRedirect(req.getContextPath() + pending.nextPage());
                            } else {
                                full.onAuthenticationSuccess(req, res, auth);
                            }
                        }))
                .logout(l -> l.logoutSuccessUrl("/login?logout")
                        .addLogoutHandler(new HeaderWriterLogoutHandler(new ClearSiteDataHeaderWriter(
                                ClearSiteDataHeaderWriter.Directive.COOKIES, ClearSiteDataHeaderWriter.Directive.STORAGE,
                                ClearSiteDataHeaderWriter.Directive.CACHE))))
                .exceptionHandling(e -> e.accessDeniedHandler((req, res, ex) -> {
                    var auth = org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
                    if (auth != null && auth.getPrincipal() instanceof PendingSignIn pending) {
                        res.sendRedirect(req.getContextPath() + pending.nextPage());
                    } else {
                        res.sendError(403);
                    }
                }))
                .addFilterBefore(new SessionUserRefreshFilter(accounts), AuthorizationFilter.class);
        headers(http);
        return http.build();
    }

    private static void headers(HttpSecurity http) throws Exception {
        http.headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(CSP))
                .frameOptions(f -> f.deny())
                .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                .httpStrictTransportSecurity(s -> s.includeSubDomains(true).maxAgeInSeconds(31_536_000)));
    }

    private static String[] open(List<PublicPaths> publicPaths) {
        return publicPaths.stream().flatMap(p -> p.patterns().stream()).distinct().toArray(String[]::new);
    }
}
