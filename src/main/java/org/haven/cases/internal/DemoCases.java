package org.haven.cases.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.haven.cases.CaseCommands.*;
import org.haven.cases.CaseManagement;
import org.haven.cases.CaseSettings;
import org.haven.cases.CaseViews.OpenedCase;
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
import org.springframework.stereotype.Component;

/**
 * Demo survivors for the demo shelter (profile {@code demo}), registered through {@link CaseManagement} as the demo
 * caseworker so they are sealed, indexed and audited like real ones. Obviously synthetic names. Runs once: skipped
 * when the demo shelter already has cases.
 */
@Component
@Profile("demo")
class DemoCases {

    private static final Logger log = LoggerFactory.getLogger(DemoCases.class);

    private final DemoDirectory demo;
    private final CaseManagement cases;
    private final JdbcClient jdbc;
    private final CaseSettings settings;

    DemoCases(DemoDirectory demo, CaseManagement cases, JdbcClient jdbc, CaseSettings settings) {
        this.demo = demo;
        this.cases = cases;
        this.jdbc = jdbc;
        this.settings = settings;
    }

    @EventListener(ApplicationReadyEvent.class)
    void load() {
        if (!settings.demoSurvivors()) {
            return;
        }
        UUID shelter = demo.organisationId("shelter");
        if (jdbc.sql("select count(*) from survivor_case where organisation_id = ?").param(shelter)
                .query(Integer.class).single() > 0) {
            return;
        }
        CurrentUser caseworker = demo.user("shelter.caseworker");
        CurrentUser supervisor = demo.user("shelter.supervisor");
        try {
            act(caseworker);
            LocalDate today = LocalDate.now(CaseManagement.ZONE);
            OpenedCase sokha = register("Demo Survivor", "Sokha", "សុខា", "FEMALE", 2001, today.minusDays(40), "POLICE_OPERATION");
            register("Demo Survivor", "Dara", "ដារា", "MALE", 1994, today.minusDays(12), "REPATRIATION");
            OpenedCase channy = register("Demo Survivor", "Channy", "ចាន់នី", "FEMALE", 2009, today.minusDays(400), "HOTLINE");
            register("Demo Survivor", "Vichea", "វិជ្ជា", "MALE", 1999, today.minusDays(5), "SELF_REFERRAL");
            OpenedCase sreymom = register("Demo Survivor", "Sreymom", "ស្រីមុំ", "FEMALE", 1997, today.minusDays(90), "OUTREACH");

            cases.recordScreening(sokha.caseId(), new RecordScreening(today.minusDays(39), 23,
                    Set.of("ACT.RECRUITMENT", "ACT.TRANSPORTATION", "MEANS.DECEPTION", "PURPOSE.FORCED_LABOUR", "ILO07", "ILO08"),
                    "Demo note: recruited with a false job offer."));
            cases.recordEpisode(sokha.caseId(), new RecordEpisode("RECRUITMENT", today.minusDays(300), today.minusDays(300),
                    "KHM", "0102", "FORCED_CRIMINALITY", null, Set.of("FALSE_PROMISES"), "FRIEND_OR_NEIGHBOUR", null));
            cases.recordEpisode(sokha.caseId(), new RecordEpisode("EXPLOITATION", today.minusDays(290), today.minusDays(45),
                    "MMR", null, "FORCED_CRIMINALITY", null, Set.of("WITHHOLDS_DOCUMENTS", "DEBT_BONDAGE", "PHYSICAL_THREATS"),
                    null, null));
            // Recruited in Prey Veng, where the demo prevention NGO has not been: the targeting page shows the gap.
            cases.recordEpisode(channy.caseId(), new RecordEpisode("RECRUITMENT", today.minusDays(250), today.minusDays(250),
                    "KHM", "140101", "FORCED_MARRIAGE", null, Set.of("FALSE_PROMISES"), "FRIEND_OR_NEIGHBOUR", null));
            cases.recordEpisode(sreymom.caseId(), new RecordEpisode("RECRUITMENT", today.minusDays(200), today.minusDays(200),
                    "KHM", "1401", "FORCED_CRIMINALITY", null, Set.of("FALSE_PROMISES"), "FRIEND_OR_NEIGHBOUR", null));
            cases.recordService(sokha.caseId(), new RecordService("SHELTER", null, null, today.minusDays(38), null,
                    "Demo Donor Fund", null));
            cases.recordService(sokha.caseId(), new RecordService("PSYCHOSOCIAL", null, null, today.minusDays(30), null,
                    "Demo Donor Fund", null));
            cases.recordConsent(sokha.caseId(), new RecordConsent("SHARING", null, "LEGAL_AID", "SURVIVOR", null,
                    "THUMBPRINT", null, today.minusDays(39), today.plusYears(1)));
            // Most survivors agree to the use of their (de-identified) data in statistics; Dara has not been asked yet.
            for (OpenedCase c : List.of(sokha, channy, sreymom)) {
                cases.recordConsent(c.caseId(), new RecordConsent("STATISTICS", null, null, "SURVIVOR", null,
                        "SIGNATURE", null, today.minusDays(4), null));
            }
            cases.addNote(sokha.caseId(), "Demo note: survivor settled in the shelter; wants vocational training.");
            cases.activateCase(sokha.caseId(), new ChangeStatus(0, null));

            cases.activateCase(channy.caseId(), new ChangeStatus(0, null));
            cases.startReintegration(channy.caseId(), new StartReintegration(1, today.minusMonths(4)));
            act(supervisor);
            log.info("Demo survivors loaded for the demo shelter");
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private OpenedCase register(String family, String given, String givenKm, String sex, int birthYear,
            LocalDate identified, String channel) {
        return cases.registerSurvivor(new RegisterSurvivor(
                new SurvivorIdentity(family, given, null, givenKm, List.of(), null, null, null, List.of()),
                new SurvivorProfile(sex, sex.equals("FEMALE") ? "WOMAN" : "MAN", birthYear, null, "KHM", List.of("km"),
                        "NONE", null),
                identified, channel, "MEDIUM", null, true));
    }

    private static void act(CurrentUser user) {
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(user, null, Authorities.of(user)));
    }
}
