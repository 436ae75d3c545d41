package org.haven.cases;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.haven.HavenIntegrationTest;
import org.haven.security.CurrentUser;
import org.haven.security.OrganisationType;
import org.haven.security.Role;
import org.haven.security.SecurityFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * API error texts follow the request's language (Accept-Language, as on the pages): problem+json title, detail and
 * every field message are Khmer for {@code km} and English for {@code en}; status, fields and codes are the same.
 */
@HavenIntegrationTest
class ApiMessagesLocaleIT {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CaseManagement cases;

    CurrentUser caseworker;
    CurrentUser stranger;
    UUID caseId;

    @BeforeEach
    void setUp() {
        SecurityFixtures security = new SecurityFixtures(jdbc);
        caseworker = security.user(security.organisation(OrganisationType.SHELTER), Role.CASEWORKER);
        stranger = security.user(security.organisation(OrganisationType.SHELTER), Role.CASEWORKER);
        caseId = new CaseFixtures(cases).anOpenCase(caseworker).caseId();
    }

    static boolean khmer(String s) {
        return s != null && s.codePoints().anyMatch(c -> c >= 0x1780 && c <= 0x17FF);
    }

    private String call(CurrentUser user, MockHttpServletRequestBuilder request, String language, int status)
            throws Exception {
        MvcResult r = mvc.perform(request.header("Accept-Language", language).with(SecurityFixtures.as(user))
                .with(csrf())).andReturn();
        String json = r.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(r.getResponse().getStatus()).as(json).isEqualTo(status);
        assertThat(r.getResponse().getContentType()).startsWith("application/problem+json");
        return json;
    }

    /** The same request in both languages: the Khmer answer's texts are Khmer, the English one's are not. */
    private void bothLanguages(CurrentUser user, java.util.function.Supplier<MockHttpServletRequestBuilder> request,
            int status, String englishTitle) throws Exception {
        String km = call(user, request.get(), "km", status);
        String en = call(user, request.get(), "en", status);
        for (String path : List.of("$.title", "$.detail")) {
            assertThat(khmer(JsonPath.read(km, path))).as(path + " in Khmer: " + km).isTrue();
            assertThat(khmer(JsonPath.read(en, path))).as(path + " in English: " + en).isFalse();
        }
        assertThat((String) JsonPath.read(en, "$.title")).isEqualTo(englishTitle);
        List<Map<String, String>> kmErrors = km.contains("\"errors\"") ? JsonPath.read(km, "$.errors") : List.of();
        List<Map<String, String>> enErrors = en.contains("\"errors\"") ? JsonPath.read(en, "$.errors") : List.of();
        assertThat(kmErrors).hasSameSizeAs(enErrors);
        for (int i = 0; i < kmErrors.size(); i++) {
            assertThat(kmErrors.get(i).get("field")).isEqualTo(enErrors.get(i).get("field"));
            assertThat(kmErrors.get(i).get("code")).as("codes do not change with the language")
                    .isEqualTo(enErrors.get(i).get("code"));
            assertThat(khmer(kmErrors.get(i).get("message"))).as(km).isTrue();
            assertThat(khmer(enErrors.get(i).get("message"))).as(en).isFalse();
        }
    }

    private static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder b, String body) {
        return b.contentType(MediaType.APPLICATION_JSON).content(body);
    }

    @Test
    void aMalformedValueIsExplainedInTheCallersLanguage() throws Exception {
        bothLanguages(caseworker, () -> json(post("/api/v1/cases/{id}/episodes", caseId),
                "{\"stage\":\"EXPLOITATION\",\"countryCode\":\"KHM\",\"startedOn\":\"2026-13-45\"}"), 400, "Invalid input");
        String km = call(caseworker, json(post("/api/v1/cases/{id}/episodes", caseId),
                "{\"stage\":\"EXPLOITATION\",\"startedOn\":\"2026-13-45\"}"), "km", 400);
        assertThat((String) JsonPath.read(km, "$.errors[0].field")).isEqualTo("startedOn");
        assertThat((String) JsonPath.read(km, "$.errors[0].code")).isEqualTo("api.error.field.date");
        bothLanguages(caseworker, () -> json(post("/api/v1/cases/{id}/notes", caseId), "{\"body\": "), 400,
                "Invalid input");
    }

    @Test
    void serviceValidationMessagesAreTranslatedByTheirCode() throws Exception {
        bothLanguages(caseworker, () -> json(post("/api/v1/cases/{id}/notes", caseId), "{\"body\":\"  \"}"), 400,
                "Invalid input");
        bothLanguages(caseworker, () -> json(post("/api/v1/cases/{id}/episodes", caseId),
                "{\"stage\":\"EXPLOITATION\",\"countryCode\":\"KHM\",\"form\":\"ALCHEMY\","
                        + "\"startedOn\":\"2024-05-01\",\"endedOn\":\"2024-01-01\"}"), 400, "Invalid input");
        String en = call(caseworker, json(post("/api/v1/cases/{id}/notes", caseId), "{\"body\":\"  \"}"), "en", 400);
        assertThat((String) JsonPath.read(en, "$.errors[0].message")).isEqualTo("This field is required.");
        assertThat((String) JsonPath.read(en, "$.errors[0].code")).isEqualTo("cases.error.required");
    }

    @Test
    void notFoundConflictAndForbiddenFollowTheLanguageToo() throws Exception {
        bothLanguages(stranger, () -> get("/api/v1/cases/{id}", caseId), 404, "Not found");
        int version = jdbc.sql("select version from survivor_case where id = ?").param(caseId).query(Integer.class).single();
        bothLanguages(caseworker, () -> json(post("/api/v1/cases/{id}/activation", caseId),
                "{\"version\":" + (version + 7) + "}"), 409, "Conflict");
        CurrentUser analyst = new SecurityFixtures(jdbc).user(
                new SecurityFixtures(jdbc).organisation(OrganisationType.SHELTER), Role.DATA_ANALYST);
        bothLanguages(analyst, () -> get("/api/v1/cases/{id}", caseId), 403, "Forbidden");
    }
}
