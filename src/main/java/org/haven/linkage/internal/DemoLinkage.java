package org.haven.linkage.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.haven.cases.CaseCommands.RegisterSurvivor;
import org.haven.cases.CaseCommands.SurvivorIdentity;
import org.haven.cases.CaseCommands.SurvivorProfile;
import org.haven.cases.CaseManagement;
import org.haven.cases.CaseSettings;
import org.haven.security.Authorities;
import org.haven.security.CurrentUser;
import org.haven.security.DemoDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Demo data for the review queue (profile {@code demo}): the demo shelter's synthetic survivor "Demo Survivor Sokha"
 * (born 2001) is registered a second time at the other demo shelter, spelt differently (upper case, doubled
 * consonant), so that
 * {@code shelter.supervisor} finds a cross-organisation pair in "Possible duplicates". Registered through
 * {@link CaseManagement} like a real registration; runs once (skipped when the other shelter has cases).
 */
@org.springframework.stereotype.Component
@Profile("demo")
class DemoLinkage {

    private static final Logger log = LoggerFactory.getLogger(DemoLinkage.class);

    private final DemoDirectory demo;
    private final CaseManagement cases;
    private final CaseSettings settings;
    private final JdbcClient jdbc;

    DemoLinkage(DemoDirectory demo, CaseManagement cases, CaseSettings settings, JdbcClient jdbc) {
        this.demo = demo;
        this.cases = cases;
        this.settings = settings;
        this.jdbc = jdbc;
    }

    @EventListener(ApplicationReadyEvent.class)
    void load() {
        if (!settings.demoSurvivors()) {
            return;
        }
        UUID other = demo.organisationId("other-shelter");
        if (jdbc.sql("select count(*) from survivor_case where organisation_id = ?").param(other)
                .query(Integer.class).single() > 0) {
            return;
        }
        CurrentUser caseworker = demo.user("other.caseworker");
        try {
            SecurityContextHolder.getContext().setAuthentication(
                    UsernamePasswordAuthenticationToken.authenticated(caseworker, null, Authorities.of(caseworker)));
            cases.registerSurvivor(new RegisterSurvivor(
                    new SurvivorIdentity("DEMO SURVIVOR", "Sokkha", null, null, List.of(), null, null, null, List.of()),
                    new SurvivorProfile("FEMALE", "WOMAN", 2001, null, "KHM", List.of("km"), "NONE", null),
                    LocalDate.now(CaseManagement.ZONE).minusDays(3), "SELF_REFERRAL", "MEDIUM", null, true));
            log.info("Demo linkage pair registered at the other demo shelter");
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
