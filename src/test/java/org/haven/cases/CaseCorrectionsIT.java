package org.haven.cases;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.haven.HavenIntegrationTest;
import org.haven.cases.CaseCommands.AddGoal;
import org.haven.cases.CaseCommands.RecordEpisode;
import org.haven.cases.CaseCommands.RecordIdentification;
import org.haven.cases.CaseCommands.RecordNeeds;
import org.haven.cases.CaseViews.OpenedCase;
import org.haven.security.CurrentUser;
import org.haven.security.OrganisationType;
import org.haven.security.Role;
import org.haven.security.SecurityFixtures;
import org.haven.security.SignInSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
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
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

/**
 * Correcting what a caseworker recorded (docs/decisions/0004): episodes and needs assessments are corrected or
 * deleted, identification decisions corrected or voided with a reason (never deleted), care-plan goals moved through
 * their statuses — on the API and on the case page. Own organisation may, another organisation gets 404 without
 * data, a stale version gets 409 (the page keeps what the user typed), bad input writes nothing, and every change
 * leaves an audit event that shows in the case's access log. Oversized attachments get a field message, on the page
 * and the API, over real HTTP (the multipart limit cannot be reached through MockMvc).
 */
@HavenIntegrationTest
class CaseCorrectionsIT {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CaseManagement cases;
    @Autowired
    ApplicationContext context;
    @LocalServerPort
    int port;

    SecurityFixtures security;
    UUID shelter;
    CurrentUser caseworker;
    CurrentUser supervisor;
    CurrentUser stranger;
    UUID caseId;
    String at;

    @BeforeEach
    void setUp() {
        security = new SecurityFixtures(jdbc);
        shelter = security.organisation(OrganisationType.SHELTER);
        caseworker = security.user(shelter, Role.CASEWORKER);
        supervisor = security.user(shelter, Role.CASE_SUPERVISOR);
        stranger = security.user(security.organisation(OrganisationType.SHELTER), Role.CASE_SUPERVISOR, Role.CASEWORKER);
        OpenedCase opened = new CaseFixtures(cases).anOpenCase(caseworker);
        caseId = opened.caseId();
        at = "/cases/" + caseId;
    }

    @AfterEach
    void signOut() {
        SecurityFixtures.signOut();
    }

    static String today() {
        return LocalDate.now(CaseManagement.ZONE).toString();
    }

    // ---------------------------------------------------------------- API

    @Test
    void correctsAndDeletesAnEpisodeOnTheApiWithAnAuditEventInTheAccessLog() throws Exception {
        UUID episode = episode();
        long before = audits(caseworker, "case.episode.update");
        int status = api(caseworker, put("/api/v1/cases/{id}/episodes/{e}", caseId, episode), """
                {"version":0,"stage":"EXPLOITATION","countryCode":"THA","form":"FORCED_LABOUR",
                 "sector":"A_AGRICULTURE_FORESTRY_FISHING","meansOfControl":["DEBT_BONDAGE"],"startedOn":"2024-02-01",
                 "notes":"Test correction note"}""").getResponse().getStatus();
        assertThat(status).isEqualTo(204);
        assertThat(jdbc.sql("select stage || ' ' || country_code || ' ' || version from case_episode where id = ?")
                .param(episode).query(String.class).single()).isEqualTo("EXPLOITATION THA 1");
        assertThat(audits(caseworker, "case.episode.update")).isEqualTo(before + 1);

        // stale: the version the editor loaded is no longer the record's
        MvcResult stale = api(caseworker, put("/api/v1/cases/{id}/episodes/{e}", caseId, episode),
                "{\"version\":0,\"stage\":\"TRANSIT\",\"countryCode\":\"KHM\"}");
        assertThat(stale.getResponse().getStatus()).isEqualTo(409);
        assertThat(stale.getResponse().getContentAsString()).contains("cases.stale");
        assertThat(mvc.perform(delete("/api/v1/cases/{id}/episodes/{e}", caseId, episode).param("version", "0")
                .with(SecurityFixtures.as(caseworker)).with(csrf())).andReturn().getResponse().getStatus()).isEqualTo(409);
        assertThat(count("case_episode")).isEqualTo(1);

        assertThat(mvc.perform(delete("/api/v1/cases/{id}/episodes/{e}", caseId, episode).param("version", "1")
                .with(SecurityFixtures.as(caseworker)).with(csrf())).andReturn().getResponse().getStatus()).isEqualTo(204);
        assertThat(count("case_episode")).isZero();
        assertThat(audits(caseworker, "case.episode.delete")).isEqualTo(1);

        String log = mvc.perform(get("/api/v1/cases/{id}/access-log", caseId).with(SecurityFixtures.as(supervisor)))
                .andReturn().getResponse().getContentAsString();
        assertThat(log).contains("case.episode.update").contains("case.episode.delete");
    }

    @Test
    void badInputWritesNothing() throws Exception {
        UUID episode = episode();
        UUID needs = needs();
        UUID decision = identification();
        UUID goal = goal();
        MvcResult episodeBad = api(caseworker, put("/api/v1/cases/{id}/episodes/{e}", caseId, episode),
                "{\"version\":0,\"stage\":\"NOT_A_STAGE\",\"countryCode\":\"XXX\",\"startedOn\":\"2024-05-01\","
                        + "\"endedOn\":\"2024-01-01\",\"notes\":\"" + "x".repeat(10_001) + "\"}");
        assertThat(episodeBad.getResponse().getStatus()).isEqualTo(400);
        assertThat(episodeBad.getResponse().getContentAsString()).contains("\"stage\"").contains("\"countryCode\"")
                .contains("\"endedOn\"").contains("\"notes\"");
        MvcResult needsBad = api(caseworker, put("/api/v1/cases/{id}/needs-assessments/{n}", caseId, needs),
                "{\"version\":0,\"assessedOn\":\"2999-01-01\",\"needs\":[]}");
        assertThat(needsBad.getResponse().getStatus()).isEqualTo(400);
        assertThat(needsBad.getResponse().getContentAsString()).contains("\"assessedOn\"").contains("\"needs\"");
        MvcResult noReason = api(caseworker, put("/api/v1/cases/{id}/identifications/{d}", caseId, decision),
                "{\"version\":0,\"decidedBy\":\"Test Officer\",\"authority\":\"MOSAVY\",\"form\":\"Form\","
                        + "\"decidedOn\":\"" + today() + "\",\"outcome\":\"NOT_A_VICTIM\"}");
        assertThat(noReason.getResponse().getStatus()).isEqualTo(400);
        assertThat(noReason.getResponse().getContentAsString()).contains("\"reason\"");
        assertThat(api(caseworker, post("/api/v1/cases/{id}/identifications/{d}/voiding", caseId, decision),
                "{\"version\":0}").getResponse().getStatus()).isEqualTo(400);
        MvcResult dropped = api(caseworker, put("/api/v1/cases/{id}/goals/{g}/status", caseId, goal),
                "{\"version\":0,\"status\":\"DROPPED\"}");
        assertThat(dropped.getResponse().getStatus()).isEqualTo(400);
        assertThat(dropped.getResponse().getContentAsString()).contains("cases.error.goalDropReason");
        assertThat(api(caseworker, put("/api/v1/cases/{id}/episodes/{e}", caseId, episode),
                "{\"stage\":\"TRANSIT\",\"countryCode\":\"KHM\"}").getResponse().getStatus()).as("no version").isEqualTo(400);

        assertThat(jdbc.sql("select stage || version from case_episode where id = ?").param(episode)
                .query(String.class).single()).isEqualTo("RECRUITMENT0");
        assertThat(jdbc.sql("select version from case_needs_assessment where id = ?").param(needs)
                .query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("select outcome || version || (voided_at is null) from case_identification where id = ?")
                .param(decision).query(String.class).single()).isEqualTo("IDENTIFIED_VICTIM0true");
        assertThat(jdbc.sql("select status || version from case_goal where id = ?").param(goal)
                .query(String.class).single()).isEqualTo("PLANNED0");
        assertThat(audits(caseworker, "case.episode.update") + audits(caseworker, "case.needs.update")
                + audits(caseworker, "case.identification.correct") + audits(caseworker, "case.goal.status")).isZero();
    }

    @Test
    void anotherOrganisationGetsNotFoundOnEveryCorrectionAndChangesNothing() throws Exception {
        UUID episode = episode();
        UUID needs = needs();
        UUID decision = identification();
        UUID goal = goal();
        List<MockHttpServletRequestBuilder> requests = List.of(
                json(put("/api/v1/cases/{id}/episodes/{e}", caseId, episode), "{\"version\":0,\"stage\":\"TRANSIT\",\"countryCode\":\"KHM\"}"),
                delete("/api/v1/cases/{id}/episodes/{e}", caseId, episode).param("version", "0"),
                json(put("/api/v1/cases/{id}/needs-assessments/{n}", caseId, needs), "{\"version\":0,\"assessedOn\":\"" + today() + "\",\"needs\":[\"HEALTH\"]}"),
                delete("/api/v1/cases/{id}/needs-assessments/{n}", caseId, needs).param("version", "0"),
                json(put("/api/v1/cases/{id}/identifications/{d}", caseId, decision), "{\"version\":0,\"decidedBy\":\"X\",\"authority\":\"MOSAVY\",\"form\":\"F\",\"decidedOn\":\"" + today() + "\",\"outcome\":\"NOT_A_VICTIM\",\"reason\":\"Test\"}"),
                json(post("/api/v1/cases/{id}/identifications/{d}/voiding", caseId, decision), "{\"version\":0,\"reason\":\"Test\"}"),
                json(put("/api/v1/cases/{id}/goals/{g}/status", caseId, goal), "{\"version\":0,\"status\":\"IN_PROGRESS\"}"),
                post(at + "/episodes/" + episode).param("version", "0").param("stage", "TRANSIT").param("countryCode", "KHM"),
                post(at + "/episodes/" + episode + "/deletion").param("version", "0"),
                post(at + "/needs/" + needs).param("version", "0").param("assessedOn", today()).param("needs", "HEALTH"),
                post(at + "/needs/" + needs + "/deletion").param("version", "0"),
                post(at + "/identifications/" + decision).param("version", "0").param("decidedBy", "X").param("authority", "MOSAVY")
                        .param("form", "F").param("decidedOn", today()).param("outcome", "NOT_A_VICTIM").param("reason", "Test"),
                post(at + "/identifications/" + decision + "/voiding").param("version", "0").param("reason", "Test"),
                post(at + "/goals/" + goal + "/status").param("version", "0").param("status", "IN_PROGRESS"),
                get(at).param("edit", episode.toString()));
        for (MockHttpServletRequestBuilder r : requests) {
            MvcResult result = mvc.perform(r.with(SecurityFixtures.as(stranger)).with(csrf())).andReturn();
            assertThat(result.getResponse().getStatus()).as(result.getRequest().getRequestURI()).isEqualTo(404);
            assertThat(result.getResponse().getContentAsString()).doesNotContain("Test Survivor");
        }
        assertThat(count("case_episode") + count("case_needs_assessment")).isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from case_episode where case_id = ? and version > 0").param(caseId)
                .query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("select status from case_goal where id = ?").param(goal).query(String.class).single())
                .isEqualTo("PLANNED");
        assertThat(jdbc.sql("select voided_at is null and version = 0 from case_identification where id = ?")
                .param(decision).query(Boolean.class).single()).isTrue();
        // A record of another case, through this case: not found either.
        OpenedCase other = new CaseFixtures(cases).anOpenCase(caseworker);
        assertThat(api(caseworker, put("/api/v1/cases/{id}/episodes/{e}", other.caseId(), episode),
                "{\"version\":0,\"stage\":\"TRANSIT\",\"countryCode\":\"KHM\"}").getResponse().getStatus()).isEqualTo(404);
    }

    @Test
    void identificationDecisionsAreCorrectedOrVoidedWithAReasonAndNeverDeleted() throws Exception {
        UUID decision = identification();
        assertThat(api(caseworker, put("/api/v1/cases/{id}/identifications/{d}", caseId, decision),
                "{\"version\":0,\"decidedBy\":\"Test Officer Demo\",\"authority\":\"DOSAVY\",\"form\":\"Test form\","
                        + "\"decidedOn\":\"" + today() + "\",\"outcome\":\"POSSIBLE_VICTIM\",\"reason\":\"Test: wrong outcome typed\"}")
                .getResponse().getStatus()).isEqualTo(204);
        assertThat(api(caseworker, post("/api/v1/cases/{id}/identifications/{d}/voiding", caseId, decision),
                "{\"version\":0,\"reason\":\"Test\"}").getResponse().getStatus()).as("stale").isEqualTo(409);
        assertThat(api(caseworker, post("/api/v1/cases/{id}/identifications/{d}/voiding", caseId, decision),
                "{\"version\":1,\"reason\":\"Test: recorded on the wrong case\"}").getResponse().getStatus()).isEqualTo(204);
        MvcResult again = api(caseworker, put("/api/v1/cases/{id}/identifications/{d}", caseId, decision),
                "{\"version\":2,\"decidedBy\":\"Test Officer Demo\",\"authority\":\"DOSAVY\",\"form\":\"Test form\","
                        + "\"decidedOn\":\"" + today() + "\",\"outcome\":\"POSSIBLE_VICTIM\",\"reason\":\"Test\"}");
        assertThat(again.getResponse().getStatus()).isEqualTo(409);
        assertThat(again.getResponse().getContentAsString()).contains("cases.identification.alreadyVoid");

        assertThat(count("case_identification")).isEqualTo(1);
        String view = mvc.perform(get("/api/v1/cases/{id}", caseId).with(SecurityFixtures.as(caseworker)))
                .andReturn().getResponse().getContentAsString();
        assertThat(view).contains("POSSIBLE_VICTIM").contains("Test: wrong outcome typed")
                .contains("Test: recorded on the wrong case");
        assertThat(jdbc.sql("select position(convert_to('recorded on the wrong case', 'UTF8') in void_reason_sealed) "
                + "from case_identification where id = ? and void_reason_sealed is not null").param(decision)
                .query(Integer.class).single()).as("the reason is sealed at rest").isZero();
        String page = page(caseworker, get(at));
        assertThat(page).contains("Void").contains("Test: recorded on the wrong case");
        assertThat(page(caseworker, get(at).param("lang", "km"))).contains("មោឃៈ");
        assertThat(audits(caseworker, "case.identification.correct")).isEqualTo(1);
        assertThat(audits(caseworker, "case.identification.void")).isEqualTo(1);
    }

    @Test
    void careGoalsMoveThroughTheirStatuses() throws Exception {
        UUID goal = goal();
        assertThat(goalStatus(goal, 0, "IN_PROGRESS", null)).isEqualTo(204);
        assertThat(goalStatus(goal, 1, "ACHIEVED", null)).isEqualTo(204);
        MvcResult refused = api(caseworker, put("/api/v1/cases/{id}/goals/{g}/status", caseId, goal),
                "{\"version\":2,\"status\":\"DROPPED\",\"reason\":\"Test\"}");
        assertThat(refused.getResponse().getStatus()).isEqualTo(409);
        assertThat(refused.getResponse().getContentAsString()).contains("cases.goal.transition");
        assertThat(goalStatus(goal, 0, "IN_PROGRESS", null)).as("stale").isEqualTo(409);
        assertThat(goalStatus(goal, 2, "IN_PROGRESS", null)).isEqualTo(204);
        assertThat(goalStatus(goal, 3, "DROPPED", "Test: the survivor chose another plan")).isEqualTo(204);
        assertThat(jdbc.sql("select status || version from case_goal where id = ?").param(goal).query(String.class)
                .single()).isEqualTo("DROPPED4");
        assertThat(page(caseworker, get(at))).contains("Dropped").contains("Test: the survivor chose another plan");
        assertThat(audits(caseworker, "case.goal.status")).isEqualTo(4);

        // on the page, in Khmer: the form offers the allowed moves; a drop without a reason is refused next to the field
        UUID second = goal();
        String form = page(caseworker, get(at).param("edit", second.toString()).param("lang", "km"));
        assertThat(form).contains("id=\"goal-status-form\"").contains("ស្ថានភាពថ្មី").contains("value=\"IN_PROGRESS\"");
        MvcResult noReason = submit(caseworker, post(at + "/goals/" + second + "/status").param("lang", "km")
                .param("version", "0").param("status", "DROPPED"));
        assertThat(noReason.getResponse().getStatus()).isEqualTo(400);
        assertThat(noReason.getResponse().getContentAsString()).contains("id=\"reason-error\"")
                .contains("សូមប្រាប់មូលហេតុដែលបោះបង់គោលដៅនេះ។");
        redirectsBack(submit(caseworker, post(at + "/goals/" + second + "/status").param("version", "0")
                .param("status", "IN_PROGRESS")));
        assertThat(jdbc.sql("select status from case_goal where id = ?").param(second).query(String.class).single())
                .isEqualTo("IN_PROGRESS");
    }

    // ---------------------------------------------------------------- pages

    @Test
    void correctsRecordsOnTheCasePageAndKeepsTheInputOfAStaleEdit() throws Exception {
        UUID episode = episode();
        UUID needs = needs();
        String editing = page(caseworker, get(at).param("edit", episode.toString()));
        assertThat(editing).contains("id=\"episode-edit-form\"").contains("Correct the episode")
                .contains("Delete this episode").doesNotContain("id=\"episode-form\"");
        assertThat(page(caseworker, get(at).param("edit", episode.toString()).param("lang", "km")))
                .contains("កែតម្រូវព្រឹត្តិការណ៍").contains("លុបព្រឹត្តិការណ៍នេះ");
        assertThat(page(caseworker, get(at))).doesNotContain("id=\"episode-edit-form\"").contains("id=\"episode-form\"")
                .contains("href=\"/cases/" + caseId + "?edit=" + episode + "#episode-edit-form\"");

        redirectsBack(submit(caseworker, post(at + "/episodes/" + episode).param("version", "0")
                .param("stage", "TRANSIT").param("countryCode", "VNM").param("notes", "Test page correction")));
        assertThat(jdbc.sql("select stage || country_code || version from case_episode where id = ?").param(episode)
                .query(String.class).single()).isEqualTo("TRANSITVNM1");

        // someone else's change came first: 409, the page says so, and what the user typed is still in the form
        MvcResult stale = submit(caseworker, post(at + "/episodes/" + episode).param("version", "0")
                .param("stage", "EXPLOITATION").param("countryCode", "THA").param("notes", "Test typed before the conflict"));
        assertThat(stale.getResponse().getStatus()).isEqualTo(409);
        assertThat(stale.getResponse().getContentAsString()).contains("Someone else changed this record")
                .contains("Test typed before the conflict").contains("id=\"episode-edit-form\"");
        assertThat(jdbc.sql("select stage from case_episode where id = ?").param(episode).query(String.class).single())
                .isEqualTo("TRANSIT");

        // bad input: message next to the field, the input kept, nothing written
        MvcResult bad = submit(caseworker, post(at + "/needs/" + needs).param("version", "0")
                .param("assessedOn", "2999-01-01").param("needs", "HEALTH").param("notes", "Test kept note"));
        assertThat(bad.getResponse().getStatus()).isEqualTo(400);
        assertThat(bad.getResponse().getContentAsString()).contains("id=\"assessedOn-error\"")
                .contains("Test kept note").contains("id=\"needs-edit-form\"");
        assertThat(jdbc.sql("select version from case_needs_assessment where id = ?").param(needs)
                .query(Integer.class).single()).isZero();
        MvcResult badDate = submit(caseworker, post(at + "/needs/" + needs).param("version", "0")
                .param("assessedOn", "not a date").param("needs", "HEALTH"));
        assertThat(badDate.getResponse().getStatus()).isEqualTo(400);

        redirectsBack(submit(caseworker, post(at + "/needs/" + needs).param("version", "0").param("assessedOn", today())
                .param("needs", "HEALTH", "EDUCATION")));
        redirectsBack(submit(caseworker, post(at + "/needs/" + needs + "/deletion").param("version", "1")));
        assertThat(count("case_needs_assessment")).isZero();
        redirectsBack(submit(caseworker, post(at + "/episodes/" + episode + "/deletion").param("version", "1")));
        assertThat(count("case_episode")).isZero();

        UUID decision = identification();
        assertThat(page(caseworker, get(at).param("edit", decision.toString()))).contains("id=\"identification-edit-form\"")
                .contains("id=\"identification-void-form\"");
        redirectsBack(submit(caseworker, post(at + "/identifications/" + decision + "/voiding").param("version", "0")
                .param("reason", "Test void from the page")));
        assertThat(page(caseworker, get(at).param("edit", decision.toString())))
                .as("a void decision cannot be corrected").doesNotContain("id=\"identification-edit-form\"");

        String log = page(supervisor, get(at + "/access-log"));
        assertThat(log).contains("case.episode.update").contains("case.needs.update").contains("case.needs.delete")
                .contains("case.episode.delete").contains("case.identification.void");
    }

    @Test
    void aReaderWithoutWriteAccessSeesNoCorrectionForms() throws Exception {
        UUID episode = episode();
        UUID partner = security.organisation(OrganisationType.LEGAL_AID);
        CurrentUser partnerWorker = security.user(partner, Role.CASEWORKER);
        UUID consent = new CaseFixtures(cases).sharingConsent(caseworker, caseId, partner);
        SecurityFixtures.signIn(caseworker);
        try {
            context.getBean(CaseSharing.class).grant(caseId, partner, Vocabulary.Purpose.SERVICES, null, null, consent,
                    "share", null);
        } finally {
            SecurityFixtures.signOut();
        }
        String shared = page(partnerWorker, get(at).param("edit", episode.toString()));
        assertThat(shared).doesNotContain("episode-edit-form").doesNotContain(">Correct<");
        MvcResult refused = submit(partnerWorker, post(at + "/episodes/" + episode).param("version", "0")
                .param("stage", "TRANSIT").param("countryCode", "KHM"));
        assertThat(refused.getResponse().getStatus()).isEqualTo(403);
        assertThat(jdbc.sql("select version from case_episode where id = ?").param(episode).query(Integer.class)
                .single()).isZero();
    }

    // ---------------------------------------------------------------- oversized uploads, over real HTTP

    @Test
    void anOversizedUploadGetsAFieldMessageOnThePageAndTheApi() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + port;
        SignInSupport signIn = new SignInSupport(context);
        SignInSupport.TestUser worker = signIn.user(signIn.organisation(OrganisationType.SHELTER), Role.CASEWORKER);
        CurrentUser fixtureUser = new CurrentUser(worker.id(), worker.username(), "Test User", worker.organisationId(),
                OrganisationType.SHELTER, "KH", Set.of(Role.CASEWORKER));
        UUID ownCase = new CaseFixtures(cases).anOpenCase(fixtureUser).caseId();
        String login = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/auth/token"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"" + worker.username() + "\",\"password\":\"" + SignInSupport.PASSWORD + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher token = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"").matcher(login);
        assertThat(token.find()).as(login).isTrue();

        // 8 MB: past the multipart limit. The API answers 413 problem+json naming the field, in the caller's language.
        HttpResponse<String> big = http.send(upload(base + "/api/v1/cases/" + ownCase + "/attachments", 8_000_000)
                .header("Authorization", "Bearer " + token.group(1)).header("Accept-Language", "km").build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(big.statusCode()).isEqualTo(413);
        assertThat(big.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(big.body()).contains("\"field\":\"file\"").contains("cases.error.fileTooLarge").contains("ឯកសារធំពេក");
        // Just over 5 MB: within the guard and the multipart limit, over the attachment limit: the attachment check answers 400 for the field.
        HttpResponse<String> over = http.send(upload(base + "/api/v1/cases/" + ownCase + "/attachments", 5_260_000)
                .header("Authorization", "Bearer " + token.group(1)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(over.statusCode()).isEqualTo(400);
        assertThat(over.body()).contains("\"field\":\"file\"").contains("cases.error.fileTooLarge");
        assertThat(jdbc.sql("select count(*) from case_attachment where case_id = ?").param(ownCase)
                .query(Integer.class).single()).isZero();
        // A small upload still passes the guard and is stored.
        HttpResponse<String> small = http.send(upload(base + "/api/v1/cases/" + ownCase + "/attachments", 0)
                .header("Authorization", "Bearer " + token.group(1)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(small.statusCode()).as(small.body()).isEqualTo(201);

        // The page: the browser is sent back to the case page, whose attachment form shows the message.
        HttpResponse<String> page = http.send(upload(base + "/cases/" + ownCase + "/attachments", 12_000_000).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(303);
        String location = page.headers().firstValue("Location").orElseThrow();
        assertThat(location).endsWith("/cases/" + ownCase + "?upload=tooLarge#attachments");
        String english = page(fixtureUser, get("/cases/" + ownCase).param("upload", "tooLarge"));
        assertThat(english).contains("id=\"file-error\"").contains("The file is too large: an attachment may be at most 5 MB.");
        String khmer = page(fixtureUser, get("/cases/" + ownCase).param("upload", "tooLarge").param("lang", "km"));
        assertThat(khmer).contains("id=\"file-error\"").contains("ឯកសារធំពេក");
    }

    /** A multipart upload of a PNG padded to about {@code size} bytes (0: a small valid PNG). */
    private static HttpRequest.Builder upload(String url, int size) throws Exception {
        String boundary = "HavenTestBoundary" + UUID.randomUUID().toString().replace("-", "");
        byte[] png = CaseAuthorizationIT.png();
        byte[] content = size <= png.length ? png : java.util.Arrays.copyOf(png, size);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"scan.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(content);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
    }

    // ---------------------------------------------------------------- helpers

    private UUID episode() {
        return as(caseworker, () -> cases.recordEpisode(caseId, new RecordEpisode("RECRUITMENT", null, null, "KHM",
                "0102", null, null, Set.of(), null, "Test episode note")));
    }

    private UUID needs() {
        return as(caseworker, () -> cases.recordNeedsAssessment(caseId, new RecordNeeds(LocalDate.now(CaseManagement.ZONE),
                Set.of("SHELTER"), "Test needs note")));
    }

    private UUID identification() {
        return as(caseworker, () -> cases.recordIdentification(caseId, new RecordIdentification("Test Officer Demo",
                "MOSAVY", "Test form", LocalDate.now(CaseManagement.ZONE), "IDENTIFIED_VICTIM")));
    }

    private UUID goal() {
        return as(caseworker, () -> cases.addCarePlanGoal(caseId, new AddGoal("ECONOMIC", "Test goal", null)));
    }

    private static UUID as(CurrentUser user, java.util.function.Supplier<UUID> action) {
        SecurityFixtures.signIn(user);
        try {
            return action.get();
        } finally {
            SecurityFixtures.signOut();
        }
    }

    private int goalStatus(UUID goal, int version, String status, String reason) throws Exception {
        return api(caseworker, put("/api/v1/cases/{id}/goals/{g}/status", caseId, goal), "{\"version\":" + version
                + ",\"status\":\"" + status + "\"" + (reason == null ? "" : ",\"reason\":\"" + reason + "\"") + "}")
                .getResponse().getStatus();
    }

    private static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder b, String body) {
        return b.contentType(MediaType.APPLICATION_JSON).content(body);
    }

    private MvcResult api(CurrentUser user, MockHttpServletRequestBuilder request, String body) throws Exception {
        return mvc.perform(json(request, body).with(SecurityFixtures.as(user)).with(csrf())).andReturn();
    }

    private MvcResult submit(CurrentUser user, MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.with(SecurityFixtures.as(user)).with(csrf())).andReturn();
    }

    private String page(CurrentUser user, MockHttpServletRequestBuilder request) throws Exception {
        MvcResult r = mvc.perform(request.with(SecurityFixtures.as(user))).andReturn();
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(200);
        return r.getResponse().getContentAsString();
    }

    private void redirectsBack(MvcResult r) throws Exception {
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(302);
        assertThat(r.getResponse().getRedirectedUrl()).startsWith(at);
    }

    private int count(String table) {
        return jdbc.sql("select count(*) from " + table + " where case_id = ?").param(caseId).query(Integer.class).single();
    }

    private long audits(CurrentUser actor, String action) {
        return jdbc.sql("select count(*) from audit_event where actor_user_id = ? and subject_type = 'case' "
                + "and subject_ids @> array[?]::text[] and action = ? and outcome = 'SUCCESS'")
                .params(actor.userId(), caseId.toString(), action).query(Long.class).single();
    }
}
