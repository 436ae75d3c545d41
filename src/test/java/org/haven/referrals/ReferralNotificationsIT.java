package org.haven.referrals;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.haven.HavenIntegrationTest;
import org.haven.cases.CaseManagement;
import org.haven.referrals.ReferralFixtures.Scene;
import org.haven.referrals.ReferralViews.RecordDelivery;
import org.haven.security.CurrentUser;
import org.haven.security.Role;
import org.haven.security.SecurityFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haven.security.SecurityFixtures.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * In-app notifications: every state change of a referral notifies the other side's organisation (never its own);
 * each user marks them read for themselves; the list page and the home page show the unread count; overdue referrals
 * show to both sides on the list page.
 */
@HavenIntegrationTest
class ReferralNotificationsIT {

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

    @AfterEach
    void signOut() {
        SecurityFixtures.signOut();
    }

    List<String> events(CurrentUser user, String referralId) throws Exception {
        String body = mvc.perform(get("/api/v1/referrals/notifications").with(as(user))).andReturn().getResponse()
                .getContentAsString();
        return JsonPath.read(body, "$[?(@.referralId == '" + referralId + "')].event");
    }

    List<Boolean> readFlags(CurrentUser user) throws Exception {
        String body = mvc.perform(get("/api/v1/referrals/notifications").with(as(user))).andReturn().getResponse()
                .getContentAsString();
        return JsonPath.read(body, "$[*].read");
    }

    @Test
    void eachChangeNotifiesTheOtherSideAndReadsArePerUser() throws Exception {
        ReferralFixtures fx = new ReferralFixtures(jdbc, caseManagement, directory, referrals);
        Scene s = fx.scene();
        fx.consent(s);
        UUID id = fx.send(s, "LEGAL_AID");
        fx.as(s.officer(), () -> referrals.accept(id));
        fx.as(s.officer(), () -> referrals.recordDelivery(id, new RecordDelivery("LEGAL_AID",
                LocalDate.now(CaseManagement.ZONE), null)));
        fx.as(s.officer(), () -> referrals.complete(id));
        UUID second = fx.send(s, "LEGAL_AID");
        fx.as(s.officer(), () -> referrals.decline(second, "Test: no lawyer free"));
        UUID third = fx.send(s, "LEGAL_AID");
        fx.as(s.caseworker(), () -> referrals.withdraw(third));

        assertThat(events(s.officer(), id.toString())).containsExactly("SENT");
        assertThat(events(s.caseworker(), id.toString())).containsExactlyInAnyOrder("ACCEPTED", "SERVICE_DELIVERED",
                "COMPLETED");
        assertThat(events(s.caseworker(), second.toString())).containsExactly("DECLINED");
        assertThat(events(s.officer(), third.toString())).containsExactlyInAnyOrder("SENT", "WITHDRAWN");

        // the list page shows the unread count; marking read is per user
        String page = mvc.perform(get("/referrals").param("lang", "en").with(as(s.caseworker()))).andReturn()
                .getResponse().getContentAsString();
        assertThat(page).contains("4 unread").contains("id=\"mark-read\"");
        String redirect = mvc.perform(post("/referrals/notifications/read").with(as(s.caseworker())).with(csrf()))
                .andReturn().getResponse().getRedirectedUrl();
        assertThat(redirect).isEqualTo("/referrals");
        assertThat(readFlags(s.caseworker())).isNotEmpty().containsOnly(true);
        assertThat(mvc.perform(get("/referrals").param("lang", "en").with(as(s.caseworker()))).andReturn().getResponse()
                .getContentAsString()).doesNotContain("id=\"unread\"").doesNotContain("id=\"mark-read\"");
        CurrentUser colleague = fx.security.user(s.shelter(), Role.CASEWORKER);
        assertThat(readFlags(colleague)).hasSize(4).containsOnly(false);
        assertThat(mvc.perform(get("/").param("lang", "en").with(as(colleague))).andReturn().getResponse()
                .getContentAsString()).contains("4 unread").contains("Referral notifications");
        // the receiving side reads through the API
        assertThat(mvc.perform(post("/api/v1/referrals/notifications/read").with(as(s.officer2())).with(csrf()))
                .andReturn().getResponse().getStatus()).isEqualTo(204);
        assertThat(readFlags(s.officer2())).containsOnly(true);
        assertThat(readFlags(s.officer())).contains(false);
        // a role without referrals may not mark anything read
        CurrentUser analyst = fx.security.user(s.shelter(), Role.DATA_ANALYST);
        assertThat(mvc.perform(post("/referrals/notifications/read").with(as(analyst)).with(csrf())).andReturn()
                .getResponse().getStatus()).isEqualTo(403);
    }

    @Test
    void overdueReferralsShowOnBothSidesPages() throws Exception {
        ReferralFixtures fx = new ReferralFixtures(jdbc, caseManagement, directory, referrals);
        Scene s = fx.scene();
        fx.consent(s);
        UUID id = fx.send(s, "LEGAL_AID");
        for (CurrentUser u : List.of(s.caseworker(), s.officer())) {
            assertThat(mvc.perform(get("/referrals").param("lang", "en").with(as(u))).andReturn().getResponse()
                    .getContentAsString()).doesNotContain("id=\"overdue\"");
        }
        jdbc.sql("update referral set respond_by = now() - interval '1 hour' where id = ?").param(id).update();
        for (CurrentUser u : List.of(s.caseworker(), s.officer())) {
            String page = mvc.perform(get("/referrals").param("lang", "en").with(as(u))).andReturn().getResponse()
                    .getContentAsString();
            assertThat(page).contains("id=\"overdue\"").contains("/referrals/" + id);
            assertThat(mvc.perform(get("/").param("lang", "en").with(as(u))).andReturn().getResponse()
                    .getContentAsString()).contains("1 referral(s) overdue for an answer");
        }
    }
}
