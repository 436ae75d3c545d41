package org.haven.security;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.haven.HavenIntegrationTest;
import org.haven.security.SignInSupport.TestUser;
import org.haven.security.internal.Totp;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The TOTP second factor over real HTTP: enrolment by QR code and manual key, entry after the password, single use of
 * each code, binding to the user whose password was given, lockout, and the API's use of it.
 */
@HavenIntegrationTest
class SecondFactorIT {

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MockMvc mvc;

    SignInSupport support;

    @BeforeEach
    void setUp() {
        support = new SignInSupport(context);
    }

    @Test
    void caseworkerWithoutAFactorIsSentToEnrolmentAndEnrolsWithTheManualKey() throws Exception {
        TestUser user = support.userNeedingSecondFactor(support.organisation(OrganisationType.SHELTER), Role.CASEWORKER);
        BrowserSession browser = new BrowserSession(port);

        HttpResponse<String> password = browser.signIn(user.username(), SignInSupport.PASSWORD);
        assertThat(BrowserSession.location(password)).isEqualTo("/login/enrol");
        String halfSession = browser.sessionId();
        // half-authenticated: every other page sends the user back to enrolment
        assertThat(BrowserSession.location(browser.get("/"))).isEqualTo("/login/enrol");
        assertThat(BrowserSession.location(browser.get("/admin/users"))).isEqualTo("/login/enrol");

        HttpResponse<String> page = browser.get("/login/enrol");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("src=\"data:image/png;base64,");
        Matcher key = Pattern.compile("id=\"manual-key\">([A-Z2-7 ]+)<").matcher(page.body());
        assertThat(key.find()).isTrue();
        byte[] secret = base32(key.group(1).replace(" ", ""));
        assertThat(secret).hasSize(20);

        HttpResponse<String> wrong = browser.post("/login/enrol", Map.of("code", "000000".equals(code(secret, 0)) ? "111111" : "000000"), "/login/enrol");
        assertThat(wrong.statusCode()).isEqualTo(200);
        assertThat(wrong.body()).contains("has-error");

        HttpResponse<String> done = browser.post("/login/enrol", Map.of("code", code(secret, 0)), "/login/enrol");
        assertThat(done.statusCode()).isEqualTo(302);
        assertThat(BrowserSession.location(done)).isEqualTo("/");
        assertThat(browser.sessionId()).isNotEqualTo(halfSession);
        assertThat(browser.get("/").statusCode()).isEqualTo(200);

        byte[] stored = jdbc.sql("select totp_secret from app_user where id = ?").param(user.id()).query(byte[].class).single();
        assertThat(stored).isNotNull();
        assertThat(indexOf(stored, secret)).as("secret stored encrypted").isEqualTo(-1);
        assertThat(count("auth.second-factor.enrol", "SUCCESS", user)).isEqualTo(1);
        assertThat(count("auth.sign-in", "SUCCESS", user)).isEqualTo(1);
    }

    @Test
    void enrolledUserEntersTheCodeAfterThePasswordAndEachCodeWorksOnce() throws Exception {
        TestUser user = support.userWithSecondFactor(support.organisation(OrganisationType.SHELTER), Role.CASEWORKER);
        BrowserSession first = new BrowserSession(port);
        assertThat(BrowserSession.location(first.signIn(user.username(), SignInSupport.PASSWORD)))
                .isEqualTo("/login/second-factor");
        String halfSession = first.sessionId();
        String code = user.code(0);
        HttpResponse<String> accepted = first.post("/login/second-factor", Map.of("code", code), "/login/second-factor");
        assertThat(BrowserSession.location(accepted)).isEqualTo("/");
        assertThat(first.sessionId()).isNotEqualTo(halfSession);
        assertThat(first.get("/").statusCode()).isEqualTo(200);

        BrowserSession second = new BrowserSession(port);
        second.signIn(user.username(), SignInSupport.PASSWORD);
        HttpResponse<String> replay = second.post("/login/second-factor", Map.of("code", code), "/login/second-factor");
        assertThat(replay.statusCode()).as("replayed code").isEqualTo(200);
        assertThat(replay.body()).contains("has-error");
        assertThat(second.get("/").statusCode()).isEqualTo(302);

        HttpResponse<String> next = second.post("/login/second-factor", Map.of("code", user.code(1)), "/login/second-factor");
        assertThat(BrowserSession.location(next)).isEqualTo("/");
        assertThat(count("auth.second-factor", "FAILURE", user)).isEqualTo(1);
        assertThat(count("auth.second-factor", "SUCCESS", user)).isEqualTo(2);
    }

    @Test
    void anotherUsersCodeIsRefused() throws Exception {
        var org = support.organisation(OrganisationType.SHELTER);
        TestUser alice = support.userWithSecondFactor(org, Role.CASEWORKER);
        TestUser bob = support.userWithSecondFactor(org, Role.CASEWORKER);
        BrowserSession browser = new BrowserSession(port);
        browser.signIn(alice.username(), SignInSupport.PASSWORD);
        HttpResponse<String> r = browser.post("/login/second-factor", Map.of("code", bob.code(0)), "/login/second-factor");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("has-error");
        assertThat(browser.get("/").statusCode()).isEqualTo(302);
        // Bob's code is still unused and works for Bob
        BrowserSession bobs = new BrowserSession(port);
        bobs.signIn(bob.username(), SignInSupport.PASSWORD);
        assertThat(BrowserSession.location(bobs.post("/login/second-factor", Map.of("code", bob.code(0)),
                "/login/second-factor"))).isEqualTo("/");
    }

    @Test
    void wrongCodesCountTowardsLockoutAndEndTheHalfSession() throws Exception {
        TestUser user = support.userWithSecondFactor(support.organisation(OrganisationType.SHELTER), Role.CASEWORKER);
        BrowserSession browser = new BrowserSession(port);
        browser.signIn(user.username(), SignInSupport.PASSWORD);
        String wrong = user.code(0).equals("123456") ? "654321" : "123456";
        HttpResponse<String> last = null;
        for (int i = 0; i < 5; i++) {
            last = browser.post("/login/second-factor", Map.of("code", wrong), "/login/second-factor");
        }
        assertThat(BrowserSession.location(last)).isEqualTo("/login?error");
        assertThat(count("auth.lockout", "SUCCESS", user)).isEqualTo(1);
        // locked: the right password and code no longer get in
        BrowserSession again = new BrowserSession(port);
        assertThat(BrowserSession.location(again.signIn(user.username(), SignInSupport.PASSWORD))).isEqualTo("/login?error");
    }

    @Test
    void apiTokensNeedTheCodeOfAnEnrolledUser() throws Exception {
        TestUser user = support.userWithSecondFactor(support.organisation(OrganisationType.POLICE), Role.POLICE_INVESTIGATOR);
        ApiTokenIT.assertProblem(token(user, null), 401);
        String code = user.code(0);
        assertThat(token(user, code).getStatus()).isEqualTo(200);
        ApiTokenIT.assertProblem(token(user, code), 401);

        TestUser notEnrolled = support.userNeedingSecondFactor(support.organisation(OrganisationType.POLICE),
                Role.POLICE_INVESTIGATOR);
        var r = token(notEnrolled, "123456");
        ApiTokenIT.assertProblem(r, 401);
        assertThat(r.getContentAsString()).contains("second-factor-enrolment-required");
    }

    private org.springframework.mock.web.MockHttpServletResponse token(TestUser user, String totp) throws Exception {
        String body = "{\"username\":\"" + user.username() + "\",\"password\":\"" + SignInSupport.PASSWORD + "\""
                + (totp == null ? "" : ",\"totp\":\"" + totp + "\"") + "}";
        return mvc.perform(post("/api/v1/auth/token").contentType("application/json").content(body))
                .andReturn().getResponse();
    }

    private int count(String action, String outcome, TestUser user) {
        return jdbc.sql("select count(*) from audit_event where action = ? and outcome = ? and ? = any(subject_ids)")
                .params(action, outcome, user.id().toString()).query(Integer.class).single();
    }

    private static String code(byte[] secret, int offset) {
        return Totp.code(secret, Totp.step(Instant.now()) + offset);
    }

    private static byte[] base32(String s) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char c : s.toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
