package org.haven.reporting.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.haven.HavenIntegrationTest;
import org.haven.security.CurrentUser;
import org.haven.security.OrganisationType;
import org.haven.security.Role;
import org.haven.security.SecurityFixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haven.security.SecurityFixtures.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

/**
 * Aggregate-only roles (data analyst, donor viewer) reach no record-level data through any endpoint: every handler
 * mapping of the running application is called as each of them, and only handlers of modules that serve aggregates
 * or no personal records may answer with success. A module that adds an endpoint serving records must refuse these
 * roles, or this test fails.
 */
@HavenIntegrationTest
class AggregateOnlyRolesIT {

    /**
     * Packages whose handlers may answer aggregate-only users: reporting (disclosure-controlled aggregates), the web
     * chrome (home page), security (the user's own account and sign-in pages), prevention (outreach activities, no
     * persons; DATA_ANALYST holds OUTREACH_READ by the role table), API documentation and Spring's error handling.
     */
    static final List<String> MAY_ANSWER = List.of("org.haven.reporting.", "org.haven.web.", "org.haven.security.",
            "org.haven.prevention.", "org.haven.places.", "org.springdoc.", "org.springframework.boot.");

    /**
     * Other modules' answers that hold no person: the statute catalogue, the service directory (organisations and
     * what they offer, visible to every signed-in user by design) and the attrition figures (aggregates with small
     * cells suppressed for aggregate-only roles, see {@code AttritionReportIT}); the official-complicity counts
     * (aggregates, suppressed likewise, see {@code ComplicityReportIT}), the trainings of officials (dates, places,
     * topics and participant counts, no person) and the de-duplicated survivor counts of the linkage module (three
     * national totals, small counts suppressed, see {@code LinkageInAppIT}).
     */
    static final Set<String> REFERENCE_PATHS = Set.of("/api/v1/proceedings/statutes", "/services", "/api/v1/services",
            "/proceedings/attrition", "/api/v1/proceedings/attrition", "/proceedings/complicity",
            "/api/v1/proceedings/complicity", "/proceedings/trainings", "/linkage/counts", "/api/v1/linkage/counts");

    /** Endpoints excluded from the walk, each with its reason. None at present. */
    static final Set<String> REPORTED = Set.of();

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void analystsAndDonorsGetNoRecordLevelDataFromAnyEndpoint() throws Exception {
        SecurityFixtures fixtures = new SecurityFixtures(jdbc);
        CurrentUser analyst = fixtures.user(fixtures.organisation(OrganisationType.MINISTRY), Role.DATA_ANALYST);
        CurrentUser donor = fixtures.user(fixtures.organisation(OrganisationType.DONOR), Role.DONOR_VIEWER);
        List<String> leaks = new ArrayList<>();
        int calls = 0;
        for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mappings.getHandlerMethods().entrySet()) {
            RequestMappingInfo info = e.getKey();
            String handler = e.getValue().getBeanType().getName();
            boolean mayAnswer = MAY_ANSWER.stream().anyMatch(handler::startsWith);
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                String path = pattern.replaceAll("\\{\\*?[^}]+}", UUID.randomUUID().toString());
                for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    for (CurrentUser user : List.of(analyst, donor)) {
                        int status;
                        try {
                            status = mvc.perform(request(HttpMethod.valueOf(method.name()), path).with(as(user))
                                    .with(csrf())).andReturn().getResponse().getStatus();
                        } catch (Exception failure) {
                            status = 500; // a handler that fails serves nothing
                        }
                        calls++;
                        boolean excepted = REFERENCE_PATHS.contains(path) || REPORTED.contains(method + " " + path);
                        if (status >= 200 && status < 300 && !mayAnswer && !excepted) {
                            leaks.add(method + " " + path + " -> " + status + " (" + handler + ") for "
                                    + user.roles());
                        }
                    }
                }
            }
        }
        assertThat(calls).isGreaterThan(4);
        assertThat(leaks).isEmpty();
    }

    @Test
    void reportingItselfServesNoRecordLevelEndpoint() throws Exception {
        // The module's own handlers: the aggregate report pages, downloads and API ...
        List<String> paths = mappings.getHandlerMethods().entrySet().stream()
                .filter(e -> e.getValue().getBeanType().getName().startsWith("org.haven.reporting."))
                .flatMap(e -> e.getKey().getPatternValues().stream()).sorted().toList();
        List<String> identified = paths.stream().filter(p -> p.startsWith("/reports/identified-exports")
                || p.startsWith("/api/v1/reports/identified-exports")).toList();
        assertThat(paths.stream().filter(p -> !identified.contains(p)).toList()).containsExactly(
                "/api/v1/reports/ctdc-comparison", "/api/v1/reports/dashboard", "/api/v1/reports/donor",
                "/api/v1/reports/national", "/reports", "/reports/ctdc.pdf", "/reports/ctdc.xlsx",
                "/reports/dashboard", "/reports/donor",
                "/reports/donor.xlsx", "/reports/national", "/reports/national.pdf", "/reports/national.xlsx");
        // ... and the identified exports for a court (record-level), which no aggregate-only role may reach: the walk
        // above lets reporting's handlers answer, so these are checked here one by one.
        assertThat(identified).containsExactlyInAnyOrder("/reports/identified-exports", "/reports/identified-exports",
                "/reports/identified-exports/approve", "/reports/identified-exports/download",
                "/reports/identified-exports/refuse", "/api/v1/reports/identified-exports",
                "/api/v1/reports/identified-exports", "/api/v1/reports/identified-exports/approve",
                "/api/v1/reports/identified-exports/download", "/api/v1/reports/identified-exports/refuse");
        SecurityFixtures fixtures = new SecurityFixtures(jdbc);
        for (Role role : List.of(Role.DATA_ANALYST, Role.DONOR_VIEWER)) {
            CurrentUser user = fixtures.user(fixtures.organisation(OrganisationType.MINISTRY), role);
            assertThat(mvc.perform(request(HttpMethod.GET, "/reports/identified-exports").with(as(user)))
                    .andReturn().getResponse().getStatus()).as(role + " GET").isEqualTo(403);
            assertThat(mvc.perform(request(HttpMethod.GET, "/api/v1/reports/identified-exports").with(as(user)))
                    .andReturn().getResponse().getStatus()).as(role + " GET API").isEqualTo(403);
            for (String path : identified) {
                if (path.startsWith("/api/")) {
                    assertThat(mvc.perform(request(HttpMethod.POST, path)
                            .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                            .content("{\"id\":\"" + UUID.randomUUID() + "\",\"version\":0,\"password\":\"x\","
                                    + "\"caseCodes\":[\"HVN-0000-0000\"]}").with(as(user)).with(csrf()))
                            .andReturn().getResponse().getStatus()).as(role + " POST " + path).isEqualTo(403);
                    continue;
                }
                assertThat(mvc.perform(request(HttpMethod.POST, path).param("id", UUID.randomUUID().toString())
                        .param("version", "0").param("password", "x").param("passwordRepeat", "x")
                        .param("caseIds", UUID.randomUUID().toString()).with(as(user)).with(csrf()))
                        .andReturn().getResponse().getStatus()).as(role + " POST " + path).isEqualTo(403);
            }
        }
    }
}
