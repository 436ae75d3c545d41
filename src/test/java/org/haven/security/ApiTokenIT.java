package org.haven.security;

import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.haven.HavenIntegrationTest;
import org.haven.security.SignInSupport.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/** API bearer tokens: issue, use, expiry, revocation, and problem+json for every refusal. */
@HavenIntegrationTest
class ApiTokenIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    MockMvc mvc;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    SignInSupport support;
    TestUser admin;

    @BeforeEach
    void setUp() {
        support = new SignInSupport(context);
        admin = support.user(support.organisation(OrganisationType.SYSTEM), Role.SYSTEM_ADMIN);
    }

    @Test
    void issuesAnOpaqueTokenStoredOnlyAsItsHash() throws Exception {
        MockHttpServletResponse r = requestToken(admin.username(), SignInSupport.PASSWORD, null);
        assertThat(r.getStatus()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.getContentAsString());
        String token = body.get("token").asText();
        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        assertThat(body.get("expiresAt").asText()).isNotBlank();
        assertThat(r.getHeader("Cache-Control")).contains("no-store");

        assertThat(jdbc.sql("select count(*) from api_token where token_hash = ?").param(token).query(Integer.class)
                .single()).isZero();
        assertThat(jdbc.sql("select count(*) from api_token where user_id = ?").param(admin.id()).query(Integer.class)
                .single()).isEqualTo(1);

        MockHttpServletResponse list = mvc.perform(get("/api/v1/admin/users").header("Authorization", "Bearer " + token))
                .andReturn().getResponse();
        assertThat(list.getStatus()).isEqualTo(200);
        assertThat(list.getContentAsString()).contains("\"items\"").contains(admin.username());
        assertThat(count("auth.token.issue", admin)).isEqualTo(1);
    }

    @Test
    void wrongPasswordAnswers401ProblemJson() throws Exception {
        MockHttpServletResponse wrong = requestToken(admin.username(), "not the password at all", null);
        assertProblem(wrong, 401);
        MockHttpServletResponse unknown = requestToken("nobody." + admin.username(), "not the password at all", null);
        assertProblem(unknown, 401);
        assertThat(JSON.readTree(unknown.getContentAsString()).get("detail"))
                .isEqualTo(JSON.readTree(wrong.getContentAsString()).get("detail"));
    }

    @Test
    void lockoutAppliesToTheTokenEndpoint() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertProblem(requestToken(admin.username(), "wrong password " + i, null), 401);
        }
        assertProblem(requestToken(admin.username(), SignInSupport.PASSWORD, null), 401);
    }

    @Test
    void requestsWithoutOrWithABadTokenAnswer401ProblemJson() throws Exception {
        assertProblem(mvc.perform(get("/api/v1/admin/users")).andReturn().getResponse(), 401);
        assertProblem(mvc.perform(get("/api/v1/admin/users").header("Authorization", "Bearer not-a-token"))
                .andReturn().getResponse(), 401);
    }

    @Test
    void expiredTokensAreRefused() throws Exception {
        String token = token(admin);
        jdbc.sql("update api_token set expires_at = now() - interval '1 minute' where user_id = ?").param(admin.id())
                .update();
        assertProblem(mvc.perform(get("/api/v1/admin/users").header("Authorization", "Bearer " + token))
                .andReturn().getResponse(), 401);
    }

    @Test
    void deleteRevokesTheTokenInUse() throws Exception {
        String token = token(admin);
        String other = token(admin);
        assertThat(mvc.perform(delete("/api/v1/auth/token").header("Authorization", "Bearer " + token))
                .andReturn().getResponse().getStatus()).isEqualTo(204);
        assertProblem(mvc.perform(get("/api/v1/admin/users").header("Authorization", "Bearer " + token))
                .andReturn().getResponse(), 401);
        assertThat(mvc.perform(get("/api/v1/admin/users").header("Authorization", "Bearer " + other))
                .andReturn().getResponse().getStatus()).isEqualTo(200);
        assertThat(count("auth.token.revoke", null)).isPositive();
    }

    @Test
    void bearerRequestsNeedNoCsrfTokenButRolesStillApply() throws Exception {
        TestUser donor = support.user(support.organisation(OrganisationType.DONOR), Role.DONOR_VIEWER);
        String token = token(donor);
        MockHttpServletResponse forbidden = mvc.perform(post("/api/v1/admin/organisations")
                .header("Authorization", "Bearer " + token).contentType("application/json")
                .content("{\"name\":\"Test Org Synthetic\",\"type\":\"SHELTER\",\"countryCode\":\"KH\"}"))
                .andReturn().getResponse();
        assertProblem(forbidden, 403);

        String adminToken = token(admin);
        MockHttpServletResponse created = mvc.perform(post("/api/v1/admin/organisations")
                .header("Authorization", "Bearer " + adminToken).contentType("application/json")
                .content("{\"name\":\"Test Org Synthetic " + UUID.randomUUID() + "\",\"type\":\"SHELTER\",\"countryCode\":\"KH\"}"))
                .andReturn().getResponse();
        assertThat(created.getStatus()).isEqualTo(201);
    }

    @Test
    void disablingAUserRevokesTheirTokens() throws Exception {
        TestUser donor = support.user(support.organisation(OrganisationType.DONOR), Role.DONOR_VIEWER);
        String donorToken = token(donor);
        String adminToken = token(admin);
        MockHttpServletResponse disabled = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .put("/api/v1/admin/users/" + donor.id() + "/enabled").header("Authorization", "Bearer " + adminToken)
                .contentType("application/json").content("{\"enabled\":false}")).andReturn().getResponse();
        assertThat(disabled.getStatus()).isEqualTo(200);
        assertProblem(mvc.perform(get("/api/v1/admin/organisations").header("Authorization", "Bearer " + donorToken))
                .andReturn().getResponse(), 401);
    }

    String token(TestUser user) throws Exception {
        MockHttpServletResponse r = requestToken(user.username(), SignInSupport.PASSWORD, null);
        assertThat(r.getStatus()).isEqualTo(200);
        return JSON.readTree(r.getContentAsString()).get("token").asText();
    }

    MockHttpServletResponse requestToken(String username, String password, String totp) throws Exception {
        ObjectMapper m = JSON;
        var node = m.createObjectNode().put("username", username).put("password", password);
        if (totp != null) {
            node.put("totp", totp);
        }
        return mvc.perform(post("/api/v1/auth/token").contentType("application/json").content(node.toString()))
                .andReturn().getResponse();
    }

    static void assertProblem(MockHttpServletResponse r, int status) throws Exception {
        assertThat(r.getStatus()).isEqualTo(status);
        assertThat(r.getContentType()).startsWith("application/problem+json");
        JsonNode body = JSON.readTree(r.getContentAsString());
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("title").asText()).isNotBlank();
        assertThat(r.getContentAsString()).doesNotContain("Exception").doesNotContain("at org.");
    }

    private int count(String action, TestUser user) {
        if (user == null) {
            return jdbc.sql("select count(*) from audit_event where action = ?").param(action).query(Integer.class).single();
        }
        return jdbc.sql("select count(*) from audit_event where action = ? and actor_user_id = ?")
                .params(action, user.id()).query(Integer.class).single();
    }
}
