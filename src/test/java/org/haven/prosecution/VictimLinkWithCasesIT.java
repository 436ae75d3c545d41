package org.haven.prosecution;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.haven.HavenIntegrationTest;
import org.haven.cases.CaseCommands.RecordConsent;
import org.haven.cases.CaseFixtures;
import org.haven.cases.CaseManagement;
import org.haven.prosecution.ProsecutionFixtures.World;
import org.haven.shared.web.InvalidInput;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.haven.security.SecurityFixtures.as;
import static org.haven.security.SecurityFixtures.signIn;
import static org.haven.security.SecurityFixtures.signOut;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Linking a survivor with the real cases module (no stand-in directory): police cannot read a shelter's case, so the
 * police involve the shelter as an agency and the shelter's caseworker links their survivor from the page, under
 * the survivor's LEGAL_PROCEEDINGS consent recorded in the case; the consent then decides who sees the survivor.
 */
@HavenIntegrationTest
class VictimLinkWithCasesIT {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CaseManagement cases;
    @Autowired
    ProsecutionTracking tracking;
    @Autowired
    VictimWitnessSupport victims;
    @Autowired
    HearingCalendar hearings;

    @AfterEach
    void tearDown() {
        signOut();
    }

    @Test
    void theShelterLinksItsSurvivorUnderLegalProceedingsConsent() throws Exception {
        World w = ProsecutionFixtures.world(jdbc);
        UUID caseId = new CaseFixtures(cases).anOpenCase(w.caseworker()).caseId();
        signIn(w.investigator());
        UUID id = tracking.open(new OpenProceeding("KH", "12", "Test Provincial Court", "PR-TEST-77", null,
                ExploitationForm.FORCED_LABOUR, LocalDate.now().minusDays(10), List.of(
                        new OpenProceeding.Agency(w.prosecution(), OpenProceeding.AgencyRole.PROSECUTION),
                        new OpenProceeding.Agency(w.shelter(), OpenProceeding.AgencyRole.SOCIAL_AFFAIRS))));
        // the police cannot read the shelter's case, so they cannot link it themselves
        assertThatThrownBy(() -> victims.link(id, caseId, VictimLink.Role.VICTIM)).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("No such survivor case");
        signOut();

        // without consent for legal proceedings the shelter's link is refused
        MvcResult r = mvc.perform(post("/proceedings/" + id + "/victims").param("caseId", caseId.toString())
                .param("role", "VICTIM").with(as(w.caseworker())).with(csrf())).andReturn();
        assertThat(ProsecutionPagesAuthorizationIT.errors(r)).containsExactly("victim.consent.missing");
        assertThat(jdbc.sql("select count(*) from proceeding_victim where proceeding_id = ?").param(id)
                .query(Integer.class).single()).isZero();

        // the survivor consents to the police unit running the proceeding; the shelter links them
        signIn(w.caseworker());
        cases.recordConsent(caseId, new RecordConsent("LEGAL_PROCEEDINGS", w.police(), null, "SURVIVOR", null,
                "THUMBPRINT", null, LocalDate.now(CaseManagement.ZONE), null));
        signOut();
        r = mvc.perform(post("/proceedings/" + id + "/victims").param("caseId", caseId.toString())
                .param("role", "VICTIM").with(as(w.caseworker())).with(csrf())).andReturn();
        assertThat(r.getFlashMap().get("saved")).isEqualTo(true);

        // the police see the survivor (consent covers them), the prosecutor's office does not
        String police = mvc.perform(get("/proceedings/" + id + "/victims").with(as(w.investigator()))).andReturn()
                .getResponse().getContentAsString();
        assertThat(police).contains(caseId.toString());
        String prosecutor = mvc.perform(get("/proceedings/" + id + "/victims").with(as(w.prosecutor()))).andReturn()
                .getResponse().getContentAsString();
        assertThat(prosecutor).doesNotContain(caseId.toString());
        // the shelter sees the proceeding without investigation details
        String shelter = mvc.perform(get("/proceedings/" + id).with(as(w.caseworker()))).andReturn().getResponse()
                .getContentAsString();
        assertThat(shelter).doesNotContain("PR-TEST-77");

        // a hearing notifies the survivor's caseworker (consent allows it)
        signIn(w.investigator());
        hearings.schedule(id, new HearingCalendar.ScheduleHearing(Instant.now().plus(9, ChronoUnit.DAYS),
                "Test Provincial Court", Hearing.Type.TRIAL, true, Set.of(Hearing.Measure.VIDEO_TESTIMONY)));
        signOut();
        assertThat(jdbc.sql("select count(*) from prosecution_notification where proceeding_id = ? and kind = ? "
                + "and recipient_user_id = ?").params(id, "HEARING_SCHEDULED", w.caseworker().userId())
                .query(Integer.class).single()).isEqualTo(1);
        // an unrelated shelter can neither reach nor link
        UUID otherCase = new CaseFixtures(cases).anOpenCase(w.otherCaseworker()).caseId();
        assertThat(mvc.perform(post("/proceedings/" + id + "/victims").param("caseId", otherCase.toString())
                .param("role", "WITNESS").with(as(w.otherCaseworker())).with(csrf())).andReturn().getResponse()
                .getStatus()).isEqualTo(404);
    }
}
