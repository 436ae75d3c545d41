package org.haven.referrals;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.jayway.jsonpath.JsonPath;
import org.haven.HavenIntegrationTest;
import org.haven.cases.CaseManagement;
import org.haven.referrals.ReferralFixtures.Scene;
import org.haven.referrals.ReferralViews.RecordDelivery;
import org.haven.security.CurrentUser;
import org.haven.security.SecurityFixtures;
import org.haven.shared.web.Conflict;
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
 * The referral loop through the API against real PostgreSQL: consent refusal and audited override, what the
 * receiver sees before and after acceptance, access ending on completion, withdrawal and consent withdrawal,
 * concurrent acceptance, services delivered, notifications and overdue referrals.
 */
@HavenIntegrationTest
class ReferralFlowIT {

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

    MvcResult postJson(CurrentUser user, String path, String body, int expected) throws Exception {
        MvcResult r = mvc.perform(post(path).with(as(user)).with(csrf()).contentType(MediaType.APPLICATION_JSON)
                .content(body)).andReturn();
        assertThat(r.getResponse().getStatus()).as(path + " → " + r.getResponse().getContentAsString()).isEqualTo(expected);
        return r;
    }

    int getStatus(CurrentUser user, String path) throws Exception {
        return mvc.perform(get(path).with(as(user))).andReturn().getResponse().getStatus();
    }

    static String referral(Scene s, String service, String override) {
        return "{\"caseId\":\"" + s.caseId() + "\",\"toOrganisationId\":\"" + s.receiver() + "\",\"services\":[\"" + service
                + "\"],\"reason\":\"Test reason: court support\",\"urgency\":\"URGENT\""
                + (override == null ? "" : ",\"overrideReason\":\"" + override + "\"") + "}";
    }

    @Test
    void refusesReferralWithoutCoveringConsent() throws Exception {
        Scene s = fx.scene();
        MvcResult r = postJson(s.caseworker(), "/api/v1/referrals", referral(s, "LEGAL_AID", null), 409);
        assertThat(r.getResponse().getContentType()).contains("problem+json");
        assertThat(r.getResponse().getContentAsString()).contains("consent");
        assertThat(jdbc.sql("select count(*) from referral where case_id = ?").param(s.caseId()).query(Integer.class).single())
                .isZero();
    }

    @Test
    void overrideNeedsThePermissionAndIsAuditedWithItsReason() throws Exception {
        Scene s = fx.scene();
        postJson(s.caseworker(), "/api/v1/referrals", referral(s, "LEGAL_AID", "Test override: survivor in hospital"), 403);
        MvcResult r = postJson(s.supervisor(), "/api/v1/referrals",
                referral(s, "LEGAL_AID", "Test override: survivor in hospital"), 201);
        String id = JsonPath.read(r.getResponse().getContentAsString(), "$.summary.id");
        assertThat((Boolean) JsonPath.read(r.getResponse().getContentAsString(), "$.summary.consentOverridden")).isTrue();
        var audited = jdbc.sql("select actor_user_id, purpose from audit_event where action = 'referral.consent-override' "
                + "and subject_ids @> array[cast(? as text)]").param(id)
                .query((rs, n) -> List.of(rs.getObject(1, UUID.class).toString(), rs.getString(2))).list();
        assertThat(audited).containsExactly(List.of(s.supervisor().userId().toString(), "Test override: survivor in hospital"));
        // Without a consent the receiver may accept but gets no access to the case.
        postJson(s.officer(), "/api/v1/referrals/" + id + "/acceptance", "", 200);
        assertThat(getStatus(s.officer(), "/api/v1/cases/" + s.caseId())).isEqualTo(404);
    }

    @Test
    void receiverSeesOnlyTheSummaryBeforeAcceptanceAndTheCaseAfter() throws Exception {
        Scene s = fx.scene();
        fx.consent(s);
        MvcResult sent = postJson(s.caseworker(), "/api/v1/referrals", referral(s, "LEGAL_AID", null), 201);
        String id = JsonPath.read(sent.getResponse().getContentAsString(), "$.summary.id");

        String before = mvc.perform(get("/api/v1/referrals/" + id).with(as(s.officer()))).andReturn().getResponse()
                .getContentAsString();
        assertThat((Object) JsonPath.read(before, "$.summary.caseId")).isNull();
        assertThat((String) JsonPath.read(before, "$.summary.caseCode")).isEqualTo(s.caseCode());
        assertThat((String) JsonPath.read(before, "$.summary.ageBand")).isEqualTo("25-34");
        assertThat((String) JsonPath.read(before, "$.summary.sex")).isEqualTo("FEMALE");
        assertThat(before).doesNotContain("Test Survivor").doesNotContain("1998").doesNotContain(s.caseId().toString());
        assertThat(getStatus(s.officer(), "/api/v1/cases/" + s.caseId())).isEqualTo(404);

        postJson(s.officer(), "/api/v1/referrals/" + id + "/acceptance", "", 200);
        String after = mvc.perform(get("/api/v1/referrals/" + id).with(as(s.officer()))).andReturn().getResponse()
                .getContentAsString();
        assertThat((String) JsonPath.read(after, "$.summary.caseId")).isEqualTo(s.caseId().toString());
        MvcResult c = mvc.perform(get("/api/v1/cases/" + s.caseId()).with(as(s.officer()))).andReturn();
        assertThat(c.getResponse().getStatus()).isEqualTo(200);
        assertThat(c.getResponse().getContentAsString()).contains("Test Survivor");

        // the sender was notified of the acceptance
        String notes = mvc.perform(get("/api/v1/referrals/notifications").with(as(s.caseworker()))).andReturn()
                .getResponse().getContentAsString();
        assertThat(notes).contains("\"ACCEPTED\"").contains(id);
    }

    @Test
    void completionEndsAccessAndTheSenderSeesDeliveredServices() throws Exception {
        Scene s = fx.scene();
        fx.consent(s);
        UUID id = fx.send(s, "LEGAL_AID");
        postJson(s.officer(), "/api/v1/referrals/" + id + "/acceptance", "", 200);
        postJson(s.officer(), "/api/v1/referrals/" + id + "/deliveries", "{\"serviceType\":\"LEGAL_AID\",\"deliveredOn\":\""
                + LocalDate.now(CaseManagement.ZONE) + "\",\"outcome\":\"Test: statement filed\"}", 201);
        String seen = mvc.perform(get("/api/v1/referrals/" + id).with(as(s.caseworker()))).andReturn().getResponse()
                .getContentAsString();
        assertThat((List<String>) JsonPath.read(seen, "$.deliveries[*].serviceType")).containsExactly("LEGAL_AID");
        assertThat((String) JsonPath.read(seen, "$.summary.status")).isEqualTo("IN_PROGRESS");

        postJson(s.officer(), "/api/v1/referrals/" + id + "/completion", "", 200);
        assertThat(getStatus(s.officer(), "/api/v1/cases/" + s.caseId())).isEqualTo(404);
        assertThat(getStatus(s.caseworker(), "/api/v1/cases/" + s.caseId())).isEqualTo(200);
    }

    @Test
    void withdrawalEndsAccess() throws Exception {
        Scene s = fx.scene();
        fx.consent(s);
        UUID id = fx.send(s, "LEGAL_AID");
        postJson(s.officer(), "/api/v1/referrals/" + id + "/acceptance", "", 200);
        assertThat(getStatus(s.officer(), "/api/v1/cases/" + s.caseId())).isEqualTo(200);
        // the receiver is not the referring organisation: the referral is not within its reach for withdrawal
        postJson(s.officer(), "/api/v1/referrals/" + id + "/withdrawal", "", 404);
        postJson(s.caseworker(), "/api/v1/referrals/" + id + "/withdrawal", "", 200);
        assertThat(getStatus(s.officer(), "/api/v1/cases/" + s.caseId())).isEqualTo(404);
        assertThat(referralsNotifiedTo(s.receiver(), id)).contains("WITHDRAWN");
    }

    @Test
    void consentWithdrawalEndsAccessOnTheNextRequest() throws Exception {
        Scene s = fx.scene();
        UUID consent = fx.consent(s);
        UUID id = fx.send(s, "LEGAL_AID");
        postJson(s.officer(), "/api/v1/referrals/" + id + "/acceptance", "", 200);
        assertThat(getStatus(s.officer(), "/api/v1/cases/" + s.caseId())).isEqualTo(200);
        postJson(s.caseworker(), "/api/v1/cases/" + s.caseId() + "/consents/" + consent + "/withdrawal", "", 204);
        assertThat(getStatus(s.officer(), "/api/v1/cases/" + s.caseId())).isEqualTo(404);
    }

    @Test
    void concurrentAcceptanceCreatesOneGrant() throws Exception {
        Scene s = fx.scene();
        fx.consent(s);
        UUID id = fx.send(s, "LEGAL_AID");
        List<CurrentUser> acceptors = List.of(s.officer(), s.officer2(), s.officer(), s.officer2());
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(acceptors.size());
        try {
            List<Future<String>> results = new ArrayList<>();
            for (CurrentUser u : acceptors) {
                results.add(pool.submit(() -> {
                    start.await();
                    SecurityFixtures.signIn(u);
                    try {
                        referrals.accept(id);
                        return "accepted";
                    } catch (Conflict e) {
                        return e.code();
                    } finally {
                        SecurityFixtures.signOut();
                    }
                }));
            }
            start.countDown();
            List<String> outcomes = new ArrayList<>();
            for (Future<String> f : results) {
                outcomes.add(f.get());
            }
            assertThat(outcomes).containsOnlyOnce("accepted");
            assertThat(outcomes).filteredOn(o -> !o.equals("accepted")).containsOnly("referrals.alreadyAnswered");
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.sql("select count(*) from case_access_grant where source_ref = ?").param(id).query(Integer.class)
                .single()).isEqualTo(1);
    }

    @Test
    void declineNeedsAReasonAndIsShownToTheSender() throws Exception {
        Scene s = fx.scene();
        fx.consent(s);
        UUID id = fx.send(s, "LEGAL_AID");
        MvcResult bad = postJson(s.officer(), "/api/v1/referrals/" + id + "/decline", "{\"reason\":\" \"}", 400);
        assertThat(bad.getResponse().getContentAsString()).contains("reason");
        postJson(s.officer(), "/api/v1/referrals/" + id + "/decline", "{\"reason\":\"Test: no lawyer free\"}", 200);
        String seen = mvc.perform(get("/api/v1/referrals/" + id).with(as(s.caseworker()))).andReturn().getResponse()
                .getContentAsString();
        assertThat((String) JsonPath.read(seen, "$.declineReason")).isEqualTo("Test: no lawyer free");
        postJson(s.officer(), "/api/v1/referrals/" + id + "/acceptance", "", 409);
    }

    @Test
    void overdueReferralsShowToBothSides() throws Exception {
        Scene s = fx.scene();
        fx.consent(s);
        UUID id = fx.send(s, "LEGAL_AID");
        Integer hours = jdbc.sql("select cast(round(extract(epoch from respond_by - sent_at) / 3600) as integer) from referral where id = ?")
                .param(id).query(Integer.class).single();
        assertThat(hours).isEqualTo(72);
        jdbc.sql("update referral set respond_by = now() - interval '1 hour' where id = ?").param(id).update();
        for (CurrentUser u : List.of(s.caseworker(), s.officer())) {
            String body = mvc.perform(get("/api/v1/referrals/overdue").with(as(u))).andReturn().getResponse()
                    .getContentAsString();
            assertThat(body).contains(id.toString());
        }
    }

    @Test
    void badInputIsRefusedWithClearErrors() throws Exception {
        Scene s = fx.scene();
        UUID consent = fx.consent(s);
        // a service the receiver does not offer
        MvcResult r = postJson(s.caseworker(), "/api/v1/referrals", referral(s, "SHELTER", null), 400);
        assertThat(r.getResponse().getContentAsString()).contains("services").contains("does not offer");
        // one's own organisation
        String own = referral(s, "LEGAL_AID", null).replace(s.receiver().toString(), s.shelter().toString());
        r = postJson(s.caseworker(), "/api/v1/referrals", own, 400);
        assertThat(r.getResponse().getContentAsString()).contains("toOrganisationId").contains("own organisation");
        // unknown urgency, missing reason
        r = postJson(s.caseworker(), "/api/v1/referrals", referral(s, "LEGAL_AID", null).replace("URGENT", "SOON")
                .replace("Test reason: court support", ""), 400);
        assertThat(r.getResponse().getContentAsString()).contains("urgency").contains("reason");
        // an expired consent
        jdbc.sql("update case_consent set given_on = current_date - 30, expires_on = current_date - 1 where id = ?")
                .param(consent).update();
        r = postJson(s.caseworker(), "/api/v1/referrals", referral(s, "LEGAL_AID", null), 409);
        assertThat(r.getResponse().getContentAsString()).contains("expired");
        // a disabled organisation
        jdbc.sql("update organisation set enabled = false where id = ?").param(s.receiver()).update();
        r = postJson(s.caseworker(), "/api/v1/referrals", referral(s, "LEGAL_AID", null), 400);
        assertThat(r.getResponse().getContentAsString()).contains("toOrganisationId").contains("disabled");
        assertThat(jdbc.sql("select count(*) from referral where case_id = ?").param(s.caseId()).query(Integer.class).single())
                .isZero();
    }

    @Test
    void deliveriesNeedAnAcceptedReferral() {
        Scene s = fx.scene();
        fx.consent(s);
        UUID id = fx.send(s, "LEGAL_AID");
        SecurityFixtures.signIn(s.officer());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> referrals.recordDelivery(id,
                new RecordDelivery("LEGAL_AID", LocalDate.now(CaseManagement.ZONE), null)))
                .isInstanceOf(Conflict.class);
    }

    List<String> referralsNotifiedTo(UUID org, UUID referral) {
        return jdbc.sql("select event from referral_notification where organisation_id = ? and referral_id = ?")
                .params(org, referral).query(String.class).list();
    }
}
