package org.haven.cases;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.jayway.jsonpath.JsonPath;
import org.haven.HavenIntegrationTest;
import org.haven.security.CurrentUser;
import org.haven.security.OrganisationType;
import org.haven.security.Role;
import org.haven.security.SecurityFixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * {@code /v3/api-docs} (for signed-in users, like every page that is not public) documents every operation of
 * {@code /api/v1/cases}: each path and method the controller maps appears, under the tag "Cases", with a summary and
 * the error answers that apply (403 everywhere, 404 on a case, 400 where a body is validated, 409 on optimistic or
 * lifecycle refusals).
 */
@HavenIntegrationTest
class CaseApiDocsIT {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mapping;

    /** Operations that refuse stale versions or disallowed transitions, and so must document 409. */
    static final Set<String> CONFLICTS = Set.of("PUT /api/v1/cases/{id}/survivor", "PUT /api/v1/cases/{id}/assignment",
            "POST /api/v1/cases/{id}/activation", "POST /api/v1/cases/{id}/reintegration",
            "POST /api/v1/cases/{id}/return-to-active", "POST /api/v1/cases/{id}/closure-request",
            "POST /api/v1/cases/{id}/closure-approval", "POST /api/v1/cases/{id}/reopening",
            "POST /api/v1/cases/{id}/follow-ups/{followUpId}", "POST /api/v1/cases", "POST /api/v1/cases/{id}/shares",
            "PUT /api/v1/cases/{id}/episodes/{episodeId}", "DELETE /api/v1/cases/{id}/episodes/{episodeId}",
            "PUT /api/v1/cases/{id}/needs-assessments/{assessmentId}",
            "DELETE /api/v1/cases/{id}/needs-assessments/{assessmentId}",
            "PUT /api/v1/cases/{id}/identifications/{identificationId}",
            "POST /api/v1/cases/{id}/identifications/{identificationId}/voiding",
            "PUT /api/v1/cases/{id}/goals/{goalId}/status");

    @Test
    void listsEveryCasesOperationWithASummaryAndItsErrorAnswers() throws Exception {
        SecurityFixtures security = new SecurityFixtures(jdbc);
        CurrentUser reader = security.user(security.organisation(OrganisationType.SHELTER), Role.CASEWORKER);
        MvcResult r = mvc.perform(get("/v3/api-docs").with(SecurityFixtures.as(reader))).andReturn();
        assertThat(r.getResponse().getStatus()).isEqualTo(200);
        String json = r.getResponse().getContentAsString();

        List<String> operations = new ArrayList<>();
        mapping.getHandlerMethods().forEach((info, handler) -> {
            if (handler.getBeanType().getSimpleName().equals("CaseApiController")) {
                for (String path : info.getPathPatternsCondition().getPatternValues()) {
                    for (RequestMethod m : info.getMethodsCondition().getMethods()) {
                        operations.add(m.name() + " " + path);
                    }
                }
            }
        });
        // 30 before the corrections of docs/decisions/0004 added 7 (every CONFLICTS entry must be among them).
        assertThat(operations).hasSizeGreaterThanOrEqualTo(37).containsAll(CONFLICTS);

        List<String> failures = new ArrayList<>();
        for (String op : operations) {
            String method = op.substring(0, op.indexOf(' ')).toLowerCase(Locale.ROOT);
            String path = op.substring(op.indexOf(' ') + 1);
            Map<String, Object> operation;
            try {
                operation = JsonPath.read(json, "$.paths['" + path + "']." + method);
            } catch (com.jayway.jsonpath.PathNotFoundException e) {
                failures.add(op + ": not documented");
                continue;
            }
            Object summary = operation.get("summary");
            if (!(summary instanceof String s) || s.isBlank()) {
                failures.add(op + ": no summary");
            }
            if (!String.valueOf(operation.get("tags")).contains("Cases")) {
                failures.add(op + ": not tagged Cases");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> responses = (Map<String, Object>) operation.get("responses");
            if (responses == null || !responses.containsKey("403")) {
                failures.add(op + ": no 403");
            }
            if (path.contains("{id}") && (responses == null || !responses.containsKey("404"))) {
                failures.add(op + ": no 404");
            }
            if (CONFLICTS.contains(op) && (responses == null || !responses.containsKey("409"))) {
                failures.add(op + ": no 409");
            }
            if (operation.containsKey("requestBody") && path.contains("{id}") && !op.endsWith("/withdrawal")
                    && (responses == null || !responses.containsKey("400"))) {
                failures.add(op + ": a body but no 400");
            }
        }
        assertThat(failures).isEmpty();
        List<String> tag = JsonPath.read(json, "$.tags[?(@.name == 'Cases')].description");
        assertThat(tag).singleElement().asString().contains("audited");
    }

    @Test
    void theDescriptionIsForSignedInUsersOnly() throws Exception {
        MvcResult r = mvc.perform(get("/v3/api-docs")).andReturn();
        assertThat(r.getResponse().getStatus()).isNotEqualTo(200);
        assertThat(r.getResponse().getContentAsString()).doesNotContain("/api/v1/cases");
    }
}
