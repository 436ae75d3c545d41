package org.haven.prevention;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.haven.HavenIntegrationTest;
import org.haven.places.internal.GazetteerImporter;
import org.haven.security.CurrentUser;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haven.security.SecurityFixtures.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

/**
 * Every endpoint of the prevention and places modules × prevention officer, caseworker, data analyst, another
 * organisation's prevention officer, system administrator and anonymous. "ok" means the request got past
 * authorisation (200, a redirect after a write, or 400 for the deliberately empty writes, which save nothing).
 */
@HavenIntegrationTest
@AutoConfigureMockMvc
class PreventionAuthorizationIT {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    GazetteerImporter importer;

    enum Expect { OK, FORBIDDEN, LOGIN, UNAUTHORIZED }

    record Endpoint(String name,
            Supplier<? extends org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder<?>> request) {
    }

    @Test
    void everyEndpointAllowsExactlyTheRolesItShould() throws Exception {
        PreventionFixtures f = new PreventionFixtures(jdbc, importer);
        UUID ownOrg = f.preventionNgo();
        CurrentUser officer = f.preventionOfficer(ownOrg);
        CurrentUser otherOrgOfficer = f.preventionOfficer();
        CurrentUser caseworker = f.caseworker();
        CurrentUser analyst = f.analyst();
        CurrentUser admin = f.systemAdmin();
        UUID activity = UUID.randomUUID();
        jdbc.sql("insert into outreach_activity (id, organisation_id, method, activity_date, place_code, created_by)"
                + " values (?, ?, 'ART', date '2025-05-01', '01020101', ?)").params(activity, ownOrg, officer.userId())
                .update();
        MockMultipartFile empty = new MockMultipartFile("file", "empty.csv", "text/csv", new byte[0]);

        List<Endpoint> endpoints = List.of(
                new Endpoint("GET /outreach", () -> get("/outreach")),
                new Endpoint("GET /outreach/activities/{id}", () -> get("/outreach/activities/" + activity)),
                new Endpoint("GET /outreach/activities/new", () -> get("/outreach/activities/new")),
                new Endpoint("POST /outreach/activities", () -> post("/outreach/activities")),
                new Endpoint("GET /outreach/activities/{id}/edit", () -> get("/outreach/activities/" + activity + "/edit")),
                new Endpoint("POST /outreach/activities/{id}", () -> post("/outreach/activities/" + activity)),
                new Endpoint("GET /outreach/campaigns", () -> get("/outreach/campaigns")),
                new Endpoint("GET /outreach/campaigns/new", () -> get("/outreach/campaigns/new")),
                new Endpoint("POST /outreach/campaigns", () -> post("/outreach/campaigns")),
                new Endpoint("GET /outreach/upload", () -> get("/outreach/upload")),
                new Endpoint("GET /outreach/upload/template.csv", () -> get("/outreach/upload/template.csv")),
                new Endpoint("POST /outreach/upload", () -> multipart("/outreach/upload").file(empty)),
                new Endpoint("POST /outreach/upload/confirm", () -> post("/outreach/upload/confirm").param("token", "x")),
                new Endpoint("GET /outreach/targeting", () -> get("/outreach/targeting")),
                new Endpoint("GET /outreach/targeting.csv", () -> get("/outreach/targeting.csv")
                        .param("from", "2025-01-01").param("to", "2025-12-31")),
                new Endpoint("GET /api/v1/outreach/activities", () -> get("/api/v1/outreach/activities")),
                new Endpoint("GET /api/v1/outreach/activities/{id}", () -> get("/api/v1/outreach/activities/" + activity)),
                new Endpoint("POST /api/v1/outreach/activities", () -> post("/api/v1/outreach/activities")
                        .contentType(MediaType.APPLICATION_JSON).content("{}")),
                new Endpoint("PUT /api/v1/outreach/activities/{id}", () -> put("/api/v1/outreach/activities/" + activity)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"version\":0}")),
                new Endpoint("POST /api/v1/outreach/activities/upload", () -> multipart("/api/v1/outreach/activities/upload")
                        .file(empty)),
                new Endpoint("GET /api/v1/outreach/campaigns", () -> get("/api/v1/outreach/campaigns")),
                new Endpoint("POST /api/v1/outreach/campaigns", () -> post("/api/v1/outreach/campaigns")
                        .contentType(MediaType.APPLICATION_JSON).content("{}")),
                new Endpoint("GET /tips/triage", () -> get("/tips/triage")),
                new Endpoint("GET /api/v1/tips", () -> get("/api/v1/tips")),
                new Endpoint("GET /admin/prevention", () -> get("/admin/prevention")),
                new Endpoint("POST /admin/prevention/hotlines", () -> post("/admin/prevention/hotlines")),
                new Endpoint("GET /api/v1/places", () -> get("/api/v1/places").param("q", "Kandal")),
                new Endpoint("GET /api/v1/places/{code}", () -> get("/api/v1/places/01")),
                new Endpoint("GET /places/search", () -> get("/places/search").param("q", "Kandal")),
                new Endpoint("GET /safe-migration", () -> get("/safe-migration")),
                new Endpoint("GET /tips/new", () -> get("/tips/new")),
                new Endpoint("GET /tips/follow-up", () -> get("/tips/follow-up")));

        Expect O = Expect.OK, F = Expect.FORBIDDEN;
        // Columns: officer, caseworker, analyst, other organisation's officer, system administrator.
        Map<String, Expect[]> table = new java.util.LinkedHashMap<>();
        for (String read : List.of("GET /outreach", "GET /outreach/activities/{id}", "GET /outreach/campaigns",
                "GET /outreach/targeting", "GET /outreach/targeting.csv", "GET /api/v1/outreach/activities",
                "GET /api/v1/outreach/activities/{id}", "GET /api/v1/outreach/campaigns")) {
            table.put(read, new Expect[] {O, O, O, O, F});
        }
        for (String write : List.of("GET /outreach/activities/new", "POST /outreach/activities", "GET /outreach/campaigns/new",
                "POST /outreach/campaigns", "GET /outreach/upload", "GET /outreach/upload/template.csv",
                "POST /outreach/upload", "POST /outreach/upload/confirm", "POST /api/v1/outreach/activities",
                "POST /api/v1/outreach/activities/upload", "POST /api/v1/outreach/campaigns")) {
            table.put(write, new Expect[] {O, F, F, O, F});
        }
        for (String ownOnly : List.of("GET /outreach/activities/{id}/edit", "POST /outreach/activities/{id}",
                "PUT /api/v1/outreach/activities/{id}")) {
            table.put(ownOnly, new Expect[] {O, F, F, F, F});
        }
        table.put("GET /tips/triage", new Expect[] {F, F, F, F, F});
        table.put("GET /api/v1/tips", new Expect[] {F, F, F, F, F});
        table.put("GET /admin/prevention", new Expect[] {F, F, F, F, O});
        table.put("POST /admin/prevention/hotlines", new Expect[] {F, F, F, F, O});
        for (String any : List.of("GET /api/v1/places", "GET /api/v1/places/{code}", "GET /places/search",
                "GET /safe-migration", "GET /tips/new", "GET /tips/follow-up")) {
            table.put(any, new Expect[] {O, O, O, O, O});
        }
        List<String> publicPaths = List.of("GET /places/search", "GET /safe-migration", "GET /tips/new",
                "GET /tips/follow-up");

        List<CurrentUser> users = List.of(officer, caseworker, analyst, otherOrgOfficer, admin);
        List<String> failures = new ArrayList<>();
        assertThat(table.keySet()).containsExactlyInAnyOrderElementsOf(endpoints.stream().map(Endpoint::name).toList());
        for (Endpoint e : endpoints) {
            Expect[] expected = table.get(e.name());
            for (int u = 0; u < users.size(); u++) {
                check(failures, e, "user " + u, e.request().get().with(as(users.get(u))).with(csrf()), expected[u]);
            }
            Expect anonymous = publicPaths.contains(e.name()) ? O
                    : e.name().contains(" /api/") ? Expect.UNAUTHORIZED : Expect.LOGIN;
            check(failures, e, "anonymous", e.request().get().with(csrf()), anonymous);
        }
        assertThat(failures).isEmpty();
    }

    private void check(List<String> failures, Endpoint e, String who,
            org.springframework.test.web.servlet.RequestBuilder request,
            Expect expected) throws Exception {
        var response = mvc.perform(request).andReturn().getResponse();
        int s = response.getStatus();
        boolean ok = switch (expected) {
            case OK -> s == 200 || s == 201 || s == 400 || (s == 302 && !String.valueOf(response.getRedirectedUrl())
                    .endsWith("/login"));
            case FORBIDDEN -> s == 403;
            case LOGIN -> s == 302 && String.valueOf(response.getRedirectedUrl()).endsWith("/login");
            case UNAUTHORIZED -> s == 401;
        };
        if (!ok) {
            failures.add(e.name() + " as " + who + ": expected " + expected + " but got " + s + " "
                    + response.getRedirectedUrl());
        }
    }
}
