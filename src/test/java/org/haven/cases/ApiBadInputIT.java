package org.haven.cases;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
 * A JSON body whose values Jackson cannot read answers 400 problem+json in the shape of {@code InvalidInput}: the
 * field by JSON path, a stable code and a clear message — never the parser's message nor the body — and writes
 * nothing.
 */
@HavenIntegrationTest
class ApiBadInputIT {

    static final List<String> TABLES = CaseBadInputIT.TABLES;
    static final String SECRET = "Test Survivor Sokha Demo";

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CaseManagement cases;

    CurrentUser caseworker;
    UUID caseId;

    @BeforeEach
    void setUp() {
        SecurityFixtures security = new SecurityFixtures(jdbc);
        caseworker = security.user(security.organisation(OrganisationType.SHELTER), Role.CASEWORKER);
        caseId = new CaseFixtures(cases).anOpenCase(caseworker).caseId();
    }

    /** Sends the body, expects 400 problem+json with exactly one error, returns it as {field, code, message}. */
    private Map<String, Object> refused(MockHttpServletRequestBuilder request, String body) throws Exception {
        Map<String, Long> before = counts();
        MvcResult r = mvc.perform(request.contentType(MediaType.APPLICATION_JSON).content(body)
                .header("Accept-Language", "en").with(SecurityFixtures.as(caseworker)).with(csrf())).andReturn();
        String json = r.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(r.getResponse().getStatus()).as(json).isEqualTo(400);
        assertThat(r.getResponse().getContentType()).startsWith("application/problem+json");
        assertThat((String) JsonPath.read(json, "$.title")).isEqualTo("Invalid input");
        assertThat(json).as("no parser internals").doesNotContain("Failed to read request").doesNotContain("tools.jackson")
                .doesNotContain("Cannot deserialize").doesNotContain("java.").doesNotContain("line:")
                .as("no echo of the body").doesNotContain(SECRET);
        List<Map<String, Object>> errors = JsonPath.read(json, "$.errors");
        assertThat(errors).hasSize(1);
        assertThat((String) JsonPath.read(json, "$.detail")).isEqualTo(errors.get(0).get("message"));
        assertThat(counts()).as("nothing written").isEqualTo(before);
        return errors.get(0);
    }

    private Map<String, Long> counts() {
        Map<String, Long> m = new TreeMap<>();
        TABLES.forEach(t -> m.put(t, jdbc.sql("select count(*) from " + t).query(Long.class).single()));
        return m;
    }

    @Test
    void anImpossibleDateNamesItsField() throws Exception {
        Map<String, Object> e = refused(post("/api/v1/cases/{id}/episodes", caseId),
                "{\"stage\":\"EXPLOITATION\",\"countryCode\":\"KHM\",\"startedOn\":\"2026-13-45\",\"notes\":\"" + SECRET + "\"}");
        assertThat(e).containsEntry("field", "startedOn").containsEntry("code", "api.error.field.date")
                .containsEntry("message", "Not a valid date: expected YYYY-MM-DD, for example 2026-03-31.");
        // A day that does not exist in its month is refused the same way (ISO dates are strict).
        assertThat(refused(post("/api/v1/cases/{id}/services", caseId),
                "{\"serviceType\":\"SHELTER\",\"startedOn\":\"2024-02-30\"}"))
                .containsEntry("field", "startedOn").containsEntry("code", "api.error.field.date");
        // Wrong format entirely.
        assertThat(refused(post("/api/v1/cases/{id}/screenings", caseId), "{\"screenedOn\":\"31/03/2024\"}"))
                .containsEntry("field", "screenedOn").containsEntry("code", "api.error.field.date");
    }

    @Test
    void aNestedValueNamesItsJsonPath() throws Exception {
        String identity = "{\"familyName\":\"" + SECRET + "\",\"dateOfBirth\":\"2001-02-29\"}";
        Map<String, Object> e = refused(post("/api/v1/cases"), "{\"identity\":" + identity
                + ",\"profile\":{\"sex\":\"FEMALE\"},\"identifiedOn\":\"2024-01-01\",\"identificationChannel\":\"HOTLINE\"}");
        assertThat(e).containsEntry("field", "identity.dateOfBirth").containsEntry("code", "api.error.field.date");
        // An element of a list: the index is part of the path.
        Map<String, Object> listed = refused(post("/api/v1/cases"), "{\"identity\":{\"familyName\":\"" + SECRET
                + "\",\"documents\":[{\"type\":\"PASSPORT\",\"number\":\"N1\"},{\"type\":\"ID_CARD\",\"number\":{\"x\":1}}]},"
                + "\"profile\":{\"sex\":\"FEMALE\"},\"identifiedOn\":\"2024-01-01\",\"identificationChannel\":\"HOTLINE\"}");
        assertThat(listed).containsEntry("field", "identity.documents[1].number")
                .containsEntry("code", "api.error.field.text");
    }

    @Test
    void textWhereANumberIsExpectedNamesItsField() throws Exception {
        Map<String, Object> e = refused(post("/api/v1/cases"), "{\"identity\":{\"familyName\":\"" + SECRET + "\"},"
                + "\"profile\":{\"sex\":\"FEMALE\",\"birthYear\":\"nineteen-ninety\"},\"identifiedOn\":\"2024-01-01\","
                + "\"identificationChannel\":\"HOTLINE\"}");
        assertThat(e).containsEntry("field", "profile.birthYear").containsEntry("code", "api.error.field.integer")
                .containsEntry("message", "Not a valid whole number.");
        // A number too large for its field.
        assertThat(refused(post("/api/v1/cases/{id}/screenings", caseId),
                "{\"screenedOn\":\"2024-01-01\",\"ageAtRecruitment\":99999999999999}"))
                .containsEntry("field", "ageAtRecruitment").containsEntry("code", "api.error.field.integer");
        // An object where a list is expected, and a bad identifier.
        assertThat(refused(post("/api/v1/cases/{id}/screenings", caseId),
                "{\"screenedOn\":\"2024-01-01\",\"indicatorCodes\":{\"a\":1}}"))
                .containsEntry("field", "indicatorCodes").containsEntry("code", "api.error.field.list");
        assertThat(refused(post("/api/v1/cases/{id}/shares", caseId),
                "{\"organisationId\":\"not-a-uuid\",\"purpose\":\"SERVICES\"}"))
                .containsEntry("field", "organisationId").containsEntry("code", "api.error.field.uuid");
    }

    @Test
    void brokenSyntaxIsAClearErrorOfTheWholeBody() throws Exception {
        Map<String, Object> e = refused(post("/api/v1/cases/{id}/notes", caseId), "{\"body\":\"" + SECRET + "\" ");
        assertThat(e).containsEntry("field", "").containsEntry("code", "api.error.body.malformed")
                .containsEntry("message", "The request body is not valid JSON.");
        assertThat(refused(post("/api/v1/cases/{id}/notes", caseId), "{\"body\": '" + SECRET + "'}"))
                .containsEntry("code", "api.error.body.malformed");
        assertThat(refused(post("/api/v1/cases/{id}/notes", caseId), ""))
                .containsEntry("field", "").containsEntry("code", "api.error.body.missing");
    }

    @Test
    void aPathVariableThatIsNoIdentifierNamesIt() throws Exception {
        MvcResult r = mvc.perform(get("/api/v1/cases/{id}", "not-a-case").header("Accept-Language", "en")
                .with(SecurityFixtures.as(caseworker))).andReturn();
        String json = r.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(r.getResponse().getStatus()).as(json).isEqualTo(400);
        assertThat((String) JsonPath.read(json, "$.errors[0].field")).isEqualTo("id");
        assertThat((String) JsonPath.read(json, "$.errors[0].code")).isEqualTo("api.error.field.uuid");
    }
}
