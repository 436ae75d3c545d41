package org.haven.referrals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.haven.HavenIntegrationTest;
import org.haven.cases.CaseManagement;
import org.haven.referrals.ReferralFixtures.Scene;
import org.haven.referrals.SmtpTestServer.Received;
import org.haven.security.CurrentUser;
import org.haven.security.Role;
import org.haven.security.SecurityFixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haven.security.SecurityFixtures.as;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

/**
 * E-mail notification of referral changes, against a real (tiny, in-test) SMTP listener: the only test class with
 * {@code spring.mail.host} set (its own Spring context). One message per user of the other side who can act on the
 * referral and has an address, in the user's language, with the state and a link, and without survivor data; a
 * refused delivery changes nothing. {@code ReferralMailOffIT} covers the installation without a mail server.
 */
@HavenIntegrationTest
class ReferralMailIT {

    static final SmtpTestServer SMTP = SmtpTestServer.start();

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", SMTP::port);
        registry.add("haven.public-url", () -> "https://haven.example.org/");
        registry.add("haven.mail.from", () -> "haven@example.org");
    }

    @AfterAll
    static void stop() throws Exception {
        SMTP.close();
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

    ReferralFixtures fx;
    Scene s;
    String survivorName;

    @BeforeEach
    void scene() {
        fx = new ReferralFixtures(jdbc, caseManagement, directory, referrals);
        survivorName = "Test Survivor Sokha Demo " + UUID.randomUUID().toString().substring(0, 6);
        s = fx.scene();
        SMTP.clear();
        SMTP.rejectRecipients = false;
    }

    @AfterEach
    void signOut() {
        SecurityFixtures.signOut();
        SMTP.rejectRecipients = false;
    }

    void contact(UUID organisationId, CurrentUser user, String email, String language) throws Exception {
        CurrentUser admin = fx.security.user(organisationId, Role.ORG_ADMIN);
        String json = "{\"email\":" + (email == null ? "null" : "\"" + email + "\"") + ",\"language\":\"" + language
                + "\"}";
        assertThat(mvc.perform(put("/api/v1/admin/users/" + user.userId() + "/contact").with(as(admin)).with(csrf())
                .contentType("application/json").content(json)).andReturn().getResponse().getStatus()).isEqualTo(200);
    }

    static String text(Received r) throws Exception {
        MimeMessage m = new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(r.raw().getBytes(StandardCharsets.UTF_8)));
        return m.getSubject() + "\n" + m.getContent();
    }

    @Test
    void eachChangeMailsTheOtherSidesUsersWhoCanActInTheirLanguageWithoutSurvivorData() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String officerMail = "officer." + tag + "@legal.example.org";
        String caseworkerMail = "caseworker." + tag + "@shelter.example.org";
        String supervisorMail = "supervisor." + tag + "@shelter.example.org";
        contact(s.receiver(), s.officer(), officerMail, "km");
        // officer2 (receiving caseworker) has no address; an analyst of the receiver has one but no referral permission
        CurrentUser analyst = fx.security.user(s.receiver(), Role.DATA_ANALYST);
        contact(s.receiver(), analyst, "analyst." + tag + "@legal.example.org", "en");
        contact(s.shelter(), s.caseworker(), caseworkerMail, "en");
        contact(s.shelter(), s.supervisor(), supervisorMail, "en");
        // a named survivor, so that the test can look for the name in the mail
        var opened = fx.cases.anOpenCase(s.caseworker(), org.haven.cases.CaseFixtures.identity("Test Survivor Sokha",
                survivorName.substring("Test Survivor Sokha ".length())));
        Scene named = new Scene(s.shelter(), s.receiver(), s.caseworker(), s.supervisor(), s.officer(), s.officer2(),
                opened.caseId(), opened.caseCode());
        fx.consent(named);

        UUID id = fx.send(named, "LEGAL_AID");
        List<Received> sent = SMTP.await(1, Duration.ofSeconds(10));
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).recipients()).containsExactly(officerMail);
        assertThat(sent.get(0).mailFrom()).isEqualTo("haven@example.org");
        String khmer = text(sent.get(0));
        assertThat(khmer).contains("ជំនួយផ្លូវច្បាប់").contains("បានផ្ញើ")
                .contains("https://haven.example.org/referrals/" + id);
        assertNoSurvivorData(sent.get(0), named);

        SMTP.clear();
        fx.as(s.officer(), () -> referrals.accept(id));
        sent = SMTP.await(2, Duration.ofSeconds(10));
        assertThat(sent).hasSize(2);
        assertThat(sent.stream().flatMap(r -> r.recipients().stream()).toList())
                .containsExactlyInAnyOrder(caseworkerMail, supervisorMail);
        for (Received r : sent) {
            assertThat(text(r)).contains("Legal aid").contains("Accepted")
                    .contains("https://haven.example.org/referrals/" + id).contains("Sign in to Haven");
            assertNoSurvivorData(r, named);
        }

        // the receiving caseworker gets an address: the next change to the receiver (withdrawal) reaches both
        String officer2Mail = "officer2." + tag + "@legal.example.org";
        contact(s.receiver(), s.officer2(), officer2Mail, "en");
        SMTP.clear();
        fx.as(s.caseworker(), () -> referrals.withdraw(id));
        sent = SMTP.await(2, Duration.ofSeconds(10));
        assertThat(sent.stream().flatMap(r -> r.recipients().stream()).toList())
                .containsExactlyInAnyOrder(officerMail, officer2Mail);
        // a disabled user gets nothing
        jdbc.sql("update app_user set enabled = false where id = ?").param(s.officer2().userId()).update();
        SMTP.clear();
        UUID second = fx.send(named, "LEGAL_AID");
        sent = SMTP.await(1, Duration.ofSeconds(10));
        assertThat(sent.stream().flatMap(r -> r.recipients().stream()).toList()).containsExactly(officerMail);
        assertThat(text(sent.get(0))).contains("/referrals/" + second);
    }

    @Test
    void aRefusedDeliveryBreaksNothing() throws Exception {
        contact(s.receiver(), s.officer(), "refused." + UUID.randomUUID().toString().substring(0, 8)
                + "@legal.example.org", "en");
        fx.consent(s);
        SMTP.rejectRecipients = true;
        int before = SMTP.connections;
        UUID id = fx.send(s, "LEGAL_AID");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (SMTP.connections == before && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(SMTP.connections).as("a delivery was attempted").isGreaterThan(before);
        assertThat(SMTP.await(0, Duration.ZERO)).isEmpty();
        assertThat(jdbc.sql("select status from referral where id = ?").param(id).query(String.class).single())
                .isEqualTo("SENT");
        assertThat(jdbc.sql("select count(*) from referral_notification where referral_id = ?").param(id)
                .query(Integer.class).single()).isEqualTo(1);
        // the next change still goes through and the receiver can act
        SMTP.rejectRecipients = false;
        fx.as(s.officer(), () -> referrals.accept(id));
        assertThat(jdbc.sql("select status from referral where id = ?").param(id).query(String.class).single())
                .isEqualTo("ACCEPTED");
    }

    private void assertNoSurvivorData(Received r, Scene scene) throws Exception {
        String decoded = text(r);
        for (String secret : List.of(survivorName, "Sokha", scene.caseCode(), scene.caseId().toString(),
                "Test reason", "court support")) {
            assertThat(r.raw()).doesNotContain(secret);
            assertThat(decoded).doesNotContain(secret);
        }
    }
}
