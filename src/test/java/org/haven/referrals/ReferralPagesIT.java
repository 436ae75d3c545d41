package org.haven.referrals;

import java.util.UUID;

import org.haven.HavenIntegrationTest;
import org.haven.cases.CaseManagement;
import org.haven.referrals.ReferralFixtures.Scene;
import org.haven.security.SecurityFixtures;
import org.haven.shared.web.HomePanel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haven.security.SecurityFixtures.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** The referral and directory pages in English and Khmer, with field errors and the summary-only view. */
@HavenIntegrationTest
class ReferralPagesIT {

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
    @Autowired
    java.util.List<HomePanel> panels;

    @AfterEach
    void signOut() {
        SecurityFixtures.signOut();
    }

    @Test
    void pagesRenderInEnglishAndKhmer() throws Exception {
        ReferralFixtures fx = new ReferralFixtures(jdbc, caseManagement, directory, referrals);
        Scene s = fx.scene();
        fx.consent(s);
        UUID id = fx.send(s, "LEGAL_AID");
        for (String path : new String[] {"/services", "/referrals", "/referrals/" + id, "/referrals/new?caseId=" + s.caseId(),
                "/referrals/new", "/referrals/indicators"}) {
            MvcResult en = mvc.perform(get(path).param("lang", "en").with(as(s.supervisor()))).andReturn();
            assertThat(en.getResponse().getStatus()).as(path).isEqualTo(200);
            assertThat(en.getResponse().getContentAsString()).as(path).doesNotContain("??");
            MvcResult km = mvc.perform(get(path).param("lang", "km").with(as(s.supervisor()))).andReturn();
            assertThat(km.getResponse().getStatus()).as(path).isEqualTo(200);
            assertThat(km.getResponse().getContentAsString()).as(path).doesNotContain("??").contains("ការបញ្ជូន");
        }
        // without a case chosen, the form offers the organisation's cases
        assertThat(mvc.perform(get("/referrals/new").param("lang", "en").with(as(s.supervisor()))).andReturn()
                .getResponse().getContentAsString()).contains("<select id=\"caseId\"").contains(s.caseCode());
        // The home page itself is not rendered here: on main it currently fails on another module's panel fragment
        // (prosecution/panels :: notifications is missing); the referral panel's data is checked directly instead.
        HomePanel panel = panels.stream().filter(p -> p.titleKey().equals("referrals.panel.title")).findFirst().orElseThrow();
        assertThat(panel.visibleTo(java.util.List.of("REFERRAL_RECEIVE"))).isTrue();
        assertThat(panel.visibleTo(java.util.List.of("REPORT_AGGREGATE"))).isFalse();
        SecurityFixtures.signIn(s.officer());
        assertThat(panel.model().get("notifications").toString()).contains(s.caseCode()).contains("SENT");
    }

    @Test
    void receiverPageShowsTheSummaryOnlyUntilAccepted() throws Exception {
        ReferralFixtures fx = new ReferralFixtures(jdbc, caseManagement, directory, referrals);
        Scene s = fx.scene();
        fx.consent(s);
        UUID id = fx.send(s, "LEGAL_AID");
        String before = mvc.perform(get("/referrals/" + id).param("lang", "en").with(as(s.officer()))).andReturn()
                .getResponse().getContentAsString();
        assertThat(before).contains(s.caseCode()).contains("25-34").doesNotContain("Test Survivor")
                .doesNotContain(s.caseId().toString()).contains("summary only");
        mvc.perform(post("/referrals/" + id + "/accept").with(as(s.officer())).with(csrf()));
        String after = mvc.perform(get("/referrals/" + id).param("lang", "en").with(as(s.officer()))).andReturn()
                .getResponse().getContentAsString();
        assertThat(after).contains(s.caseId().toString()).contains("Accepted");
    }

    @Test
    void formShowsFieldAndConsentErrors() throws Exception {
        ReferralFixtures fx = new ReferralFixtures(jdbc, caseManagement, directory, referrals);
        Scene s = fx.scene();
        String noConsent = mvc.perform(post("/referrals").param("lang", "en").with(as(s.caseworker())).with(csrf())
                .param("caseId", s.caseId().toString()).param("toOrganisationId", s.receiver().toString())
                .param("services", "LEGAL_AID").param("urgency", "NORMAL").param("reason", "Test reason"))
                .andReturn().getResponse().getContentAsString();
        assertThat(noConsent).contains("No consent in force covers");
        String own = mvc.perform(post("/referrals").param("lang", "km").with(as(s.caseworker())).with(csrf())
                .param("caseId", s.caseId().toString()).param("toOrganisationId", s.shelter().toString())
                .param("services", "SHELTER").param("urgency", "NORMAL").param("reason", ""))
                .andReturn().getResponse().getContentAsString();
        assertThat(own).contains("field-error").contains("អ្នកមិនអាចបញ្ជូនករណីទៅអង្គការរបស់អ្នកផ្ទាល់បានទេ។");
        assertThat(jdbc.sql("select count(*) from referral where case_id = ?").param(s.caseId()).query(Integer.class)
                .single()).isZero();
    }
}
