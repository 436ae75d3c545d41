package org.haven.security;

import java.util.Set;

import org.haven.HavenIntegrationTest;
import org.haven.security.internal.AccountSetup;
import org.haven.security.internal.SignIn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo profile's organisations and users, and the directory later demo loaders use. */
@HavenIntegrationTest
@ActiveProfiles("demo")
class DemoDirectoryIT {

    @Autowired
    DemoDirectory demo;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AccountSetup setup;

    @Autowired
    SignIn signIn;

    @Test
    void createsTheDemoOrganisationsAndUsersOfTheDesign() {
        assertThat(demo.usernames()).contains("admin", "shelter.caseworker", "shelter.supervisor", "legal.officer",
                "other.caseworker", "police.investigator", "prosecutor", "prevention.officer", "ministry.analyst", "ministry.caseworker",
                "donor.viewer");
        assertThat(demo.user("admin").roles()).containsExactly(Role.SYSTEM_ADMIN);
        assertThat(demo.user("shelter.caseworker").organisationId()).isEqualTo(demo.organisationId("shelter"));
        assertThat(demo.user("other.caseworker").organisationId()).isEqualTo(demo.organisationId("other-shelter"))
                .isNotEqualTo(demo.organisationId("shelter"));
        assertThat(demo.user("police.investigator").organisationType()).isEqualTo(OrganisationType.POLICE);
        assertThat(demo.user("thai.caseworker").countryCode()).isEqualTo("TH");
        assertThat(jdbc.sql("select name from organisation where id = ?").param(demo.organisationId("shelter"))
                .query(String.class).single()).isEqualTo("Demo Shelter (synthetic)");
        assertThat(jdbc.sql("select bool_and(mfa_exempt) from app_user where username in ('admin', "
                + "'shelter.caseworker', 'police.investigator', 'prosecutor')").query(Boolean.class).single()).isTrue();
        assertThat(demo.organisationKeys()).containsAll(Set.of("shelter", "other-shelter", "legal-aid", "police",
                "prosecutor", "prevention", "ministry", "donor", "system", "thai-shelter"));
    }

    @Test
    void demoUsersSignInWithoutASecondFactor() {
        setup.ensurePassword(demo.user("shelter.caseworker").userId(), "violet tractor monsoon ledger");
        var account = signIn.checkPassword("shelter.caseworker", "violet tractor monsoon ledger", "test");
        assertThat(account).isPresent();
        assertThat(account.get().secondFactorRequired()).isFalse();
    }
}
