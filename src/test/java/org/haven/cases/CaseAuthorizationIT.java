package org.haven.cases;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.haven.HavenIntegrationTest;
import org.haven.cases.CaseCommands.StartReintegration;
import org.haven.cases.CaseCommands.ChangeStatus;
import org.haven.cases.CaseViews.CaseDetails;
import org.haven.cases.CaseViews.OpenedCase;
import org.haven.cases.Vocabulary.Purpose;
import org.haven.security.CurrentUser;
import org.haven.security.OrganisationType;
import org.haven.security.Permission;
import org.haven.security.Role;
import org.haven.security.SecurityFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.*;

/**
 * Every case endpoint × every role × relation to the case (own organisation and assigned, own organisation and not
 * assigned, another organisation, another organisation holding a consented share) → expected decision. Allowed calls
 * must leave an audit event by that user naming the case; denied object access answers 404 without any data of the
 * case; a permission missing on a visible case answers 403.
 */
@HavenIntegrationTest
@AutoConfigureMockMvc
class CaseAuthorizationIT {

    enum Relation { OWN_ASSIGNED, OWN_UNASSIGNED, OTHER_ORG, CONSENTED_SHARE }

    enum Kind { READ, WRITE, SUPERVISE }

    enum Decision { ALLOW, NOT_FOUND, FORBIDDEN }

    record Endpoint(String name, Kind kind, java.util.function.Function<Fixture, AbstractMockHttpServletRequestBuilder<?>> request) {
    }

    record Fixture(UUID caseId, String caseCode, UUID attachmentId, UUID followUpId, UUID consentId, UUID caseworkerId,
            UUID grantId, UUID otherOrg, UUID episodeId, UUID needsId, UUID identificationId, UUID goalId) {
    }

    @Autowired
    MockMvc mvc;
    @Autowired
    CaseManagement cases;
    @Autowired
    CaseSharing sharing;
    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void signOut() {
        SecurityFixtures.signOut();
    }

    static final String IDENTITY = """
            {"familyName":"Test Survivor","givenName":"Matrix Demo","otherNames":[],"documents":[]}""";
    static final String PROFILE = """
            {"sex":"FEMALE","gender":"WOMAN","birthYear":1999,"nationality":"KHM","languages":["km"]}""";

    static List<Endpoint> endpoints() {
        String today = LocalDate.now(CaseManagement.ZONE).toString();
        return List.of(
                new Endpoint("view", Kind.READ, f -> get("/api/v1/cases/{id}", f.caseId())),
                new Endpoint("access log", Kind.SUPERVISE, f -> get("/api/v1/cases/{id}/access-log", f.caseId())),
                new Endpoint("access log csv", Kind.SUPERVISE, f -> get("/api/v1/cases/{id}/access-log.csv", f.caseId())),
                new Endpoint("download attachment", Kind.READ, f -> get("/api/v1/cases/{id}/attachments/{a}", f.caseId(), f.attachmentId())),
                new Endpoint("update survivor", Kind.WRITE, f -> json(put("/api/v1/cases/{id}/survivor", f.caseId()),
                        "{\"version\":0,\"identity\":" + IDENTITY + ",\"profile\":" + PROFILE + "}")),
                new Endpoint("assign", Kind.WRITE, f -> json(put("/api/v1/cases/{id}/assignment", f.caseId()),
                        "{\"version\":99,\"caseworkerId\":\"" + f.caseworkerId() + "\",\"riskLevel\":\"HIGH\"}")),
                new Endpoint("activate", Kind.WRITE, f -> json(post("/api/v1/cases/{id}/activation", f.caseId()), "{\"version\":99}")),
                new Endpoint("reintegration", Kind.WRITE, f -> json(post("/api/v1/cases/{id}/reintegration", f.caseId()), "{\"version\":99}")),
                new Endpoint("return to active", Kind.WRITE, f -> json(post("/api/v1/cases/{id}/return-to-active", f.caseId()), "{\"version\":99}")),
                new Endpoint("request closure", Kind.WRITE, f -> json(post("/api/v1/cases/{id}/closure-request", f.caseId()),
                        "{\"version\":99,\"reason\":\"REINTEGRATED\"}")),
                new Endpoint("approve closure", Kind.SUPERVISE, f -> json(post("/api/v1/cases/{id}/closure-approval", f.caseId()), "{\"version\":99}")),
                new Endpoint("reopen", Kind.WRITE, f -> json(post("/api/v1/cases/{id}/reopening", f.caseId()), "{\"version\":99,\"note\":\"Test\"}")),
                new Endpoint("record consent", Kind.WRITE, f -> json(post("/api/v1/cases/{id}/consents", f.caseId()),
                        "{\"scope\":\"STATISTICS\",\"givenBy\":\"SURVIVOR\",\"method\":\"SIGNATURE\",\"givenOn\":\"" + today + "\"}")),
                new Endpoint("withdraw consent", Kind.WRITE, f -> post("/api/v1/cases/{id}/consents/{c}/withdrawal", f.caseId(), f.consentId())),
                new Endpoint("share", Kind.WRITE, f -> json(post("/api/v1/cases/{id}/shares", f.caseId()),
                        "{\"organisationId\":\"" + f.otherOrg() + "\",\"purpose\":\"SERVICES\"}")),
                new Endpoint("revoke share", Kind.WRITE, f -> delete("/api/v1/cases/{id}/shares/{g}", f.caseId(), f.grantId())),
                new Endpoint("screen", Kind.WRITE, f -> json(post("/api/v1/cases/{id}/screenings", f.caseId()),
                        "{\"screenedOn\":\"" + today + "\",\"ageAtRecruitment\":20,\"indicatorCodes\":[\"ACT.RECRUITMENT\"]}")),
                new Endpoint("identify", Kind.WRITE, f -> json(post("/api/v1/cases/{id}/identifications", f.caseId()),
                        "{\"decidedBy\":\"Test Officer\",\"authority\":\"MOSAVY\",\"form\":\"MoSAVY form\",\"decidedOn\":\"" + today + "\",\"outcome\":\"POSSIBLE_VICTIM\"}")),
                new Endpoint("episode", Kind.WRITE, f -> json(post("/api/v1/cases/{id}/episodes", f.caseId()),
                        "{\"stage\":\"RECRUITMENT\",\"countryCode\":\"KHM\",\"placeCode\":\"0102\"}")),
                new Endpoint("needs", Kind.WRITE, f -> json(post("/api/v1/cases/{id}/needs-assessments", f.caseId()),
                        "{\"assessedOn\":\"" + today + "\",\"needs\":[\"SHELTER\"]}")),
                new Endpoint("goal", Kind.WRITE, f -> json(post("/api/v1/cases/{id}/goals", f.caseId()), "{\"area\":\"ECONOMIC\",\"goal\":\"Test goal\"}")),
                new Endpoint("service", Kind.WRITE, f -> json(post("/api/v1/cases/{id}/services", f.caseId()),
                        "{\"serviceType\":\"MEDICAL\",\"startedOn\":\"" + today + "\",\"fundingSource\":\"Test donor\"}")),
                new Endpoint("follow-up", Kind.WRITE, f -> json(post("/api/v1/cases/{id}/follow-ups/{f}", f.caseId(), f.followUpId()),
                        "{\"version\":0,\"doneOn\":\"" + today + "\",\"safety\":3}")),
                new Endpoint("note", Kind.WRITE, f -> json(post("/api/v1/cases/{id}/notes", f.caseId()), "{\"body\":\"Test note\"}")),
                new Endpoint("attach", Kind.WRITE, f -> multipart("/api/v1/cases/{id}/attachments", f.caseId())
                        .file(new MockMultipartFile("file", "scan.png", "image/png", png()))),
                // corrections (docs/decisions/0004): each update moves the record to version 1, the next step uses it
                new Endpoint("correct episode", Kind.WRITE, f -> json(put("/api/v1/cases/{id}/episodes/{e}", f.caseId(), f.episodeId()),
                        "{\"version\":0,\"stage\":\"TRANSIT\",\"countryCode\":\"THA\"}")),
                new Endpoint("delete episode", Kind.WRITE, f -> delete("/api/v1/cases/{id}/episodes/{e}", f.caseId(), f.episodeId())
                        .param("version", "1")),
                new Endpoint("correct needs", Kind.WRITE, f -> json(put("/api/v1/cases/{id}/needs-assessments/{n}", f.caseId(), f.needsId()),
                        "{\"version\":0,\"assessedOn\":\"" + today + "\",\"needs\":[\"HEALTH\"]}")),
                new Endpoint("delete needs", Kind.WRITE, f -> delete("/api/v1/cases/{id}/needs-assessments/{n}", f.caseId(), f.needsId())
                        .param("version", "1")),
                new Endpoint("correct identification", Kind.WRITE, f -> json(put("/api/v1/cases/{id}/identifications/{d}", f.caseId(),
                        f.identificationId()), "{\"version\":0,\"decidedBy\":\"Test Officer\",\"authority\":\"MOSAVY\",\"form\":\"F\","
                        + "\"decidedOn\":\"" + today + "\",\"outcome\":\"POSSIBLE_VICTIM\",\"reason\":\"Test correction\"}")),
                new Endpoint("void identification", Kind.WRITE, f -> json(post("/api/v1/cases/{id}/identifications/{d}/voiding",
                        f.caseId(), f.identificationId()), "{\"version\":1,\"reason\":\"Test void\"}")),
                new Endpoint("goal status", Kind.WRITE, f -> json(put("/api/v1/cases/{id}/goals/{g}/status", f.caseId(), f.goalId()),
                        "{\"version\":0,\"status\":\"IN_PROGRESS\"}")),
                new Endpoint("correction page", Kind.READ, f -> get("/cases/{id}", f.caseId()).param("edit", f.goalId().toString())));
    }

    static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder b, String body) {
        return b.contentType(MediaType.APPLICATION_JSON).content(body);
    }

    @Test
    void everyEndpointEveryRoleEveryRelation() throws Exception {
        SecurityFixtures security = new SecurityFixtures(jdbc);
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Role role : Role.values()) {
            for (Relation relation : Relation.values()) {
                UUID owner = security.organisation(OrganisationType.SHELTER);
                CurrentUser ownerSupervisor = security.user(owner, Role.CASE_SUPERVISOR);
                CurrentUser ownerCaseworker = security.user(owner, Role.CASEWORKER);
                UUID other = security.organisation(OrganisationType.LEGAL_AID);
                UUID actorOrg = relation == Relation.OWN_ASSIGNED || relation == Relation.OWN_UNASSIGNED ? owner : other;
                CurrentUser actor = security.user(actorOrg, role);
                UUID assignee = relation == Relation.OWN_ASSIGNED ? actor.userId() : ownerCaseworker.userId();
                Fixture f = fixture(ownerSupervisor, assignee, other, relation == Relation.CONSENTED_SHARE);
                for (Endpoint e : endpoints()) {
                    Decision expected = expected(role, relation, e.kind());
                    long auditBefore = auditCount(actor.userId(), f.caseId());
                    MvcResult result;
                    try {
                        result = mvc.perform(e.request().apply(f).with(SecurityFixtures.as(actor)).with(csrf()))
                                .andReturn();
                    } catch (Exception ex) {
                        failures.add(role + " " + relation + " " + e.name() + ": threw " + ex);
                        continue;
                    }
                    int status = result.getResponse().getStatus();
                    String body = result.getResponse().getContentAsString();
                    checked++;
                    String where = role + " " + relation + " " + e.name() + ": ";
                    switch (expected) {
                        case ALLOW -> {
                            // 409: access passed, the state refused the change (nothing written, nothing to audit).
                            if (status >= 400 && status != 409) {
                                failures.add(where + "expected allowed, got " + status + " " + body);
                            } else if (status < 400 && auditCount(actor.userId(), f.caseId()) <= auditBefore) {
                                failures.add(where + "allowed but no audit event naming the case");
                            }
                        }
                        case NOT_FOUND -> {
                            if (status != 404) {
                                failures.add(where + "expected 404, got " + status);
                            } else if (body.contains(f.caseCode()) || body.contains("Matrix") || body.contains("Test Survivor")) {
                                failures.add(where + "404 carried case data");
                            }
                        }
                        case FORBIDDEN -> {
                            if (status != 403) {
                                failures.add(where + "expected 403, got " + status);
                            } else if (body.contains(f.caseCode()) || body.contains("Test Survivor")) {
                                failures.add(where + "403 carried case data");
                            }
                        }
                    }
                }
                // The list: the case appears exactly when the role may read it.
                MvcResult list = mvc.perform(get("/api/v1/cases").param("q", f.caseCode()).with(SecurityFixtures.as(actor)))
                        .andReturn();
                Decision read = expected(role, relation, Kind.READ);
                boolean canList = actor.can(Permission.CASE_READ);
                if (!canList && list.getResponse().getStatus() != 403) {
                    failures.add(role + " " + relation + " list: expected 403, got " + list.getResponse().getStatus());
                }
                if (canList && list.getResponse().getContentAsString().contains(f.caseCode()) != (read == Decision.ALLOW)) {
                    failures.add(role + " " + relation + " list: visibility wrong");
                }
                checked++;
            }
        }
        assertThat(failures).as("authorization matrix (" + checked + " checks)").isEmpty();
        assertThat(checked).isGreaterThan(900);
    }

    static Decision expected(Role role, Relation relation, Kind kind) {
        if (!role.permissions().contains(Permission.CASE_READ)) {
            return Decision.FORBIDDEN;
        }
        boolean supervisor = role.permissions().contains(Permission.CASE_SUPERVISE);
        boolean visible = switch (relation) {
            case OWN_ASSIGNED, CONSENTED_SHARE -> true;
            case OWN_UNASSIGNED -> supervisor;
            case OTHER_ORG -> false;
        };
        if (!visible) {
            return Decision.NOT_FOUND;
        }
        if (relation == Relation.CONSENTED_SHARE) {
            return kind == Kind.READ ? Decision.ALLOW : Decision.FORBIDDEN;
        }
        return switch (kind) {
            case READ -> Decision.ALLOW;
            case WRITE -> role.permissions().contains(Permission.CASE_WRITE) ? Decision.ALLOW : Decision.FORBIDDEN;
            case SUPERVISE -> supervisor ? Decision.ALLOW : Decision.FORBIDDEN;
        };
    }

    private Fixture fixture(CurrentUser ownerSupervisor, UUID assignee, UUID other, boolean share) {
        SecurityFixtures.signIn(ownerSupervisor);
        try {
            OpenedCase opened = cases.registerSurvivor(new CaseCommands.RegisterSurvivor(
                    CaseFixtures.identity("Test Survivor", "Matrix Demo " + UUID.randomUUID().toString().substring(0, 4)),
                    CaseFixtures.adultWoman(), LocalDate.now(CaseManagement.ZONE), "OUTREACH", "LOW", assignee, true));
            UUID id = opened.caseId();
            UUID attachment = cases.addAttachment(id, "photo.png", png());
            cases.activateCase(id, new ChangeStatus(0, null));
            cases.startReintegration(id, new StartReintegration(1, LocalDate.now(CaseManagement.ZONE)));
            CaseDetails d = cases.viewCase(id);
            UUID consent = cases.recordConsent(id, new CaseCommands.RecordConsent("SHARING", other, null, "SURVIVOR",
                    null, "SIGNATURE", null, LocalDate.now(CaseManagement.ZONE), null));
            if (share) {
                sharing.grant(id, other, Purpose.SERVICES, null, null, consent, "share", null);
            }
            UUID third = new SecurityFixtures(jdbc).organisation(OrganisationType.LEGAL_AID);
            UUID thirdConsent = cases.recordConsent(id, new CaseCommands.RecordConsent("SHARING", third, null, "SURVIVOR",
                    null, "SIGNATURE", null, LocalDate.now(CaseManagement.ZONE), null));
            UUID grant = sharing.grant(id, third, Purpose.REFERRAL, null, null, thirdConsent, "referral", null);
            LocalDate today = LocalDate.now(CaseManagement.ZONE);
            UUID episode = cases.recordEpisode(id, new CaseCommands.RecordEpisode("RECRUITMENT", null, null, "KHM", null,
                    null, null, java.util.Set.of(), null, null));
            UUID needs = cases.recordNeedsAssessment(id, new CaseCommands.RecordNeeds(today, java.util.Set.of("SHELTER"), null));
            UUID decision = cases.recordIdentification(id, new CaseCommands.RecordIdentification("Test Officer", "MOSAVY",
                    "Test form", today, "IDENTIFIED_VICTIM"));
            UUID goal = cases.addCarePlanGoal(id, new CaseCommands.AddGoal("ECONOMIC", "Test goal", null));
            return new Fixture(id, opened.caseCode(), attachment, d.followUps().get(0).id(), thirdConsent, assignee,
                    grant, other, episode, needs, decision, goal);
        } finally {
            SecurityFixtures.signOut();
        }
    }

    private long auditCount(UUID actor, UUID caseId) {
        return jdbc.sql("select count(*) from audit_event where actor_user_id = ? and subject_type = 'case' "
                + "and subject_ids @> array[?]::text[] and outcome = 'SUCCESS'")
                .params(actor, caseId.toString()).query(Long.class).single();
    }

    static byte[] png() {
        try {
            BufferedImage img = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(img, "png", out);
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
