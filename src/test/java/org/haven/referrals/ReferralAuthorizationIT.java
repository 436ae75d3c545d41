package org.haven.referrals;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import org.haven.HavenIntegrationTest;
import org.haven.cases.CaseManagement;
import org.haven.referrals.ReferralFixtures.Scene;
import org.haven.referrals.ReferralViews.MakeReferral;
import org.haven.security.CurrentUser;
import org.haven.security.OrganisationType;
import org.haven.security.Permission;
import org.haven.security.Role;
import org.haven.security.SecurityFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.*;

/**
 * Every referral and directory endpoint × every role × relation to the referral (a user of the referring
 * organisation, of the receiving organisation, of an unrelated organisation) → expected status; plus anonymous
 * callers (401). Referrals are reachable only by the two organisations (others get 404), actions need their
 * permission (403 otherwise) and the right side (the other side gets 404).
 */
@HavenIntegrationTest
class ReferralAuthorizationIT {

    enum Relation { SENDER, RECEIVER, OTHER }

    /** A referral in the state the endpoint needs, and the ids it may name. */
    record Ctx(UUID referralId, UUID caseId, UUID receiver, UUID serviceId) {
    }

    enum State { SENT, ACCEPTED }

    record Endpoint(String name, State state, boolean crossBorder, Function<Ctx, MockHttpServletRequestBuilder> request,
            Function<Cell, Integer> expected) {
    }

    record Cell(Role role, Relation relation) {
        boolean can(Permission p) {
            return role.permissions().contains(p);
        }

        boolean referrals() {
            return can(Permission.REFERRAL_SEND) || can(Permission.REFERRAL_RECEIVE);
        }
    }

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

    static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder b, String body) {
        return b.with(csrf()).contentType(MediaType.APPLICATION_JSON).content(body);
    }

    static int side(Cell c, Permission p, Relation side, int ok) {
        if (!c.can(p)) {
            return 403;
        }
        return c.relation() == side ? ok : 404;
    }

    static int publisher(Cell c) {
        return c.can(Permission.ADMIN_ORGANISATION) || c.can(Permission.REFERRAL_RECEIVE) ? 0 : 403;
    }

    static List<Endpoint> endpoints() {
        String today = java.time.LocalDate.now(CaseManagement.ZONE).toString();
        return List.of(
                new Endpoint("list", State.SENT, false, x -> get("/api/v1/referrals?direction=incoming"),
                        c -> c.referrals() ? 200 : 403),
                new Endpoint("overdue", State.SENT, false, x -> get("/api/v1/referrals/overdue"), c -> c.referrals() ? 200 : 403),
                new Endpoint("notifications", State.SENT, false, x -> get("/api/v1/referrals/notifications"),
                        c -> c.referrals() ? 200 : 403),
                new Endpoint("notifications read", State.SENT, false, x -> post("/api/v1/referrals/notifications/read").with(csrf()),
                        c -> c.referrals() ? 204 : 403),
                new Endpoint("indicators", State.SENT, false, x -> get("/api/v1/referrals/indicators"),
                        c -> c.can(Permission.CASE_SUPERVISE) ? 200 : 403),
                new Endpoint("send", State.SENT, false, x -> json(post("/api/v1/referrals"), "{\"caseId\":\"" + x.caseId()
                        + "\",\"toOrganisationId\":\"" + x.receiver() + "\",\"services\":[\"LEGAL_AID\"],\"reason\":\"Test\",\"urgency\":\"NORMAL\"}"),
                        // a receiver referring to itself is told so (400) before any case lookup
                        c -> !c.can(Permission.REFERRAL_SEND) ? 403 : switch (c.relation()) {
                            case SENDER -> 201;
                            case RECEIVER -> 400;
                            case OTHER -> 404;
                        }),
                new Endpoint("view", State.SENT, false, x -> get("/api/v1/referrals/{id}", x.referralId()),
                        c -> !c.referrals() ? 403 : c.relation() == Relation.OTHER ? 404 : 200),
                new Endpoint("accept", State.SENT, false, x -> post("/api/v1/referrals/{id}/acceptance", x.referralId()).with(csrf()),
                        c -> side(c, Permission.REFERRAL_RECEIVE, Relation.RECEIVER, 200)),
                new Endpoint("decline", State.SENT, false, x -> json(post("/api/v1/referrals/{id}/decline", x.referralId()),
                        "{\"reason\":\"Test: full\"}"), c -> side(c, Permission.REFERRAL_RECEIVE, Relation.RECEIVER, 200)),
                new Endpoint("start", State.ACCEPTED, false, x -> post("/api/v1/referrals/{id}/start", x.referralId()).with(csrf()),
                        c -> side(c, Permission.REFERRAL_RECEIVE, Relation.RECEIVER, 200)),
                new Endpoint("complete", State.ACCEPTED, false, x -> post("/api/v1/referrals/{id}/completion", x.referralId()).with(csrf()),
                        c -> side(c, Permission.REFERRAL_RECEIVE, Relation.RECEIVER, 200)),
                new Endpoint("withdraw", State.ACCEPTED, false, x -> post("/api/v1/referrals/{id}/withdrawal", x.referralId()).with(csrf()),
                        c -> side(c, Permission.REFERRAL_SEND, Relation.SENDER, 200)),
                new Endpoint("delivery", State.ACCEPTED, false, x -> json(post("/api/v1/referrals/{id}/deliveries", x.referralId()),
                        "{\"serviceType\":\"LEGAL_AID\",\"deliveredOn\":\"" + today + "\"}"),
                        c -> side(c, Permission.REFERRAL_RECEIVE, Relation.RECEIVER, 201)),
                new Endpoint("return step", State.ACCEPTED, true, x -> json(put("/api/v1/referrals/{id}/return-steps/VERIFICATION",
                        x.referralId()), "{\"status\":\"IN_PROGRESS\"}"),
                        c -> !c.referrals() ? 403 : switch (c.relation()) {
                            case RECEIVER -> 200;
                            case SENDER -> 403;
                            case OTHER -> 404;
                        }),
                new Endpoint("directory search", State.SENT, false, x -> get("/api/v1/services?serviceType=LEGAL_AID"), c -> 200),
                new Endpoint("directory entry", State.SENT, false, x -> get("/api/v1/services/{id}", x.serviceId()), c -> 200),
                new Endpoint("publish", State.SENT, false, x -> json(post("/api/v1/services"), "{\"serviceType\":\"MEDICAL\"}"),
                        c -> publisher(c) == 0 ? 201 : 403),
                new Endpoint("capacity", State.SENT, false, x -> json(put("/api/v1/services/{id}/capacity", x.serviceId()),
                        "{\"capacityFree\":0,\"version\":0}"),
                        c -> publisher(c) != 0 ? 403 : c.relation() == Relation.RECEIVER ? 200 : 404),
                new Endpoint("withdraw service", State.SENT, false, x -> delete("/api/v1/services/{id}", x.serviceId()).with(csrf()),
                        c -> publisher(c) != 0 ? 403 : c.relation() == Relation.RECEIVER ? 204 : 404));
    }

    @Test
    void everyEndpointEveryRoleEveryRelation() throws Exception {
        ReferralFixtures fx = new ReferralFixtures(jdbc, caseManagement, directory, referrals);
        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Role role : Role.values()) {
            for (Relation relation : Relation.values()) {
                Cell cell = new Cell(role, relation);
                for (Endpoint e : endpoints()) {
                    Scene s = e.crossBorder() ? fx.scene(OrganisationType.MINISTRY, "KH", "LEGAL_AID", "TH") : fx.scene();
                    fx.consent(s);
                    UUID actorOrg = switch (relation) {
                        case SENDER -> s.shelter();
                        case RECEIVER -> s.receiver();
                        case OTHER -> fx.security.organisation(OrganisationType.LEGAL_AID);
                    };
                    CurrentUser actor = fx.security.user(actorOrg, role);
                    UUID referral = fx.send(s, "LEGAL_AID");
                    if (e.state() == State.ACCEPTED) {
                        fx.as(s.officer(), () -> referrals.accept(referral));
                    }
                    UUID service = jdbc.sql("select id from directory_service where organisation_id = ?").param(s.receiver())
                            .query(UUID.class).single();
                    UUID caseId = s.caseId();
                    if (e.name().equals("send") && relation == Relation.SENDER && role.permissions().contains(Permission.CASE_WRITE)) {
                        // the sender must be able to change the case: let the actor hold one of their own
                        caseId = fx.cases.anOpenCase(actor).caseId();
                        fx.cases.sharingConsent(actor, caseId, s.receiver());
                    }
                    Ctx ctx = new Ctx(referral, caseId, s.receiver(), service);
                    int expected = e.expected().apply(cell);
                    int actual = mvc.perform(e.request().apply(ctx).with(SecurityFixtures.as(actor))).andReturn()
                            .getResponse().getStatus();
                    checked++;
                    if (actual != expected) {
                        failures.add(e.name() + " as " + role + " (" + relation + "): expected " + expected + ", got " + actual);
                    }
                }
            }
        }
        assertThat(failures).isEmpty();
        assertThat(checked).isEqualTo(Role.values().length * Relation.values().length * endpoints().size());
    }

    @Test
    void anonymousCallersGet401() throws Exception {
        for (String path : Set.of("/api/v1/referrals", "/api/v1/referrals/overdue", "/api/v1/services",
                "/api/v1/referrals/" + UUID.randomUUID(), "/api/v1/referrals/indicators")) {
            assertThat(mvc.perform(get(path)).andReturn().getResponse().getStatus()).as(path).isEqualTo(401);
        }
        assertThat(mvc.perform(json(post("/api/v1/referrals"), "{}")).andReturn().getResponse().getStatus()).isEqualTo(401);
    }
}
