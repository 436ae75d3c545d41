package org.haven.security;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.haven.HavenIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haven.security.SecurityFixtures.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

/**
 * Users' e-mail address and language for e-mail notifications: set on creation and changed by administrators of the
 * user's organisation (or system administrators) through the API and the pages, syntax-checked (400 with a field
 * error, nothing written), never in the audit trail; others get 404 or 403 as for every user change.
 */
@HavenIntegrationTest
class UserEmailIT {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;

    SecurityFixtures fixtures;
    UUID shelter;
    CurrentUser orgAdmin;
    CurrentUser systemAdmin;
    CurrentUser otherAdmin;
    CurrentUser caseworker;

    @BeforeEach
    void setUp() {
        fixtures = new SecurityFixtures(jdbc);
        shelter = fixtures.organisation(OrganisationType.SHELTER);
        orgAdmin = fixtures.user(shelter, Role.ORG_ADMIN);
        systemAdmin = fixtures.user(fixtures.organisation(OrganisationType.SYSTEM), Role.SYSTEM_ADMIN);
        otherAdmin = fixtures.user(fixtures.organisation(OrganisationType.SHELTER), Role.ORG_ADMIN);
        caseworker = fixtures.user(shelter, Role.CASEWORKER);
    }

    @Test
    void createWithAnAddressAndRefuseBadOnesWithAFieldError() throws Exception {
        String username = "it.mail." + suffix();
        MockHttpServletResponse created = mvc.perform(post("/api/v1/admin/users").with(as(orgAdmin)).with(csrf())
                .contentType("application/json").content(userJson(username, "  Sokha.Staff@shelter.example.org ")))
                .andReturn().getResponse();
        assertThat(created.getStatus()).isEqualTo(201);
        assertThat((String) JsonPath.read(created.getContentAsString(), "$.email"))
                .isEqualTo("Sokha.Staff@shelter.example.org");
        assertThat((String) JsonPath.read(created.getContentAsString(), "$.language")).isEqualTo("en");

        for (String bad : List.of("no-at-sign.example.org", "two@@example.org", "spaces in@example.org",
                "nodot@localhost", "a@" + "b".repeat(250) + ".org")) {
            String other = "it.bad." + suffix();
            MockHttpServletResponse r = mvc.perform(post("/api/v1/admin/users").with(as(orgAdmin)).with(csrf())
                    .contentType("application/json").content(userJson(other, bad))).andReturn().getResponse();
            ApiTokenIT.assertProblem(r, 400);
            assertThat(r.getContentAsString()).as(bad).contains("\"field\":\"email\"").contains("user.email.invalid");
            assertThat(jdbc.sql("select count(*) from app_user where username = ?").param(other).query(Integer.class)
                    .single()).isZero();
        }
    }

    @Test
    void administratorsOfTheUsersOrganisationChangeTheAddressAndLanguage() throws Exception {
        String target = "/api/v1/admin/users/" + caseworker.userId() + "/contact";
        MockHttpServletResponse ok = mvc.perform(put(target).with(as(orgAdmin)).with(csrf())
                .contentType("application/json").content("{\"email\":\"cw@shelter.example.org\",\"language\":\"km\"}"))
                .andReturn().getResponse();
        assertThat(ok.getStatus()).isEqualTo(200);
        assertThat(ok.getContentAsString()).contains("\"email\":\"cw@shelter.example.org\"").contains("\"language\":\"km\"");
        assertThat(stored()).isEqualTo("cw@shelter.example.org|km");

        MockHttpServletResponse bad = mvc.perform(put(target).with(as(orgAdmin)).with(csrf())
                .contentType("application/json").content("{\"email\":\"not an address\",\"language\":\"en\"}"))
                .andReturn().getResponse();
        ApiTokenIT.assertProblem(bad, 400);
        assertThat(bad.getContentAsString()).contains("\"field\":\"email\"").doesNotContain("not an address");
        MockHttpServletResponse badLanguage = mvc.perform(put(target).with(as(orgAdmin)).with(csrf())
                .contentType("application/json").content("{\"email\":\"x@example.org\",\"language\":\"fr\"}"))
                .andReturn().getResponse();
        ApiTokenIT.assertProblem(badLanguage, 400);
        assertThat(badLanguage.getContentAsString()).contains("\"field\":\"language\"");
        assertThat(stored()).isEqualTo("cw@shelter.example.org|km");

        // authorization unchanged: another organisation's administrator 404, a caseworker 403, system admin may
        ApiTokenIT.assertProblem(mvc.perform(put(target).with(as(otherAdmin)).with(csrf())
                .contentType("application/json").content("{\"email\":\"evil@example.org\"}")).andReturn()
                .getResponse(), 404);
        assertThat(mvc.perform(put(target).with(as(caseworker)).with(csrf())
                .contentType("application/json").content("{\"email\":\"self@example.org\"}")).andReturn()
                .getResponse().getStatus()).isEqualTo(403);
        assertThat(stored()).isEqualTo("cw@shelter.example.org|km");
        assertThat(mvc.perform(put(target).with(as(systemAdmin)).with(csrf())
                .contentType("application/json").content("{\"email\":\"\"}")).andReturn().getResponse().getStatus())
                .isEqualTo(200);
        assertThat(stored()).isEqualTo("null|km");

        // audited, without the address
        String audit = jdbc.sql("select string_agg(coalesce(details::text, ''), ' ') from audit_event "
                + "where action = 'user.contact.set' and ? = any(subject_ids)").param(caseworker.userId().toString())
                .query(String.class).single();
        assertThat(audit).isNotBlank().doesNotContain("cw@shelter.example.org").contains("hasEmail");
    }

    @Test
    void thePagesShowAndSetTheAddress() throws Exception {
        String page = mvc.perform(get("/admin/users/" + caseworker.userId()).param("lang", "en").with(as(orgAdmin)))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("E-mail notifications").contains("name=\"email\"");
        MockHttpServletResponse saved = mvc.perform(post("/admin/users/" + caseworker.userId() + "/contact")
                .with(as(orgAdmin)).with(csrf()).param("email", "page@shelter.example.org").param("language", "en"))
                .andReturn().getResponse();
        assertThat(saved.getStatus()).isEqualTo(302);
        assertThat(stored()).isEqualTo("page@shelter.example.org|en");
        String refused = mvc.perform(post("/admin/users/" + caseworker.userId() + "/contact").param("lang", "en")
                .with(as(orgAdmin)).with(csrf()).param("email", "broken@").param("language", "en"))
                .andReturn().getResponse().getContentAsString();
        assertThat(refused).contains("has-error").contains("Give a valid e-mail address");
        assertThat(stored()).isEqualTo("page@shelter.example.org|en");
        String created = mvc.perform(post("/admin/users").with(as(orgAdmin)).with(csrf())
                .param("username", "it.pagemail." + suffix()).param("displayName", "Test User Synthetic")
                .param("organisationId", shelter.toString()).param("roles", "CASEWORKER")
                .param("password", "violet tractor monsoon ledger").param("email", "bad address"))
                .andReturn().getResponse().getContentAsString();
        assertThat(created).contains("has-error").contains("value=\"bad address\"");
    }

    @Test
    void everyRoleOfTheOwnAndAnotherOrganisationGetsTheExpectedAnswer() throws Exception {
        UUID other = fixtures.organisation(OrganisationType.LEGAL_AID);
        for (Role role : Role.values()) {
            for (UUID org : List.of(shelter, other)) {
                CurrentUser actor = fixtures.user(org, role);
                boolean own = org.equals(shelter);
                int expected = role == Role.SYSTEM_ADMIN ? 200 : role == Role.ORG_ADMIN ? (own ? 200 : 404) : 403;
                String email = "r" + suffix() + "@example.org";
                int api = mvc.perform(put("/api/v1/admin/users/" + caseworker.userId() + "/contact").with(as(actor))
                        .with(csrf()).contentType("application/json").content("{\"email\":\"" + email + "\"}"))
                        .andReturn().getResponse().getStatus();
                assertThat(api).as(role + (own ? " own" : " other") + " API").isEqualTo(expected);
                assertThat(stored().startsWith(email)).as(role + " wrote").isEqualTo(expected == 200);
                String pageEmail = "p" + suffix() + "@example.org";
                int page = mvc.perform(post("/admin/users/" + caseworker.userId() + "/contact").with(as(actor))
                        .with(csrf()).param("email", pageEmail).param("language", "en")).andReturn().getResponse()
                        .getStatus();
                assertThat(page).as(role + (own ? " own" : " other") + " page").isEqualTo(expected == 200 ? 302 : expected);
                assertThat(stored().startsWith(pageEmail)).as(role + " wrote by page").isEqualTo(expected == 200);
            }
        }
    }

    private String stored() {
        return jdbc.sql("select coalesce(email, 'null') || '|' || preferred_language from app_user where id = ?")
                .param(caseworker.userId()).query(String.class).single();
    }

    private String userJson(String username, String email) {
        return "{\"username\":\"" + username + "\",\"displayName\":\"Test User Synthetic\",\"organisationId\":\""
                + shelter + "\",\"roles\":[\"CASEWORKER\"],\"password\":\"violet tractor monsoon ledger\",\"email\":\""
                + email + "\"}";
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
