package org.haven.prevention;

import java.util.List;
import java.util.UUID;

import org.haven.HavenIntegrationTest;
import org.haven.places.internal.GazetteerImporter;
import org.haven.security.CurrentUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haven.security.SecurityFixtures.as;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@HavenIntegrationTest
@AutoConfigureMockMvc
@ExtendWith(OutputCaptureExtension.class)
class TipsIT {

    static final String TEXT = "Test tip Demo Kq7xv: the son of a neighbour was taken to a compound after an online job offer";

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    GazetteerImporter importer;

    PreventionFixtures fixtures;

    @BeforeEach
    void setUp() {
        fixtures = new PreventionFixtures(jdbc, importer);
    }

    @Test
    void anonymousTipGetsAReferenceCodeAndStoresNoNetworkIdentifier(CapturedOutput output) throws Exception {
        String address = "203.0.113.77";
        mvc.perform(get("/tips/new").header("Accept-Language", "km")).andExpect(status().isOk())
                .andExpect(content().string(containsString("រាយការណ៍")));
        String code = submit(from(address), "ONLINE_SCAM_COMPOUND", "0102", TEXT, null);
        assertThat(code).matches("[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}");

        UUID id = jdbc.sql("select id from tip order by received_at desc limit 1").query(UUID.class).single();
        var row = jdbc.sql("select category, place_code, contact_sealed is null as anonymous,"
                + " position(convert_to('compound', 'UTF8') in description_sealed) as plain from tip where id = ?")
                .param(id).query().singleRow();
        assertThat(row.get("category")).isEqualTo("ONLINE_SCAM_COMPOUND");
        assertThat(row.get("anonymous")).isEqualTo(true);
        assertThat(row.get("plain")).isEqualTo(0);

        // No column that could hold a network identifier, and the address appears nowhere in tip rows or the log.
        List<String> columns = jdbc.sql("select column_name from information_schema.columns where table_name in"
                + " ('tip', 'tip_addition', 'tip_designation')").query(String.class).list();
        java.util.Set<String> identifying = java.util.Set.of("ip", "ipv4", "ipv6", "addr", "address", "agent",
                "useragent", "host", "hostname", "remote", "client", "device", "session", "fingerprint", "network");
        assertThat(columns).hasSizeGreaterThan(10)
                .noneMatch(c -> java.util.Arrays.stream(c.toLowerCase().split("_")).anyMatch(identifying::contains));
        assertThat(jdbc.sql("select count(*) from tip t where t::text like ?").param("%" + address + "%")
                .query(Integer.class).single()).isZero();
        assertThat(output.getAll()).contains("tipId=" + id).doesNotContain(address).doesNotContain("Kq7xv")
                .doesNotContain(code.replace("-", "")).doesNotContain(code);
    }

    @Test
    void tipFormNeedsTheCsrfTokenAndRefusesOversizedText() throws Exception {
        mvc.perform(post("/tips").with(from("203.0.113.80")).param("category", "FORCED_LABOUR")
                .param("description", TEXT).param("anonymous", "true")).andExpect(status().isForbidden());
        mvc.perform(post("/tips").with(from("203.0.113.80")).with(csrf()).param("category", "FORCED_LABOUR")
                        .param("description", "x".repeat(5001)).param("anonymous", "true"))
                .andExpect(status().isBadRequest());
    }

    @Test
    void reporterAddsInformationWithTheReferenceCodeOnly() throws Exception {
        String code = submit(from("203.0.113.90"), "FORCED_LABOUR", null, TEXT, "Test contact 012 000 000");
        UUID id = jdbc.sql("select id from tip order by received_at desc limit 1").query(UUID.class).single();

        mvc.perform(post("/tips/follow-up").with(from("203.0.113.91")).with(csrf())
                        .param("reference", code.toLowerCase().replace("-", " ")).param("text", "Test addition: boat left at night"))
                .andExpect(status().isOk()).andExpect(content().string(containsString("Received, not yet reviewed")));
        assertThat(jdbc.sql("select count(*) from tip_addition where tip_id = ?").param(id).query(Integer.class)
                .single()).isEqualTo(1);
        mvc.perform(post("/tips/follow-up").with(from("203.0.113.91")).with(csrf())
                        .param("reference", "ABCD-EFGH-JKMN").param("text", "Test addition"))
                .andExpect(status().isNotFound());
        // The follow-up shows the status, never the tip's content.
        mvc.perform(post("/tips/follow-up").with(from("203.0.113.91")).with(csrf()).param("reference", code))
                .andExpect(status().isOk()).andExpect(content().string(org.hamcrest.Matchers.not(containsString("compound"))));
    }

    @Test
    void floodsAreRefusedPerClientWithoutBlockingOthers() throws Exception {
        String flooder = "198.51.100.23";
        for (int i = 0; i < 5; i++) {
            submit(from(flooder), "OTHER", null, TEXT + " " + i, null);
        }
        int before = jdbc.sql("select count(*) from tip").query(Integer.class).single();
        mvc.perform(tipPost(from(flooder), "OTHER", null, TEXT, null)).andExpect(status().isTooManyRequests());
        mvc.perform(post("/tips/follow-up").with(from(flooder)).with(csrf()).param("reference", "ABCD-EFGH-JKMN"))
                .andExpect(status().isTooManyRequests());
        assertThat(jdbc.sql("select count(*) from tip").query(Integer.class).single()).isEqualTo(before);
        submit(from("198.51.100.24"), "OTHER", null, TEXT, null);
    }

    @Test
    void onlyTriagersOfDesignatedOrganisationsSeeAndTriageTips() throws Exception {
        submit(from("203.0.113.100"), "CHILD_RECRUITMENT_ARMED_GROUPS", "01", TEXT, "Test contact demo@example.org");
        UUID id = jdbc.sql("select id from tip order by received_at desc limit 1").query(UUID.class).single();
        CurrentUser designated = fixtures.triager(true);
        CurrentUser notDesignated = fixtures.triager(false);
        CurrentUser officer = fixtures.preventionOfficer();

        mvc.perform(get("/tips/triage").with(as(designated))).andExpect(status().isOk())
                .andExpect(content().string(containsString(id.toString())));
        mvc.perform(get("/tips/triage/" + id).with(as(designated))).andExpect(status().isOk())
                .andExpect(content().string(containsString(TEXT)))
                .andExpect(content().string(containsString("demo@example.org")));
        assertThat(jdbc.sql("select count(*) from audit_event where subject_type = 'tip' and ? = any(subject_ids)"
                + " and action like '%read%'").param(id.toString()).query(Integer.class).single()).isPositive();

        for (CurrentUser refused : List.of(notDesignated, officer)) {
            mvc.perform(get("/tips/triage").with(as(refused))).andExpect(status().isForbidden());
            mvc.perform(get("/tips/triage/" + id).with(as(refused))).andExpect(status().isForbidden());
            mvc.perform(get("/api/v1/tips/" + id).with(as(refused))).andExpect(status().isForbidden());
            mvc.perform(post("/api/v1/tips/" + id + "/triage").with(as(refused)).with(csrf())
                    .contentType(MediaType.APPLICATION_JSON).content("{\"status\":\"DISMISSED\",\"version\":0}"))
                    .andExpect(status().isForbidden());
        }
        mvc.perform(get("/tips/triage")).andExpect(status().is3xxRedirection());
        mvc.perform(get("/api/v1/tips")).andExpect(status().isUnauthorized());

        mvc.perform(post("/api/v1/tips/" + id + "/triage").with(as(designated)).with(csrf())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"status\":\"CONVERTED\",\"version\":0}"))
                .andExpect(status().isBadRequest());
        mvc.perform(post("/tips/triage/" + id).with(as(designated)).with(csrf()).param("status", "CONVERTED")
                        .param("convertedTo", "CASE-TEST-0001").param("version", "0"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(get("/api/v1/tips/" + id).with(as(designated))).andExpect(status().isOk())
                .andExpect(jsonPath("$.summary.status").value("CONVERTED"))
                .andExpect(jsonPath("$.convertedTo").value("CASE-TEST-0001"));
        assertThat(jdbc.sql("select triaged_by_org from tip where id = ?").param(id).query(UUID.class).single())
                .isEqualTo(designated.organisationId());
    }

    @Test
    void administratorDesignatesOrganisationsAndConfiguresHotlinesShownToThePublic() throws Exception {
        CurrentUser admin = fixtures.systemAdmin();
        CurrentUser triager = fixtures.triager(false);
        mvc.perform(get("/tips/triage").with(as(triager))).andExpect(status().isForbidden());
        mvc.perform(post("/admin/prevention/designations").with(as(admin)).with(csrf())
                .param("organisationId", triager.organisationId().toString()).param("designated", "true"))
                .andExpect(status().is3xxRedirection());
        mvc.perform(get("/tips/triage").with(as(triager))).andExpect(status().isOk());

        mvc.perform(post("/admin/prevention/hotlines").with(as(admin)).with(csrf()).param("nameEn", "Test Hotline Demo")
                        .param("nameKm", "ខ្សែទូរស័ព្ទសាកល្បង").param("phone", "+855 12 000 999").param("sortOrder", "1"))
                .andExpect(redirectedUrl("/admin/prevention"));
        mvc.perform(get("/safe-migration").header("Accept-Language", "km")).andExpect(status().isOk())
                .andExpect(content().string(containsString("ខ្សែទូរស័ព្ទសាកល្បង")))
                .andExpect(content().string(containsString("+855 12 000 999")));
        mvc.perform(get("/safe-migration").header("Accept-Language", "en")).andExpect(status().isOk())
                .andExpect(content().string(containsString("Test Hotline Demo")))
                .andExpect(content().string(containsString("How to check a job offer")));
        mvc.perform(get("/admin/prevention").with(as(triager))).andExpect(status().isForbidden());
        mvc.perform(post("/admin/prevention/hotlines").with(as(fixtures.preventionOfficer())).with(csrf())
                .param("nameEn", "x").param("nameKm", "x").param("phone", "123")).andExpect(status().isForbidden());
    }

    private String submit(RequestPostProcessor client, String category, String place, String text, String contact)
            throws Exception {
        var result = mvc.perform(tipPost(client, category, place, text, contact))
                .andExpect(redirectedUrl("/tips/thanks")).andReturn();
        String code = (String) result.getFlashMap().get("reference");
        mvc.perform(get("/tips/thanks").flashAttr("reference", code)).andExpect(status().isOk())
                .andExpect(content().string(containsString(code)));
        return code;
    }

    private static MockHttpServletRequestBuilder tipPost(RequestPostProcessor client, String category, String place,
            String text, String contact) {
        MockHttpServletRequestBuilder b = post("/tips").with(client).with(csrf()).param("category", category)
                .param("description", text).param("anonymous", contact == null ? "true" : "false");
        if (place != null) {
            b.param("placeCode", place);
        }
        if (contact != null) {
            b.param("contact", contact);
        }
        return b;
    }

    private static RequestPostProcessor from(String address) {
        return request -> {
            request.setRemoteAddr(address);
            return request;
        };
    }
}
