package org.haven.referrals;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.haven.HavenIntegrationTest;
import org.haven.cases.CaseManagement;
import org.haven.referrals.ReferralFixtures.Scene;
import org.haven.security.CurrentUser;
import org.haven.security.SecurityFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haven.security.SecurityFixtures.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The "done when", once through the pages and once through the API: a shelter caseworker refers a survivor to
 * a legal-aid organisation, the legal officer accepts and records a service (which lands on the shared case), the
 * caseworker sees it under the referral and on the case, and withdrawing the survivor's consent removes the legal
 * officer's access on the very next request — to the case, to the case fields on the referral and to recording.
 */
@HavenIntegrationTest
class ReferralLoopIT {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CaseManagement caseManagement;
    @Autowired
    ServiceDirectory directory;
    @Autowired
    ReferralManagement referrals;

    ReferralFixtures fx;

    @BeforeEach
    void setUp() {
        fx = new ReferralFixtures(jdbc, caseManagement, directory, referrals);
    }

    @AfterEach
    void signOut() {
        SecurityFixtures.signOut();
    }

    String survivorName(Scene s) {
        SecurityFixtures.signIn(s.caseworker());
        try {
            return caseManagement.viewCase(s.caseId()).displayName();
        } finally {
            SecurityFixtures.signOut();
        }
    }

    String organisationName(UUID id) {
        return jdbc.sql("select name from organisation where id = ?").param(id).query(String.class).single();
    }

    String page(CurrentUser user, String path) throws Exception {
        MvcResult r = mvc.perform(get(path).param("lang", "en").with(as(user))).andReturn();
        assertThat(r.getResponse().getStatus()).as(path).isEqualTo(200);
        return r.getResponse().getContentAsString();
    }

    int pageStatus(CurrentUser user, String path) throws Exception {
        return mvc.perform(get(path).param("lang", "en").with(as(user))).andReturn().getResponse().getStatus();
    }

    MvcResult form(CurrentUser user, String path, String... fields) throws Exception {
        var req = post(path).with(as(user)).with(csrf()).param("lang", "en");
        for (int i = 0; i < fields.length; i += 2) {
            req = req.param(fields[i], fields[i + 1]);
        }
        return mvc.perform(req).andReturn();
    }

    @Test
    void throughThePages() throws Exception {
        Scene s = fx.scene();
        UUID consent = fx.consent(s);
        String name = survivorName(s);
        String today = LocalDate.now(CaseManagement.ZONE).toString();

        // the caseworker refers the case from the referral form
        assertThat(page(s.caseworker(), "/referrals/new?caseId=" + s.caseId())).contains(organisationName(s.receiver()));
        MvcResult sent = form(s.caseworker(), "/referrals", "caseId", s.caseId().toString(), "toOrganisationId",
                s.receiver().toString(), "services", "LEGAL_AID", "urgency", "NORMAL", "reason", "Test reason: court support");
        assertThat(sent.getResponse().getRedirectedUrl()).matches("/referrals/[0-9a-f-]{36}");
        String path = sent.getResponse().getRedirectedUrl();

        // the legal officer sees it among received referrals, summary only
        assertThat(page(s.officer(), "/referrals")).contains(s.caseCode()).contains("Referral sent");
        String before = page(s.officer(), path);
        assertThat(before).contains("summary only").doesNotContain(name).doesNotContain("shared-case");

        // accepts; now sees the case fields needed for the service and records a service
        assertThat(form(s.officer(), path + "/accept").getResponse().getRedirectedUrl()).isEqualTo(path);
        String after = page(s.officer(), path);
        assertThat(after).contains("id=\"shared-case\"").contains(name).contains("id=\"delivery-form\"")
                .contains("/cases/" + s.caseId());
        assertThat(page(s.officer(), "/cases/" + s.caseId())).contains(name);
        assertThat(form(s.officer(), path + "/deliveries", "serviceType", "LEGAL_AID", "deliveredOn", today, "outcome",
                "Test: statement filed with the court").getResponse().getRedirectedUrl()).isEqualTo(path);

        // the caseworker sees the service under the referral and on the case, and was notified
        String seen = page(s.caseworker(), path);
        assertThat(seen).contains("Test: statement filed with the court").contains("(also on the case)")
                .contains("In progress");
        assertThat(page(s.caseworker(), "/cases/" + s.caseId())).contains(organisationName(s.receiver()));
        assertThat(page(s.caseworker(), "/referrals")).contains("Service delivered").contains("Referral accepted");

        // the survivor withdraws consent (the caseworker records it on the case page) ...
        form(s.caseworker(), "/cases/" + s.caseId() + "/consents/" + consent + "/withdrawal");
        // ... and the legal officer's very next requests find no case
        assertThat(pageStatus(s.officer(), "/cases/" + s.caseId())).isEqualTo(404);
        String gone = page(s.officer(), path);
        assertThat(gone).contains("id=\"access-ended\"").doesNotContain(name).doesNotContain("id=\"shared-case\"")
                .doesNotContain("id=\"delivery-form\"");
        assertThat(form(s.officer(), path + "/deliveries", "serviceType", "LEGAL_AID", "deliveredOn", today)
                .getResponse().getStatus()).isEqualTo(404);
        assertThat(jdbc.sql("select count(*) from referral_delivery d join referral r on r.id = d.referral_id where r.case_id = ?")
                .param(s.caseId()).query(Integer.class).single()).isEqualTo(1);
    }

    MvcResult api(CurrentUser user, org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder req,
            String body, int expected) throws Exception {
        if (body != null) {
            req = req.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        MvcResult r = mvc.perform(req.with(as(user)).with(csrf())).andReturn();
        assertThat(r.getResponse().getStatus()).as(r.getRequest().getRequestURI() + " → " + r.getResponse()
                .getContentAsString()).isEqualTo(expected);
        return r;
    }

    @Test
    void throughTheApi() throws Exception {
        Scene s = fx.scene();
        UUID consent = fx.consent(s);
        String name = survivorName(s);
        String today = LocalDate.now(CaseManagement.ZONE).toString();

        String created = api(s.caseworker(), post("/api/v1/referrals"), "{\"caseId\":\"" + s.caseId()
                + "\",\"toOrganisationId\":\"" + s.receiver() + "\",\"services\":[\"LEGAL_AID\"],"
                + "\"reason\":\"Test reason: court support\",\"urgency\":\"URGENT\"}", 201).getResponse().getContentAsString();
        String id = JsonPath.read(created, "$.summary.id");

        String before = api(s.officer(), get("/api/v1/referrals/" + id), null, 200).getResponse().getContentAsString();
        assertThat(before).doesNotContain(name);
        assertThat((Object) JsonPath.read(before, "$.sharedCase")).isNull();
        assertThat((Boolean) JsonPath.read(before, "$.caseAccessible")).isFalse();

        String accepted = api(s.officer(), post("/api/v1/referrals/" + id + "/acceptance"), null, 200).getResponse()
                .getContentAsString();
        assertThat((String) JsonPath.read(accepted, "$.sharedCase.name")).isEqualTo(name);
        assertThat((String) JsonPath.read(accepted, "$.sharedCase.sex")).isEqualTo("FEMALE");
        assertThat(accepted).doesNotContain("\"phone\"").doesNotContain("\"notes\"");
        api(s.officer(), get("/api/v1/cases/" + s.caseId()), null, 200);

        String delivered = api(s.officer(), post("/api/v1/referrals/" + id + "/deliveries"), "{\"serviceType\":\"LEGAL_AID\","
                + "\"deliveredOn\":\"" + today + "\",\"outcome\":\"Test: statement filed\"}", 201).getResponse()
                .getContentAsString();
        assertThat((List<Boolean>) JsonPath.read(delivered, "$.deliveries[*].recordedOnCase")).containsExactly(true);
        assertThat((List<String>) JsonPath.read(delivered, "$.sharedCase.services[*].serviceType")).contains("LEGAL_AID");

        String seen = api(s.caseworker(), get("/api/v1/referrals/" + id), null, 200).getResponse().getContentAsString();
        assertThat((List<String>) JsonPath.read(seen, "$.deliveries[*].outcome")).containsExactly("Test: statement filed");
        String onCase = api(s.caseworker(), get("/api/v1/cases/" + s.caseId()), null, 200).getResponse().getContentAsString();
        assertThat((List<String>) JsonPath.read(onCase, "$.services[?(@.providerOrganisationId == '" + s.receiver()
                + "')].serviceType")).containsExactly("LEGAL_AID");
        String notes = api(s.caseworker(), get("/api/v1/referrals/notifications"), null, 200).getResponse()
                .getContentAsString();
        assertThat((List<String>) JsonPath.read(notes, "$[?(@.referralId == '" + id + "')].event"))
                .contains("ACCEPTED", "SERVICE_DELIVERED");

        api(s.caseworker(), post("/api/v1/cases/" + s.caseId() + "/consents/" + consent + "/withdrawal"), null, 204);
        api(s.officer(), get("/api/v1/cases/" + s.caseId()), null, 404);
        String gone = api(s.officer(), get("/api/v1/referrals/" + id), null, 200).getResponse().getContentAsString();
        assertThat((Boolean) JsonPath.read(gone, "$.caseAccessible")).isFalse();
        assertThat((Object) JsonPath.read(gone, "$.sharedCase")).isNull();
        assertThat(gone).doesNotContain(name);
        api(s.officer(), post("/api/v1/referrals/" + id + "/deliveries"), "{\"serviceType\":\"LEGAL_AID\",\"deliveredOn\":\""
                + today + "\"}", 404);
    }
}
