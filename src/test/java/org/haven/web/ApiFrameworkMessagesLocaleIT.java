package org.haven.web;

import java.nio.charset.StandardCharsets;
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
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The API's answers that do not come from Haven's own handlers — the security filters' 401 and 403, and Spring MVC's
 * 405, 415 and 406 — follow the caller's language like every other message: Khmer for {@code km} (header or the
 * {@code haven-lang} cookie), English for {@code en}; the status never changes with the language.
 */
@HavenIntegrationTest
class ApiFrameworkMessagesLocaleIT {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    CurrentUser caseworker;

    @BeforeEach
    void setUp() {
        SecurityFixtures security = new SecurityFixtures(jdbc);
        caseworker = security.user(security.organisation(OrganisationType.SHELTER), Role.CASEWORKER);
    }

    static boolean khmer(String s) {
        return s != null && s.codePoints().anyMatch(c -> c >= 0x1780 && c <= 0x17FF);
    }

    private String answer(MockHttpServletRequestBuilder request, int status) throws Exception {
        MvcResult r = mvc.perform(request).andReturn();
        String json = r.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(r.getResponse().getStatus()).as(json).isEqualTo(status);
        assertThat(r.getResponse().getContentType()).startsWith("application/problem+json");
        return json;
    }

    private void bothLanguages(java.util.function.Supplier<MockHttpServletRequestBuilder> request, int status,
            String englishTitle) throws Exception {
        String km = answer(request.get().header("Accept-Language", "km"), status);
        String en = answer(request.get().header("Accept-Language", "en"), status);
        for (String path : new String[] {"$.title", "$.detail"}) {
            assertThat(khmer(JsonPath.read(km, path))).as(path + " in Khmer: " + km).isTrue();
            assertThat(khmer(JsonPath.read(en, path))).as(path + " in English: " + en).isFalse();
        }
        assertThat((String) JsonPath.read(en, "$.title")).isEqualTo(englishTitle);
        assertThat((Integer) JsonPath.read(km, "$.status")).isEqualTo(status);
    }

    @Test
    void signInIsAskedForInTheCallersLanguage() throws Exception {
        bothLanguages(() -> get("/api/v1/cases"), 401, "Unauthorized");
        bothLanguages(() -> get("/api/v1/cases").header("Authorization", "Bearer not-a-token"), 401, "Unauthorized");
        // the haven-lang cookie chooses too, as on the pages
        String cookie = answer(get("/api/v1/cases").cookie(new jakarta.servlet.http.Cookie("haven-lang", "km")), 401);
        assertThat(khmer(JsonPath.read(cookie, "$.detail"))).isTrue();
    }

    @Test
    void aRefusedCsrfCheckIsForbiddenInTheCallersLanguage() throws Exception {
        // a session (not a bearer token) posting without the CSRF token: refused by the filter chain itself
        bothLanguages(() -> post("/api/v1/cases/{id}/notes", UUID.randomUUID()).with(SecurityFixtures.as(caseworker))
                .contentType(MediaType.APPLICATION_JSON).content("{\"body\":\"x\"}"), 403, "Forbidden");
    }

    @Test
    void springsOwnRefusalsAreTranslated() throws Exception {
        bothLanguages(() -> delete("/api/v1/cases").with(SecurityFixtures.as(caseworker)).with(csrf()), 405,
                "Method Not Allowed");
        bothLanguages(() -> post("/api/v1/cases").with(SecurityFixtures.as(caseworker)).with(csrf())
                .contentType(MediaType.TEXT_PLAIN).content("a survivor"), 415, "Unsupported Media Type");
        bothLanguages(() -> get("/api/v1/no-such-thing").with(SecurityFixtures.as(caseworker)), 404, "Not found");
        String en = answer(delete("/api/v1/cases").with(SecurityFixtures.as(caseworker)).with(csrf())
                .header("Accept-Language", "en"), 405);
        assertThat((String) JsonPath.read(en, "$.detail")).contains("DELETE").contains("GET");
    }
}
