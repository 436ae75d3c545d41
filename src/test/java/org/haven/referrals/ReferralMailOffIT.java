package org.haven.referrals;

import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.haven.HavenIntegrationTest;
import org.haven.cases.CaseManagement;
import org.haven.referrals.ReferralFixtures.Scene;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without {@code spring.mail.host} (the normal configuration of the tests) there is no mail sender and a referral
 * change attempts no e-mail at all, even to users with an address; the in-app notification is made as usual.
 */
@HavenIntegrationTest
class ReferralMailOffIT {

    @Autowired
    ApplicationContext context;
    @Autowired
    MeterRegistry meters;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CaseManagement caseManagement;
    @Autowired
    ServiceDirectory directory;
    @Autowired
    ReferralManagement referrals;

    @Test
    void noMailServerNoMailAttempted() {
        assertThat(context.getEnvironment().getProperty("spring.mail.host")).isNull();
        assertThat(context.getBeanProvider(JavaMailSender.class).getIfAvailable()).isNull();
        ReferralFixtures fx = new ReferralFixtures(jdbc, caseManagement, directory, referrals);
        Scene s = fx.scene();
        jdbc.sql("update app_user set email = ? where id = ?")
                .params("officer." + UUID.randomUUID().toString().substring(0, 8) + "@legal.example.org",
                        s.officer().userId()).update();
        fx.consent(s);
        UUID id = fx.send(s, "LEGAL_AID");
        fx.as(s.officer(), () -> referrals.accept(id));
        assertThat(jdbc.sql("select count(*) from referral_notification where referral_id = ?").param(id)
                .query(Integer.class).single()).isEqualTo(2);
        assertThat(meters.find("haven.referrals.emails").counters()).isEmpty();
    }
}
