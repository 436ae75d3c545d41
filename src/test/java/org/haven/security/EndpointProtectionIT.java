package org.haven.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.haven.HavenIntegrationTest;
import org.haven.security.internal.PendingSignIn;
import org.haven.shared.web.PublicPaths;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

/**
 * Every endpoint of every module, enumerated from the handler mappings (so new ones are covered without editing this
 * test), refuses anonymous callers and half-authenticated sessions (password given, second factor not yet), except
 * the modules' declared {@link PublicPaths} and the sign-in endpoints themselves.
 */
@HavenIntegrationTest
class EndpointProtectionIT {

    /** Sign-in endpoints: open by nature. Everything else open must be declared as a {@link PublicPaths} bean. */
    private static final Set<String> SIGN_IN = Set.of("POST /api/v1/auth/token");
    /** The second-factor pages: for half-authenticated sessions only. */
    private static final Set<String> SECOND_FACTOR = Set.of("/login/second-factor", "/login/enrol");

    @Autowired
    MockMvc mvc;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mapping;

    @Autowired
    List<PublicPaths> publicPaths;

    record Endpoint(HttpMethod method, String pattern, String path) {
        @Override
        public String toString() {
            return method + " " + pattern;
        }
    }

    @Test
    void everyEndpointRefusesAnonymousCallersExceptPublicPaths() throws Exception {
        List<Endpoint> endpoints = endpoints();
        assertThat(endpoints).as("endpoints found").hasSizeGreaterThan(10);
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Endpoint e : endpoints) {
            if (isPublic(e) || SIGN_IN.contains(e.toString())) {
                continue;
            }
            checked++;
            MockHttpServletResponse r = mvc.perform(build(e).with(csrf())).andReturn().getResponse();
            if (e.path().startsWith("/api/")) {
                if (r.getStatus() != 401 || !String.valueOf(r.getContentType()).startsWith("application/problem+json")) {
                    failures.add(e + " -> " + r.getStatus() + " " + r.getContentType());
                }
            } else if (r.getStatus() != 302 || !String.valueOf(r.getRedirectedUrl()).endsWith("/login")) {
                failures.add(e + " -> " + r.getStatus() + " " + r.getRedirectedUrl());
            }
        }
        assertThat(checked).isGreaterThan(10);
        assertThat(failures).as("endpoints open to anonymous callers").isEmpty();
    }

    @Test
    void halfAuthenticatedSessionsReachOnlyTheSecondFactorPages() throws Exception {
        Authentication pending = new PendingSignIn(UUID.randomUUID(), true).toAuthentication();
        List<String> failures = new ArrayList<>();
        for (Endpoint e : endpoints()) {
            if (isPublic(e) || SIGN_IN.contains(e.toString()) || SECOND_FACTOR.contains(e.pattern())) {
                continue;
            }
            MockHttpServletResponse r = mvc.perform(build(e).with(csrf()).with(authentication(pending)))
                    .andReturn().getResponse();
            boolean refused = e.path().startsWith("/api/")
                    ? (r.getStatus() == 401 || r.getStatus() == 403)
                    : (r.getStatus() == 403 || (r.getStatus() == 302
                            && String.valueOf(r.getRedirectedUrl()).startsWith("/login")));
            if (!refused) {
                failures.add(e + " -> " + r.getStatus() + " " + r.getRedirectedUrl());
            }
        }
        assertThat(failures).as("endpoints open to half-authenticated sessions").isEmpty();
    }

    @Test
    void publicPathsStayNarrow() {
        // A guard against someone declaring "/**" or "/api/**" public.
        for (PublicPaths p : publicPaths) {
            assertThat(p.patterns()).noneMatch(s -> s.equals("/**") || s.startsWith("/api/**") || s.startsWith("/admin"));
        }
    }

    private List<Endpoint> endpoints() {
        List<Endpoint> list = new ArrayList<>();
        mapping.getHandlerMethods().keySet().forEach(info -> {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            List<HttpMethod> http = methods.isEmpty() ? List.of(HttpMethod.GET)
                    : methods.stream().map(m -> HttpMethod.valueOf(m.name())).toList();
            for (String pattern : patterns(info)) {
                String path = pattern.replaceAll("\\{[^}]+}", UUID.randomUUID().toString()).replace("/**", "/x");
                http.forEach(m -> list.add(new Endpoint(m, pattern, path)));
            }
        });
        list.add(new Endpoint(HttpMethod.GET, "/actuator/prometheus", "/actuator/prometheus"));
        list.add(new Endpoint(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs"));
        return list;
    }

    private static Set<String> patterns(RequestMappingInfo info) {
        return info.getPathPatternsCondition() != null ? info.getPathPatternsCondition().getPatternValues()
                : info.getPatternsCondition().getPatterns();
    }

    private boolean isPublic(Endpoint e) {
        PathContainer path = PathContainer.parsePath(e.path());
        return publicPaths.stream().flatMap(p -> p.patterns().stream())
                .map(p -> PathPatternParser.defaultInstance.parse(p))
                .anyMatch((PathPattern p) -> p.matches(path));
    }

    private static MockHttpServletRequestBuilder build(Endpoint e) {
        MockHttpServletRequestBuilder b = request(e.method(), e.path());
        if (e.method() == HttpMethod.POST || e.method() == HttpMethod.PUT || e.method() == HttpMethod.PATCH) {
            b = b.contentType("application/json").content("{}");
        }
        return b;
    }
}
