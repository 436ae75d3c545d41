package org.haven.security;

import java.util.UUID;

import org.haven.HavenIntegrationTest;
import org.haven.security.SignInSupport.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haven.security.SecurityFixtures.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

/** Administration of organisations and users through the API and the pages: who may touch whom. */
@HavenIntegrationTest
class AdministrationIT {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationContext context;

    @LocalServerPort
    int port;

    SecurityFixtures fixtures;
    UUID shelter;
    UUID otherShelter;
    CurrentUser orgAdmin;
    CurrentUser systemAdmin;
    CurrentUser otherCaseworker;

    @BeforeEach
    void setUp() {
        fixtures = new SecurityFixtures(jdbc);
        shelter = fixtures.organisation(OrganisationType.SHELTER);
        otherShelter = fixtures.organisation(OrganisationType.SHELTER);
        orgAdmin = fixtures.user(shelter, Role.ORG_ADMIN, Role.CASE_SUPERVISOR);
        systemAdmin = fixtures.user(fixtures.organisation(OrganisationType.SYSTEM), Role.SYSTEM_ADMIN);
        otherCaseworker = fixtures.user(otherShelter, Role.CASEWORKER);
    }

    @Test
    void organisationAdministratorCannotTouchAnotherOrganisationsUsersThroughTheApi() throws Exception {
        String target = "/api/v1/admin/users/" + otherCaseworker.userId();
        problem(mvc.perform(get(target).with(as(orgAdmin))).andReturn().getResponse(), 404);
        problem(mvc.perform(put(target + "/enabled").with(as(orgAdmin)).with(csrf()).contentType("application/json")
                .content("{\"enabled\":false}")).andReturn().getResponse(), 404);
        problem(mvc.perform(put(target + "/roles").with(as(orgAdmin)).with(csrf()).contentType("application/json")
                .content("{\"roles\":[\"CASE_SUPERVISOR\"]}")).andReturn().getResponse(), 404);
        problem(mvc.perform(put(target + "/password").with(as(orgAdmin)).with(csrf()).contentType("application/json")
                .content("{\"password\":\"violet tractor monsoon ledger\"}")).andReturn().getResponse(), 404);
        problem(mvc.perform(delete(target + "/second-factor").with(as(orgAdmin)).with(csrf()))
                .andReturn().getResponse(), 404);
        problem(mvc.perform(get("/api/v1/admin/users").param("organisationId", otherShelter.toString())
                .with(as(orgAdmin))).andReturn().getResponse(), 404);
        problem(mvc.perform(get("/api/v1/admin/organisations/" + otherShelter).with(as(orgAdmin)))
                .andReturn().getResponse(), 404);

        String own = mvc.perform(get("/api/v1/admin/users").with(as(orgAdmin))).andReturn().getResponse()
                .getContentAsString();
        assertThat(own).contains(orgAdmin.username()).doesNotContain(otherCaseworker.username());
        assertUnchanged(otherCaseworker);
    }

    @Test
    void organisationAdministratorCannotTouchAnotherOrganisationsUsersThroughThePages() throws Exception {
        String target = "/admin/users/" + otherCaseworker.userId();
        assertThat(mvc.perform(get(target).with(as(orgAdmin))).andReturn().getResponse().getStatus()).isEqualTo(404);
        assertThat(mvc.perform(post(target + "/enabled").param("enabled", "false").with(as(orgAdmin)).with(csrf()))
                .andReturn().getResponse().getStatus()).isEqualTo(404);
        assertThat(mvc.perform(post(target + "/second-factor/reset").with(as(orgAdmin)).with(csrf()))
                .andReturn().getResponse().getStatus()).isEqualTo(404);
        assertThat(mvc.perform(post(target + "/roles").param("roles", "CASE_SUPERVISOR").with(as(orgAdmin)).with(csrf()))
                .andReturn().getResponse().getStatus()).isEqualTo(404);
        String list = mvc.perform(get("/admin/users").with(as(orgAdmin))).andReturn().getResponse().getContentAsString();
        assertThat(list).contains(orgAdmin.username()).doesNotContain(otherCaseworker.username());
        assertUnchanged(otherCaseworker);
    }

    @Test
    void organisationAdministratorCannotGrantSystemAdministrator() throws Exception {
        CurrentUser colleague = fixtures.user(shelter, Role.CASEWORKER);
        problem(mvc.perform(put("/api/v1/admin/users/" + colleague.userId() + "/roles").with(as(orgAdmin)).with(csrf())
                .contentType("application/json").content("{\"roles\":[\"SYSTEM_ADMIN\"]}")).andReturn().getResponse(), 403);
        problem(mvc.perform(post("/api/v1/admin/users").with(as(orgAdmin)).with(csrf()).contentType("application/json")
                .content(userJson("it.sneaky." + suffix(), shelter, "SYSTEM_ADMIN", "violet tractor monsoon ledger")))
                .andReturn().getResponse(), 403);
        assertThat(jdbc.sql("select count(*) from user_role where user_id = ? and role = 'SYSTEM_ADMIN'")
                .param(colleague.userId()).query(Integer.class).single()).isZero();
    }

    @Test
    void organisationAdministratorManagesTheirOwnOrganisationAndEveryChangeIsAudited() throws Exception {
        String username = "it.new." + suffix();
        MockHttpServletResponse created = mvc.perform(post("/api/v1/admin/users").with(as(orgAdmin)).with(csrf())
                .contentType("application/json")
                .content(userJson(username, shelter, "CASEWORKER", "violet tractor monsoon ledger")))
                .andReturn().getResponse();
        assertThat(created.getStatus()).isEqualTo(201);
        UUID id = jdbc.sql("select id from app_user where username = ?").param(username).query(UUID.class).single();
        assertThat(jdbc.sql("select password_hash from app_user where id = ?").param(id).query(String.class).single())
                .startsWith("$argon2id$");

        assertThat(mvc.perform(put("/api/v1/admin/users/" + id + "/enabled").with(as(orgAdmin)).with(csrf())
                .contentType("application/json").content("{\"enabled\":false}")).andReturn().getResponse().getStatus())
                .isEqualTo(200);
        assertThat(jdbc.sql("select enabled from app_user where id = ?").param(id).query(Boolean.class).single()).isFalse();

        assertThat(jdbc.sql("""
                select array_agg(action order by id) from audit_event
                where actor_user_id = ? and ? = any(subject_ids)
                """).params(orgAdmin.userId(), id.toString()).query(String.class).single())
                .contains("user.create").contains("user.disable");
    }

    @Test
    void organisationAdministratorCannotCreateUsersElsewhere() throws Exception {
        MockHttpServletResponse r = mvc.perform(post("/api/v1/admin/users").with(as(orgAdmin)).with(csrf())
                .contentType("application/json")
                .content(userJson("it.elsewhere." + suffix(), otherShelter, "CASEWORKER", "violet tractor monsoon ledger")))
                .andReturn().getResponse();
        problem(r, 400);
        assertThat(r.getContentAsString()).contains("organisationId");
    }

    @Test
    void shortAndCommonPasswordsAreRefusedWithAFieldError() throws Exception {
        MockHttpServletResponse shortOne = mvc.perform(post("/api/v1/admin/users").with(as(systemAdmin)).with(csrf())
                .contentType("application/json").content(userJson("it.short." + suffix(), shelter, "CASEWORKER", "Xk4!pQ9#zL2")))
                .andReturn().getResponse();
        problem(shortOne, 400);
        assertThat(shortOne.getContentAsString()).contains("\"field\":\"password\"").contains("password.tooShort");

        MockHttpServletResponse common = mvc.perform(post("/api/v1/admin/users").with(as(systemAdmin)).with(csrf())
                .contentType("application/json").content(userJson("it.common." + suffix(), shelter, "CASEWORKER", "qwerty123456")))
                .andReturn().getResponse();
        problem(common, 400);
        assertThat(common.getContentAsString()).contains("password.common");

        String page = mvc.perform(post("/admin/users").with(as(systemAdmin)).with(csrf())
                .param("username", "it.page." + suffix()).param("displayName", "Test User Synthetic")
                .param("organisationId", shelter.toString()).param("roles", "CASEWORKER").param("password", "qwerty123456"))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("has-error").contains("most commonly used passwords");
    }

    @Test
    void systemAdministratorCreatesAnOrganisationOnThePage() throws Exception {
        String name = "Test Organisation Synthetic " + suffix();
        MockHttpServletResponse r = mvc.perform(post("/admin/organisations").with(as(systemAdmin)).with(csrf())
                .param("name", name).param("type", "LEGAL_AID").param("countryCode", "kh")).andReturn().getResponse();
        assertThat(r.getStatus()).isEqualTo(302);
        assertThat(jdbc.sql("select type || ':' || country_code from organisation where name = ?").param(name)
                .query(String.class).single()).isEqualTo("LEGAL_AID:KH");

        String invalid = mvc.perform(post("/admin/organisations").with(as(systemAdmin)).with(csrf())
                .param("name", "").param("type", "LEGAL_AID").param("countryCode", "XX").param("lang", "km"))
                .andReturn().getResponse().getContentAsString();
        assertThat(invalid).contains("has-error").contains("សូមបញ្ចូលឈ្មោះអង្គការ");
    }

    @Test
    void organisationAdministratorCannotCreateOrganisations() throws Exception {
        problem(mvc.perform(post("/api/v1/admin/organisations").with(as(orgAdmin)).with(csrf())
                .contentType("application/json").content("{\"name\":\"Test Org Synthetic\",\"type\":\"SHELTER\",\"countryCode\":\"KH\"}"))
                .andReturn().getResponse(), 403);
    }

    @Test
    void usersWithoutAnAdministratorRoleAreKeptOutOfAdministration() throws Exception {
        assertThat(mvc.perform(get("/admin/users").with(as(otherCaseworker))).andReturn().getResponse().getStatus())
                .isEqualTo(403);
        problem(mvc.perform(get("/api/v1/admin/users").with(as(otherCaseworker))).andReturn().getResponse(), 403);
    }

    @Test
    void disablingASignedInUserEndsTheirSessionAtTheNextRequest() throws Exception {
        SignInSupport support = new SignInSupport(context);
        TestUser donor = support.user(support.organisation(OrganisationType.DONOR), Role.DONOR_VIEWER);
        BrowserSession browser = new BrowserSession(port);
        browser.signIn(donor.username(), SignInSupport.PASSWORD);
        assertThat(browser.get("/").statusCode()).isEqualTo(200);

        mvc.perform(put("/api/v1/admin/users/" + donor.id() + "/enabled").with(as(systemAdmin)).with(csrf())
                .contentType("application/json").content("{\"enabled\":false}"));

        var after = browser.get("/");
        assertThat(after.statusCode()).isEqualTo(302);
        assertThat(BrowserSession.location(after)).startsWith("/login");
    }

    private void assertUnchanged(CurrentUser user) {
        assertThat(jdbc.sql("select enabled from app_user where id = ?").param(user.userId()).query(Boolean.class)
                .single()).isTrue();
        assertThat(jdbc.sql("select string_agg(role, ',') from user_role where user_id = ?").param(user.userId())
                .query(String.class).single()).isEqualTo("CASEWORKER");
    }

    private static String userJson(String username, UUID organisationId, String role, String password) {
        return "{\"username\":\"" + username + "\",\"displayName\":\"Test User Synthetic\",\"organisationId\":\""
                + organisationId + "\",\"roles\":[\"" + role + "\"],\"password\":\"" + password + "\"}";
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static void problem(MockHttpServletResponse r, int status) throws Exception {
        ApiTokenIT.assertProblem(r, status);
    }
}
