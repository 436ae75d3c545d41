package org.haven.security;

import java.net.http.HttpResponse;
import java.util.Map;

import org.haven.HavenIntegrationTest;
import org.haven.security.SignInSupport.TestUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Form sign-in over real HTTP: session rotation, CSRF, lockout, identical answers, security headers. */
@HavenIntegrationTest
class SignInIT {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    org.springframework.test.web.servlet.MockMvc mvc;

    SignInSupport support;

    @BeforeEach
    void setUp() {
        support = new SignInSupport(context);
    }

    @Test
    void signInWithPasswordRotatesTheSessionIdAndOpensTheHomePage() throws Exception {
        TestUser user = support.user(support.organisation(OrganisationType.DONOR), Role.DONOR_VIEWER);
        BrowserSession browser = new BrowserSession(port);
        browser.csrfToken("/login");
        String before = browser.sessionId();
        assertThat(before).isNotNull();

        HttpResponse<String> response = browser.signIn(user.username(), SignInSupport.PASSWORD);

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(BrowserSession.location(response)).isEqualTo("/");
        assertThat(browser.sessionId()).isNotNull().isNotEqualTo(before);
        HttpResponse<String> home = browser.get("/");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        assertThat(count("auth.sign-in", "SUCCESS", user)).isEqualTo(1);
    }

    @Test
    void formPostWithoutCsrfTokenIsRefused() throws Exception {
        TestUser user = support.user(support.organisation(OrganisationType.DONOR), Role.DONOR_VIEWER);
        BrowserSession browser = new BrowserSession(port);
        HttpResponse<String> noToken = browser.post("/login",
                Map.of("username", user.username(), "password", SignInSupport.PASSWORD), null);
        assertThat(noToken.statusCode()).isEqualTo(403);

        browser.signIn(user.username(), SignInSupport.PASSWORD);
        HttpResponse<String> logoutWithoutToken = browser.post("/logout", Map.of(), null);
        assertThat(logoutWithoutToken.statusCode()).isEqualTo(403);
        assertThat(browser.get("/").statusCode()).as("still signed in").isEqualTo(200);
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameAnswer() throws Exception {
        TestUser user = support.user(support.organisation(OrganisationType.DONOR), Role.DONOR_VIEWER);
        HttpResponse<String> wrong = new BrowserSession(port).signIn(user.username(), "not the password at all");
        HttpResponse<String> unknown = new BrowserSession(port).signIn("nobody." + user.username(), "not the password at all");
        assertThat(wrong.statusCode()).isEqualTo(302);
        assertThat(unknown.statusCode()).isEqualTo(wrong.statusCode());
        assertThat(BrowserSession.location(unknown)).isEqualTo(BrowserSession.location(wrong)).isEqualTo("/login?error");
        assertThat(wrong.body()).isEqualTo(unknown.body());
    }

    @Test
    void fiveFailuresLockTheAccountEvenAgainstTheRightPassword() throws Exception {
        TestUser user = support.user(support.organisation(OrganisationType.DONOR), Role.DONOR_VIEWER);
        for (int i = 0; i < 5; i++) {
            assertThat(BrowserSession.location(new BrowserSession(port).signIn(user.username(), "wrong password " + i)))
                    .isEqualTo("/login?error");
        }
        HttpResponse<String> right = new BrowserSession(port).signIn(user.username(), SignInSupport.PASSWORD);
        assertThat(BrowserSession.location(right)).isEqualTo("/login?error");
        assertThat(count("auth.lockout", "SUCCESS", user)).isEqualTo(1);

        // after the lock expires the right password works again
        jdbc.sql("update app_user set locked_until = now() - interval '1 second' where id = ?").param(user.id()).update();
        assertThat(BrowserSession.location(new BrowserSession(port).signIn(user.username(), SignInSupport.PASSWORD)))
                .isEqualTo("/");
    }

    @Test
    void pagesCarryTheSecurityHeaders() throws Exception {
        HttpResponse<String> login = new BrowserSession(port).get("/login");
        assertThat(login.statusCode()).isEqualTo(200);
        assertThat(login.headers().firstValue("Content-Security-Policy").orElse(""))
                .contains("default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
                        "frame-ancestors 'none'", "form-action 'self'")
                .doesNotContain("unsafe-inline");
        assertThat(login.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        assertThat(login.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(login.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        // plain HTTP here: HSTS is only sent over TLS
        assertThat(login.headers().firstValue("Strict-Transport-Security")).isEmpty();
        assertThat(login.body()).doesNotContain("<script>").doesNotContain("style=\"");
    }

    @Test
    void strictTransportSecurityIsSentOverTls() throws Exception {
        var secure = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/login")
                .secure(true)).andReturn().getResponse();
        assertThat(secure.getHeader("Strict-Transport-Security")).contains("max-age=31536000").contains("includeSubDomains");
    }

    @Test
    void unknownUsersTakeAboutAsLongAsWrongPasswords() {
        // Without the dummy Argon2 check an unknown username would answer in about a millisecond against tens of
        // milliseconds for a known one. Medians of a few tries, generous bound: this machine is shared.
        TestUser user = support.user(support.organisation(OrganisationType.DONOR), Role.DONOR_VIEWER);
        org.haven.security.internal.SignIn signIn = context.getBean(org.haven.security.internal.SignIn.class);
        long[] known = new long[4];
        long[] unknown = new long[4];
        for (int i = 0; i < 4; i++) {
            long t0 = System.nanoTime();
            signIn.checkPassword(user.username(), "wrong password " + i, "test");
            known[i] = System.nanoTime() - t0;
            t0 = System.nanoTime();
            signIn.checkPassword("nobody." + user.username(), "wrong password " + i, "test");
            unknown[i] = System.nanoTime() - t0;
        }
        java.util.Arrays.sort(known);
        java.util.Arrays.sort(unknown);
        assertThat((double) unknown[2] / known[2]).isBetween(0.4, 2.5);
    }

    @Test
    void signInPageSpeaksKhmer() throws Exception {
        String body = new BrowserSession(port).get("/login?lang=km").body();
        assertThat(body).contains("ចូលប្រព័ន្ធ").contains("ពាក្យសម្ងាត់");
    }

    private int count(String action, String outcome, TestUser user) {
        return jdbc.sql("select count(*) from audit_event where action = ? and outcome = ? and ? = any(subject_ids)")
                .params(action, outcome, user.id().toString()).query(Integer.class).single();
    }
}
