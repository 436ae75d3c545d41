package org.haven.cases;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.haven.HavenIntegrationTest;
import org.haven.cases.CaseViews.OpenedCase;
import org.haven.security.CurrentUser;
import org.haven.security.OrganisationType;
import org.haven.security.Role;
import org.haven.security.SecurityFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.*;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.*;

/** Bad input answers 400 problem+json naming the field, and writes nothing. */
@HavenIntegrationTest
@AutoConfigureMockMvc
class CaseBadInputIT {

    static final List<String> TABLES = List.of("survivor", "survivor_case", "survivor_name_key", "case_consent",
            "case_screening", "case_episode", "case_service", "case_note", "case_attachment", "case_identification");

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CaseManagement cases;

    CurrentUser caseworker;
    OpenedCase opened;

    @BeforeEach
    void setUp() {
        SecurityFixtures security = new SecurityFixtures(jdbc);
        caseworker = security.user(security.organisation(OrganisationType.SHELTER), Role.CASEWORKER);
        opened = new CaseFixtures(cases).anOpenCase(caseworker);
    }

    private void refused(AbstractMockHttpServletRequestBuilder<?> request, String field) throws Exception {
        Map<String, Long> before = counts();
        mvc.perform(request.with(SecurityFixtures.as(caseworker)).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(field == null ? jsonPath("$.status").value(400)
                        : jsonPath("$.errors[?(@.field == '" + field + "')]").exists());
        assertThat(counts()).as("nothing written").isEqualTo(before);
    }

    private Map<String, Long> counts() {
        Map<String, Long> m = new java.util.TreeMap<>();
        TABLES.forEach(t -> m.put(t, jdbc.sql("select count(*) from " + t).query(Long.class).single()));
        return m;
    }

    private static AbstractMockHttpServletRequestBuilder<?> json(AbstractMockHttpServletRequestBuilder<?> b, String body) {
        return b.contentType(MediaType.APPLICATION_JSON).content(body);
    }

    String register(String identity, String profile, String identifiedOn, String channel) {
        return "{\"identity\":" + identity + ",\"profile\":" + profile + ",\"identifiedOn\":\"" + identifiedOn
                + "\",\"identificationChannel\":\"" + channel + "\",\"duplicatesAcknowledged\":true}";
    }

    static final String OK_IDENTITY = "{\"familyName\":\"Test Survivor\",\"givenName\":\"Bad Input Demo\"}";
    static final String OK_PROFILE = "{\"sex\":\"FEMALE\",\"birthYear\":2000,\"nationality\":\"KHM\"}";

    @Test
    void refusesRegistrationWithFutureDateUnknownCodesOrOverlongNames() throws Exception {
        String future = LocalDate.now().plusDays(5).toString();
        refused(json(post("/api/v1/cases"), register(OK_IDENTITY, OK_PROFILE, future, "HOTLINE")), "identifiedOn");
        refused(json(post("/api/v1/cases"), register(OK_IDENTITY, OK_PROFILE, "2024-01-01", "TELEPATHY")), "identificationChannel");
        refused(json(post("/api/v1/cases"), register(OK_IDENTITY, "{\"sex\":\"ROBOT\"}", "2024-01-01", "HOTLINE")), "sex");
        refused(json(post("/api/v1/cases"), register(OK_IDENTITY, "{\"sex\":\"FEMALE\",\"nationality\":\"XXX\"}", "2024-01-01", "HOTLINE")), "nationality");
        refused(json(post("/api/v1/cases"), register("{\"givenName\":\"" + "x".repeat(101) + "\"}", OK_PROFILE, "2024-01-01", "HOTLINE")), "givenName");
        refused(json(post("/api/v1/cases"), register("{}", OK_PROFILE, "2024-01-01", "HOTLINE")), "givenName");
        refused(json(post("/api/v1/cases"), register("{\"givenName\":\"Demo\",\"phone\":\"call me maybe\"}", OK_PROFILE, "2024-01-01", "HOTLINE")), "phone");
        refused(json(post("/api/v1/cases"), register(OK_IDENTITY, "{\"sex\":\"FEMALE\",\"originPlaceCode\":\"12345\"}", "2024-01-01", "HOTLINE")), "originPlaceCode");
        refused(json(post("/api/v1/cases"), register(OK_IDENTITY, OK_PROFILE, "1850-01-01", "HOTLINE")), "identifiedOn");
    }

    @Test
    void refusesMalformedJsonAndUnparseableDates() throws Exception {
        refused(json(post("/api/v1/cases"), "{\"identity\": "), null);
        refused(json(post("/api/v1/cases"), register(OK_IDENTITY, OK_PROFILE, "2024-02-30", "HOTLINE")), null);
    }

    @Test
    void refusesBadChildRecords() throws Exception {
        UUID id = opened.caseId();
        refused(json(post("/api/v1/cases/{id}/notes", id), "{\"body\":\"" + "n".repeat(10_001) + "\"}"), "body");
        refused(json(post("/api/v1/cases/{id}/notes", id), "{\"body\":\"  \"}"), "body");
        refused(json(post("/api/v1/cases/{id}/screenings", id),
                "{\"screenedOn\":\"2024-01-01\",\"indicatorCodes\":[\"ACT.TELEPORT\"]}"), "indicatorCodes");
        refused(json(post("/api/v1/cases/{id}/episodes", id),
                "{\"stage\":\"RECRUITMENT\",\"countryCode\":\"THA\",\"placeCode\":\"0102\"}"), "placeCode");
        refused(json(post("/api/v1/cases/{id}/episodes", id),
                "{\"stage\":\"EXPLOITATION\",\"countryCode\":\"KHM\",\"form\":\"ALCHEMY\"}"), "form");
        refused(json(post("/api/v1/cases/{id}/episodes", id),
                "{\"stage\":\"EXPLOITATION\",\"countryCode\":\"KHM\",\"startedOn\":\"2024-05-01\",\"endedOn\":\"2024-01-01\"}"), "endedOn");
        refused(json(post("/api/v1/cases/{id}/services", id), "{\"serviceType\":\"MASSAGE\",\"startedOn\":\"2024-01-01\"}"), "serviceType");
        refused(json(post("/api/v1/cases/{id}/consents", id),
                "{\"scope\":\"SHARING\",\"givenBy\":\"SURVIVOR\",\"method\":\"SIGNATURE\",\"givenOn\":\"2024-01-01\"}"), "recipientOrganisationId");
        refused(json(post("/api/v1/cases/{id}/consents", id),
                "{\"scope\":\"STATISTICS\",\"givenBy\":\"GUARDIAN\",\"method\":\"VERBAL_WITH_WITNESS\",\"givenOn\":\"2024-01-01\"}"), "witnessName");
        refused(json(post("/api/v1/cases/{id}/identifications", id),
                "{\"decidedBy\":\"Test\",\"authority\":\"MOSAVY\",\"form\":\"f\",\"decidedOn\":\"2024-01-01\",\"outcome\":\"MAYBE\"}"), "outcome");
    }

    @Test
    void aDuplicateCheckWithoutAnIdentityIsAClearError() throws Exception {
        refused(json(post("/api/v1/cases/duplicates"), "{}"), "identity");
    }

    @Test
    void refusesDisguisedUnknownAndOversizedFiles() throws Exception {
        UUID id = opened.caseId();
        byte[] exe = "MZ\u0090\u0000 this is not a pdf".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        refused(multipart("/api/v1/cases/{id}/attachments", id).file(new MockMultipartFile("file", "report.pdf", "application/pdf", exe)), "file");
        byte[] pdf = "%PDF-1.4\n%test\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        refused(multipart("/api/v1/cases/{id}/attachments", id).file(new MockMultipartFile("file", "photo.png", "image/png", pdf)), "file");
        refused(multipart("/api/v1/cases/{id}/attachments", id).file(new MockMultipartFile("file", "empty.pdf", "application/pdf", new byte[0])), "file");
        byte[] big = new byte[6 * 1024 * 1024];
        System.arraycopy(pdf, 0, big, 0, pdf.length);
        refused(multipart("/api/v1/cases/{id}/attachments", id).file(new MockMultipartFile("file", "big.pdf", "application/pdf", big)), "file");
        byte[] brokenPng = java.util.Arrays.copyOf(CaseAuthorizationIT.png(), 20);
        refused(multipart("/api/v1/cases/{id}/attachments", id).file(new MockMultipartFile("file", "broken.png", "image/png", brokenPng)), "file");
        // Archives are refused whatever they are called: a real ZIP holding a PDF, as .zip and disguised as .pdf.
        java.io.ByteArrayOutputStream zipped = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(zipped)) {
            zip.putNextEntry(new java.util.zip.ZipEntry("inside.pdf"));
            zip.write(pdf);
            zip.closeEntry();
        }
        refused(multipart("/api/v1/cases/{id}/attachments", id).file(new MockMultipartFile("file", "bundle.zip", "application/zip", zipped.toByteArray())), "file");
        refused(multipart("/api/v1/cases/{id}/attachments", id).file(new MockMultipartFile("file", "bundle.pdf", "application/pdf", zipped.toByteArray())), "file");
        org.assertj.core.api.Assertions.assertThat(jdbc.sql("select count(*) from case_attachment where case_id = ?")
                .param(id).query(Integer.class).single()).as("nothing was stored").isZero();
    }
}
