package org.haven.cases;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import org.haven.HavenIntegrationTest;
import org.haven.cases.CaseCommands.ChangeStatus;
import org.haven.cases.CaseCommands.RegisterSurvivor;
import org.haven.cases.CaseCommands.StartReintegration;
import org.haven.cases.CaseViews.CaseDetails;
import org.haven.cases.CaseViews.OpenedCase;
import org.haven.security.CurrentUser;
import org.haven.security.OrganisationType;
import org.haven.security.Permission;
import org.haven.security.Role;
import org.haven.security.SecurityFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The case pages that run a case — identification decision, exploitation history, needs, care plan, consent,
 * attachments, lifecycle with closure approval and reopening, follow-up with the reintegration assessment, survivor
 * identity under optimistic locking — over HTTP as a caseworker and a supervisor would use them: each works in
 * English and Khmer, bad input answers with a message next to the field and writes nothing, every role and
 * organisation gets the expected decision (another organisation: 404 without data), and pages that show survivor
 * data leave an audit event naming the case.
 */
@HavenIntegrationTest
class CaseCarePagesIT {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CaseManagement cases;

    SecurityFixtures security;
    UUID shelter;
    CurrentUser caseworker;
    CurrentUser supervisor;

    @BeforeEach
    void setUp() {
        security = new SecurityFixtures(jdbc);
        shelter = security.organisation(OrganisationType.SHELTER);
        caseworker = security.user(shelter, Role.CASEWORKER);
        supervisor = security.user(shelter, Role.CASE_SUPERVISOR);
    }

    @AfterEach
    void signOut() {
        SecurityFixtures.signOut();
    }

    static String today() {
        return LocalDate.now(CaseManagement.ZONE).toString();
    }

    @Test
    void runsACaseFromRegistrationToReopeningOnThePages() throws Exception {
        OpenedCase opened = new CaseFixtures(cases).anOpenCase(caseworker);
        String at = "/cases/" + opened.caseId();
        UUID partner = security.organisation(OrganisationType.LEGAL_AID);
        String partnerName = jdbc.sql("select name from organisation where id = ?").param(partner).query(String.class).single();

        String empty = page(caseworker, get(at));
        assertThat(empty).contains("No official identification decision recorded.").contains("No episode recorded.")
                .contains("Record the identification decision").contains("Record a consent").contains("Upload")
                .doesNotContain("<details open");

        redirectsBack(caseworker, post(at + "/identifications").param("decidedBy", "Test Officer Demo")
                .param("authority", "DOSAVY").param("form", "Test identification form").param("decidedOn", today())
                .param("outcome", "IDENTIFIED_VICTIM"), at);
        redirectsBack(caseworker, post(at + "/episodes").param("stage", "EXPLOITATION").param("countryCode", "THA")
                .param("form", "FORCED_LABOUR").param("sector", "A_AGRICULTURE_FORESTRY_FISHING")
                .param("meansOfControl", "DEBT_BONDAGE", "WITHHOLDS_DOCUMENTS").param("recruiterRelation", "EMPLOYER_OR_BROKER")
                .param("startedOn", "2024-02-01").param("endedOn", "2024-09-30"), at);
        redirectsBack(caseworker, post(at + "/episodes").param("stage", "RECRUITMENT").param("countryCode", "KHM")
                .param("placeCode", "0102"), at);
        redirectsBack(caseworker, post(at + "/needs").param("assessedOn", today()).param("needs", "SHELTER", "LEGAL_STATUS")
                .param("notes", "Test needs note"), at);
        redirectsBack(caseworker, post(at + "/goals").param("area", "ECONOMIC").param("goal", "Test goal: start a small shop")
                .param("targetOn", "2030-01-31"), at);
        redirectsBack(caseworker, post(at + "/consents").param("scope", "SHARING").param("recipientOrganisationId", partner.toString())
                .param("givenBy", "GUARDIAN").param("guardianName", "Test Guardian Demo").param("method", "VERBAL_WITH_WITNESS")
                .param("witnessName", "Test Witness Demo").param("givenOn", today()).param("expiresOn", "2031-12-31"), at);
        redirectsBack(caseworker, post(at + "/shares").param("organisationId", partner.toString()).param("purpose", "SERVICES")
                .param("validTo", "2031-06-30"), at);
        assertThat(page(caseworker, get(at))).contains("shared from this page").contains("End sharing");
        UUID grant = jdbc.sql("select id from case_access_grant where case_id = ? and organisation_id = ?")
                .params(opened.caseId(), partner).query(UUID.class).single();
        redirectsBack(caseworker, post(at + "/shares/" + grant + "/revocation"), at);
        assertThat(jdbc.sql("select revoked_at is not null from case_access_grant where id = ?").param(grant)
                .query(Boolean.class).single()).isTrue();
        MvcResult upload = mvc.perform(multipart(at + "/attachments")
                .file(new MockMultipartFile("file", "scan.png", "image/png", CaseAuthorizationIT.png()))
                .with(SecurityFixtures.as(caseworker)).with(csrf())).andReturn();
        assertThat(upload.getResponse().getStatus()).as(upload.getResponse().getContentAsString()).isEqualTo(302);

        String filled = page(caseworker, get(at));
        assertThat(filled).contains("Identified victim").contains("Provincial social affairs department (DoSAVY)")
                .contains("Test identification form").contains("Test Officer Demo")
                .contains("Exploitation").contains("Thailand").contains("Forced labour")
                .contains("Agriculture, forestry and fishing").contains("Debt bondage").contains("Withholds identity documents")
                .contains("Employer or broker").contains("Recruitment").contains("Cambodia")
                .contains("Shelter").contains("Legal status").contains("Test needs note")
                .contains("Economic situation").contains("Test goal: start a small shop").contains("Planned")
                .contains(partnerName).contains("Guardian").contains("Test Guardian Demo").contains("Verbal, with a witness")
                .contains("Test Witness Demo").contains("scan.png");
        assertThat(jdbc.sql("select count(*) from case_identification where case_id = ? and authority = 'DOSAVY'")
                .param(opened.caseId()).query(Integer.class).single()).isEqualTo(1);

        String khmer = page(caseworker, get(at).param("lang", "km"));
        assertThat(khmer).contains("ជនរងគ្រោះដែលបានកំណត់អត្តសញ្ញាណ").contains("ពលកម្មដោយបង្ខំ").contains("ការជាប់បំណុល")
                .contains("ផែនការថែទាំ").contains("ស្ថានភាពសេដ្ឋកិច្ច").contains("អាណាព្យាបាល").contains("ថៃ");

        UUID attachment = jdbc.sql("select id from case_attachment where case_id = ?").param(opened.caseId()).query(UUID.class).single();
        MvcResult download = mvc.perform(get(at + "/attachments/" + attachment).with(SecurityFixtures.as(caseworker))).andReturn();
        assertThat(download.getResponse().getStatus()).isEqualTo(200);
        assertThat(download.getResponse().getContentType()).isEqualTo("image/png");
        assertThat(download.getResponse().getHeader("Content-Disposition")).startsWith("attachment").contains("scan.png");

        // Lifecycle: active, reintegration (schedules follow-ups), a follow-up with scores, closure, reopening.
        int version = caseVersion(opened.caseId());
        redirectsBack(caseworker, post(at + "/status").param("version", "" + version).param("to", "ACTIVE"), at);
        redirectsBack(caseworker, post(at + "/status").param("version", "" + (version + 1)).param("to", "REINTEGRATION")
                .param("startedOn", today()), at);
        String reintegrating = page(caseworker, get(at));
        assertThat(reintegrating).contains("Reintegration").contains("1 month").contains("24 months").contains("Record the visit");
        UUID followUp = jdbc.sql("select id from case_follow_up where case_id = ? and months_after = 1")
                .param(opened.caseId()).query(UUID.class).single();
        String form = page(caseworker, get(at + "/follow-ups/" + followUp));
        assertThat(form).contains("Safety").contains("Family and community").contains("5 – good");
        MvcResult saved = mvc.perform(post(at + "/follow-ups/" + followUp).with(SecurityFixtures.as(caseworker)).with(csrf())
                .param("version", "0").param("doneOn", today()).param("safety", "4").param("wellbeing", "3")
                .param("economic", "2").param("education", "5").param("familyCommunity", "4").param("legalStatus", "1")
                .param("notes", "Test follow-up note")).andReturn();
        assertThat(saved.getResponse().getStatus()).as(saved.getResponse().getContentAsString()).isEqualTo(302);
        String scores = page(caseworker, get(at));
        assertThat(scores).contains("Reintegration assessment over time").contains("<meter");
        assertThat(jdbc.sql("select score_safety * 100000 + score_wellbeing * 10000 + score_economic * 1000 + score_education * 100"
                + " + score_family * 10 + score_legal from case_follow_up where id = ?").param(followUp)
                .query(Integer.class).single()).isEqualTo(432541);

        version = caseVersion(opened.caseId());
        redirectsBack(caseworker, post(at + "/closure-request").param("version", "" + version).param("reason", "REINTEGRATED")
                .param("note", "Test closure note"), at);
        String pending = page(caseworker, get(at));
        assertThat(pending).contains("Closure requested (Reintegrated)").doesNotContain("Approve closure");
        assertThat(page(supervisor, get(at))).contains("Approve closure");
        assertThat(status(caseworker, post(at + "/closure-approval").param("version", "" + caseVersion(opened.caseId()))))
                .as("a caseworker cannot approve").isEqualTo(403);
        redirectsBack(supervisor, post(at + "/closure-approval").param("version", "" + caseVersion(opened.caseId())), at);
        assertThat(page(caseworker, get(at))).contains("Closed").contains("Why is the case reopened?");

        MvcResult noReason = submit(caseworker, post(at + "/reopening").param("version", "" + caseVersion(opened.caseId())));
        assertThat(noReason.getResponse().getStatus()).isEqualTo(400);
        assertThat(noReason.getResponse().getContentAsString()).contains("This field is required.");
        redirectsBack(caseworker, post(at + "/reopening").param("version", "" + caseVersion(opened.caseId()))
                .param("note", "Test: the survivor asked for help again"), at);
        assertThat(jdbc.sql("select status from survivor_case where id = ?").param(opened.caseId()).query(String.class).single())
                .isEqualTo("ACTIVE");

        // The supervisor hands the case to another caseworker and reads who has seen it.
        CurrentUser colleague = security.user(shelter, Role.CASEWORKER);
        redirectsBack(supervisor, post(at + "/assignment").param("version", "" + caseVersion(opened.caseId()))
                .param("caseworkerId", colleague.userId().toString()).param("riskLevel", "HIGH"), at);
        assertThat(jdbc.sql("select assigned_caseworker_id = ? and risk_level = 'HIGH' from survivor_case where id = ?")
                .params(colleague.userId(), opened.caseId()).query(Boolean.class).single()).isTrue();
        assertThat(page(colleague, get(at))).contains("High");
        assertThat(status(caseworker, post(at + "/notes").param("body", "Test: no longer mine"))).isEqualTo(404);
        String log = page(supervisor, get(at + "/access-log"));
        assertThat(log).contains("Access history").contains(caseworker.username()).contains(colleague.username())
                .contains("Viewed").contains("case.reopen");
        assertThat(page(supervisor, get(at + "/access-log").param("lang", "km"))).contains("ប្រវត្តិ");
        assertThat(mvc.perform(get(at + "/access-log").with(SecurityFixtures.as(colleague))).andReturn()
                .getResponse().getStatus()).isEqualTo(403);
    }

    @Test
    void badInputAnswersNextToTheFieldInTheReadersLanguageAndWritesNothing() throws Exception {
        OpenedCase opened = new CaseFixtures(cases).anOpenCase(caseworker);
        String at = "/cases/" + opened.caseId();

        MvcResult identification = submit(caseworker, post(at + "/identifications").param("decidedOn", "2999-01-01")
                .param("authority", "SOMEONE"));
        assertThat(identification.getResponse().getStatus()).isEqualTo(400);
        String body = identification.getResponse().getContentAsString();
        assertThat(body).contains("Some fields need attention").contains("id=\"decidedBy-error\"")
                .contains("This field is required.").contains("id=\"authority-error\"").contains("Unknown value.")
                .contains("id=\"decidedOn-error\"").contains("The date is out of range.")
                .contains("<details open");
        MvcResult khmer = submit(caseworker, post(at + "/identifications").param("lang", "km").param("decidedOn", today()));
        assertThat(khmer.getResponse().getStatus()).isEqualTo(400);
        assertThat(khmer.getResponse().getContentAsString()).contains("ត្រូវបំពេញចំណុចនេះ").doesNotContain("This field is required.");
        assertThat(count("case_identification", opened.caseId())).isZero();

        MvcResult episode = submit(caseworker, post(at + "/episodes").param("stage", "TRANSIT").param("countryCode", "THA")
                .param("placeCode", "0102").param("form", "SEXUAL_EXPLOITATION").param("sector", "F_CONSTRUCTION")
                .param("notes", "Test kept episode note"));
        assertThat(episode.getResponse().getStatus()).isEqualTo(400);
        assertThat(episode.getResponse().getContentAsString()).contains("Gazetteer places are in Cambodia only.")
                .contains("A sector is given for forced labour only.").contains("Test kept episode note");
        MvcResult badDate = submit(caseworker, post(at + "/episodes").param("stage", "TRANSIT").param("countryCode", "THA")
                .param("startedOn", "not-a-date"));
        assertThat(badDate.getResponse().getStatus()).isEqualTo(400);
        assertThat(badDate.getResponse().getContentAsString()).contains("This value is not valid");
        assertThat(count("case_episode", opened.caseId())).isZero();

        MvcResult needs = submit(caseworker, post(at + "/needs").param("assessedOn", today()));
        assertThat(needs.getResponse().getStatus()).isEqualTo(400);
        MvcResult goal = submit(caseworker, post(at + "/goals").param("area", "ECONOMIC").param("goal", "x".repeat(2001)));
        assertThat(goal.getResponse().getStatus()).isEqualTo(400);
        assertThat(goal.getResponse().getContentAsString()).contains("This text is too long.");
        assertThat(count("case_needs_assessment", opened.caseId()) + count("case_goal", opened.caseId())).isZero();

        MvcResult consent = submit(caseworker, post(at + "/consents").param("scope", "SHARING").param("givenBy", "GUARDIAN")
                .param("method", "VERBAL_WITH_WITNESS").param("givenOn", today()).param("expiresOn", "2000-01-01"));
        assertThat(consent.getResponse().getStatus()).isEqualTo(400);
        assertThat(consent.getResponse().getContentAsString()).contains("Name the organisation or the type of organisation.")
                .contains("id=\"guardianName-error\"").contains("id=\"witnessName-error\"")
                .contains("The end date is before the start date.");
        assertThat(count("case_consent", opened.caseId())).isZero();

        MvcResult disguised = mvc.perform(multipart(at + "/attachments")
                .file(new MockMultipartFile("file", "photo.png", "image/png", "%PDF-1.4 not really a png".getBytes(StandardCharsets.UTF_8)))
                .with(SecurityFixtures.as(caseworker)).with(csrf())).andReturn();
        assertThat(disguised.getResponse().getStatus()).isEqualTo(400);
        assertThat(disguised.getResponse().getContentAsString()).contains("id=\"file-error\"");
        MvcResult tooLarge = mvc.perform(multipart(at + "/attachments")
                .file(new MockMultipartFile("file", "big.pdf", "application/pdf", new byte[5_500_000]))
                .with(SecurityFixtures.as(caseworker)).with(csrf())).andReturn();
        assertThat(tooLarge.getResponse().getStatus()).isEqualTo(400);
        assertThat(tooLarge.getResponse().getContentAsString()).contains("The file is too large");
        MvcResult noFile = mvc.perform(multipart(at + "/attachments").with(SecurityFixtures.as(caseworker)).with(csrf())).andReturn();
        assertThat(noFile.getResponse().getStatus()).isEqualTo(400);
        assertThat(noFile.getResponse().getContentAsString()).contains("The file is empty.");
        assertThat(count("case_attachment", opened.caseId())).isZero();

        UUID stranger = security.organisation(OrganisationType.POLICE);
        MvcResult uncovered = submit(caseworker, post(at + "/shares").param("organisationId", stranger.toString())
                .param("purpose", "LEGAL_PROCEEDINGS"));
        assertThat(uncovered.getResponse().getStatus()).isEqualTo(409);
        assertThat(uncovered.getResponse().getContentAsString())
                .contains("No consent of the survivor covers sharing this case");
        MvcResult noPurpose = submit(caseworker, post(at + "/shares").param("organisationId", stranger.toString())
                .param("purpose", "STATISTICS"));
        assertThat(noPurpose.getResponse().getStatus()).isEqualTo(400);
        assertThat(count("case_access_grant", opened.caseId())).isZero();
        MvcResult closure = submit(caseworker, post(at + "/closure-request").param("version", "0").param("reason", "BORED"));
        assertThat(closure.getResponse().getStatus()).isEqualTo(400);
        assertThat(closure.getResponse().getContentAsString()).contains("id=\"reason-error\"");
        MvcResult notAllowed = submit(caseworker, post(at + "/status").param("version", "0").param("to", "REINTEGRATION"));
        assertThat(notAllowed.getResponse().getStatus()).isEqualTo(409);
        assertThat(notAllowed.getResponse().getContentAsString()).contains("This change of status is not allowed.");
        assertThat(jdbc.sql("select closure_reason is null and status = 'OPEN' from survivor_case where id = ?").param(opened.caseId())
                .query(Boolean.class).single()).isTrue();

        // Follow-up: a score out of range keeps the form and its values; nothing is stored.
        activateAndReintegrate(opened.caseId());
        UUID followUp = jdbc.sql("select id from case_follow_up where case_id = ? and months_after = 3")
                .param(opened.caseId()).query(UUID.class).single();
        MvcResult score = submit(caseworker, post(at + "/follow-ups/" + followUp).param("version", "0").param("doneOn", today())
                .param("safety", "9").param("notes", "Test kept follow-up note"));
        assertThat(score.getResponse().getStatus()).isEqualTo(400);
        assertThat(score.getResponse().getContentAsString()).contains("id=\"safety-error\"").contains("The number is out of range.")
                .contains("Test kept follow-up note");
        MvcResult stale = submit(caseworker, post(at + "/follow-ups/" + followUp).param("version", "7").param("doneOn", today())
                .param("safety", "3"));
        assertThat(stale.getResponse().getStatus()).isEqualTo(409);
        assertThat(stale.getResponse().getContentAsString()).contains("Someone else changed this record");
        assertThat(jdbc.sql("select done_on is null from case_follow_up where id = ?").param(followUp).query(Boolean.class).single())
                .isTrue();
    }

    @Test
    void aStaleIdentityFormIsRefusedWithAConflictNotSavedOver() throws Exception {
        OpenedCase opened = new CaseFixtures(cases).anOpenCase(caseworker,
                CaseFixtures.identity("Test Survivor", "Edit Demo " + UUID.randomUUID().toString().substring(0, 4)));
        String at = "/cases/" + opened.caseId();
        String form = page(caseworker, get(at + "/survivor"));
        assertThat(form).contains("Edit Demo").contains("name=\"version\" value=\"0\"");
        assertThat(page(caseworker, get(at + "/survivor").param("lang", "km"))).contains("ឯកសារអត្តសញ្ញាណ");

        MvcResult first = submit(caseworker, edit(at, 0, "First Edit Demo").param("documentType", "PASSPORT", "")
                .param("documentNumber", "TEST-N0000001", "").param("documentCountry", "KHM", ""));
        assertThat(first.getResponse().getStatus()).as(first.getResponse().getContentAsString()).isEqualTo(302);
        assertThat(first.getResponse().getRedirectedUrl()).startsWith(at);
        assertThat(first.getFlashMap().get("messageKey")).isEqualTo("cases.survivor.saved");
        assertThat(page(caseworker, get(at))).contains("First Edit Demo");

        // A second editor who loaded version 0 before the first save: refused, told why, their input kept.
        MvcResult second = submit(caseworker, edit(at, 0, "Second Edit Demo"));
        assertThat(second.getResponse().getStatus()).isEqualTo(409);
        assertThat(second.getResponse().getContentAsString()).contains("Someone else changed this record")
                .contains("Your changes were not saved").contains("Second Edit Demo").contains("Load the current record");
        SecurityFixtures.signIn(caseworker);
        CaseDetails now = cases.viewCase(opened.caseId());
        SecurityFixtures.signOut();
        assertThat(now.identity().givenName()).isEqualTo("First Edit Demo");
        assertThat(now.identity().documents()).singleElement()
                .satisfies(d -> assertThat(d.number()).isEqualTo("TEST-N0000001"));
        assertThat(now.survivorVersion()).isEqualTo(1);

        MvcResult bad = submit(caseworker, post(at + "/survivor").param("version", "1").param("familyName", "")
                .param("givenName", "").param("sex", "FEMALE").param("phone", "call me"));
        assertThat(bad.getResponse().getStatus()).isEqualTo(400);
        assertThat(bad.getResponse().getContentAsString()).contains("Give at least one name").contains("id=\"phone-error\"");
    }

    private MockHttpServletRequestBuilder edit(String at, int version, String given) {
        return post(at + "/survivor").param("version", "" + version).param("familyName", "Test Survivor")
                .param("givenName", given).param("sex", "FEMALE").param("gender", "WOMAN").param("birthYear", "1998")
                .param("nationality", "KHM").param("languages", "km, en").param("disability", "NONE");
    }

    // ---------------------------------------------------------------- authorization and audit

    record PageCall(String name, boolean write, boolean showsSurvivorData,
            Function<Target, AbstractMockHttpServletRequestBuilder<?>> request) {
    }

    record Target(UUID caseId, UUID followUpId, UUID attachmentId) {
    }

    static List<PageCall> pageCalls() {
        return List.of(
                new PageCall("case page", false, true, t -> get("/cases/{id}", t.caseId())),
                new PageCall("survivor form", true, true, t -> get("/cases/{id}/survivor", t.caseId())),
                new PageCall("follow-up form", true, true, t -> get("/cases/{id}/follow-ups/{f}", t.caseId(), t.followUpId())),
                new PageCall("download", false, true, t -> get("/cases/{id}/attachments/{a}", t.caseId(), t.attachmentId())),
                new PageCall("access log csv", false, false, t -> get("/cases/{id}/access-log.csv", t.caseId())),
                new PageCall("access log page", false, false, t -> get("/cases/{id}/access-log", t.caseId())),
                new PageCall("assignment", true, false, t -> post("/cases/{id}/assignment", t.caseId())
                        .param("version", "99").param("riskLevel", "HIGH")),
                new PageCall("identification", true, false, t -> post("/cases/{id}/identifications", t.caseId())
                        .param("decidedBy", "Test Officer").param("authority", "NGO").param("form", "Test form")
                        .param("decidedOn", today()).param("outcome", "POSSIBLE_VICTIM")),
                new PageCall("episode", true, false, t -> post("/cases/{id}/episodes", t.caseId()).param("stage", "TRANSIT")
                        .param("countryCode", "VNM")),
                new PageCall("needs", true, false, t -> post("/cases/{id}/needs", t.caseId()).param("assessedOn", today())
                        .param("needs", "HEALTH")),
                new PageCall("goal", true, false, t -> post("/cases/{id}/goals", t.caseId()).param("area", "HEALTH")
                        .param("goal", "Test goal")),
                new PageCall("consent", true, false, t -> post("/cases/{id}/consents", t.caseId()).param("scope", "STATISTICS")
                        .param("givenBy", "SURVIVOR").param("method", "THUMBPRINT").param("givenOn", today())),
                new PageCall("follow-up", true, false, t -> post("/cases/{id}/follow-ups/{f}", t.caseId(), t.followUpId())
                        .param("version", "99").param("doneOn", today())),
                new PageCall("survivor", true, false, t -> post("/cases/{id}/survivor", t.caseId()).param("version", "99")
                        .param("givenName", "Test").param("sex", "FEMALE")),
                new PageCall("share", true, false, t -> post("/cases/{id}/shares", t.caseId())
                        .param("organisationId", t.caseId().toString()).param("purpose", "SERVICES")),
                new PageCall("closure request", true, false, t -> post("/cases/{id}/closure-request", t.caseId())
                        .param("version", "99").param("reason", "OTHER")),
                new PageCall("reopening", true, false, t -> post("/cases/{id}/reopening", t.caseId()).param("version", "99")
                        .param("note", "Test")),
                new PageCall("attachment", true, false, t -> multipart("/cases/{id}/attachments", t.caseId())
                        .file(new MockMultipartFile("file", "scan.png", "image/png", CaseAuthorizationIT.png()))));
    }

    @Test
    void everyRoleOwnAndOtherOrganisationGetsTheExpectedAnswer() throws Exception {
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Role role : Role.values()) {
            for (boolean own : new boolean[] {true, false}) {
                UUID actorOrg = own ? shelter : security.organisation(OrganisationType.SHELTER);
                CurrentUser actor = security.user(actorOrg, role);
                Target t = target(own ? actor : caseworker);
                String code = jdbc.sql("select case_code from survivor_case where id = ?").param(t.caseId()).query(String.class).single();
                for (PageCall call : pageCalls()) {
                    long auditBefore = audits(actor, t.caseId());
                    MvcResult r = mvc.perform(call.request().apply(t).with(SecurityFixtures.as(actor)).with(csrf())).andReturn();
                    int status = r.getResponse().getStatus();
                    String body = r.getResponse().getContentAsString();
                    String where = role + (own ? " own " : " other ") + call.name() + ": ";
                    checked++;
                    boolean reader = role.permissions().contains(Permission.CASE_READ);
                    boolean supervisorOnly = call.name().startsWith("access log");
                    if (!reader) {
                        expect(failures, where, status, 403, body, code);
                    } else if (!own) {
                        expect(failures, where, status, 404, body, code);
                    } else if (supervisorOnly && !role.permissions().contains(Permission.CASE_SUPERVISE)) {
                        expect(failures, where, status, 403, body, code);
                    } else if (call.write() && !role.permissions().contains(Permission.CASE_WRITE)) {
                        expect(failures, where, status, 403, body, code);
                    } else if (status >= 500 || status == 403 || status == 404) {
                        failures.add(where + "expected allowed, got " + status);
                    } else if (call.showsSurvivorData() && (status != 200 || audits(actor, t.caseId()) <= auditBefore)) {
                        failures.add(where + "shown (" + status + ") without an audit event naming the case");
                    }
                }
            }
        }
        assertThat(failures).as("page authorization (" + checked + " checks)").isEmpty();
        assertThat(checked).isEqualTo(Role.values().length * 2 * pageCalls().size());
    }

    private static void expect(List<String> failures, String where, int status, int expected, String body, String code) {
        if (status != expected) {
            failures.add(where + "expected " + expected + ", got " + status);
        } else if (body.contains(code) || body.contains("Test Survivor")) {
            failures.add(where + expected + " carried case data");
        }
    }

    /** A case of the shelter assigned to {@code assignee}, in reintegration (follow-ups), with an attachment. */
    private Target target(CurrentUser assignee) {
        SecurityFixtures.signIn(supervisor);
        try {
            OpenedCase opened = cases.registerSurvivor(new RegisterSurvivor(
                    CaseFixtures.identity("Test Survivor", "Page Matrix " + UUID.randomUUID().toString().substring(0, 4)),
                    CaseFixtures.adultWoman(), LocalDate.now(CaseManagement.ZONE), "OUTREACH", "LOW", assignee.userId(), true));
            UUID attachment = cases.addAttachment(opened.caseId(), "photo.png", CaseAuthorizationIT.png());
            cases.activateCase(opened.caseId(), new ChangeStatus(0, null));
            cases.startReintegration(opened.caseId(), new StartReintegration(1, LocalDate.now(CaseManagement.ZONE)));
            UUID followUp = cases.viewCase(opened.caseId()).followUps().get(0).id();
            return new Target(opened.caseId(), followUp, attachment);
        } finally {
            SecurityFixtures.signOut();
        }
    }

    // ---------------------------------------------------------------- helpers

    private void activateAndReintegrate(UUID caseId) {
        SecurityFixtures.signIn(caseworker);
        try {
            int v = caseVersion(caseId);
            cases.activateCase(caseId, new ChangeStatus(v, null));
            cases.startReintegration(caseId, new StartReintegration(v + 1, LocalDate.now(CaseManagement.ZONE)));
        } finally {
            SecurityFixtures.signOut();
        }
    }

    private int caseVersion(UUID caseId) {
        return jdbc.sql("select version from survivor_case where id = ?").param(caseId).query(Integer.class).single();
    }

    private int count(String table, UUID caseId) {
        return jdbc.sql("select count(*) from " + table + " where case_id = ?").param(caseId).query(Integer.class).single();
    }

    private long audits(CurrentUser actor, UUID caseId) {
        return jdbc.sql("select count(*) from audit_event where actor_user_id = ? and subject_type = 'case' "
                + "and subject_ids @> array[?]::text[] and outcome = 'SUCCESS'")
                .params(actor.userId(), caseId.toString()).query(Long.class).single();
    }

    private String page(CurrentUser user, MockHttpServletRequestBuilder request) throws Exception {
        MvcResult r = mvc.perform(request.with(SecurityFixtures.as(user))).andReturn();
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(200);
        return r.getResponse().getContentAsString();
    }

    private MvcResult submit(CurrentUser user, MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.with(SecurityFixtures.as(user)).with(csrf())).andReturn();
    }

    private int status(CurrentUser user, MockHttpServletRequestBuilder request) throws Exception {
        return submit(user, request).getResponse().getStatus();
    }

    private void redirectsBack(CurrentUser user, MockHttpServletRequestBuilder request, String to) throws Exception {
        MvcResult r = submit(user, request);
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(302);
        assertThat(r.getResponse().getRedirectedUrl()).startsWith(to);
    }
}
