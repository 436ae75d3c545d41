package org.haven.prosecution.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.haven.cases.CaseCommands.CaseSearch;
import org.haven.cases.CaseCommands.RecordConsent;
import org.haven.cases.CaseManagement;
import org.haven.prosecution.Adjudication;
import org.haven.prosecution.Defendant;
import org.haven.prosecution.ExploitationForm;
import org.haven.prosecution.Hearing;
import org.haven.prosecution.HearingCalendar;
import org.haven.prosecution.OfficialTrainings;
import org.haven.prosecution.OpenProceeding;
import org.haven.prosecution.ProsecutionTracking;
import org.haven.prosecution.Stage;
import org.haven.prosecution.Suspect;
import org.haven.prosecution.VictimLink;
import org.haven.prosecution.VictimWitnessSupport;
import org.haven.security.Authorities;
import org.haven.security.CurrentUser;
import org.haven.security.DemoDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

/**
 * The demo proceeding (profile {@code demo}): the demo survivor Sokha's case goes from complaint to conviction, with a
 * hearing at which she testifies behind a screen, accompanied, in a closed hearing, compensation ordered and partly
 * paid — every step through the services as the demo user who would do it (the shelter caseworker records the
 * survivor's consent for legal proceedings and links her; the investigator and the prosecutor move the proceeding),
 * so it is sealed, audited and access-checked like real data. A second, open proceeding has a complicit official; a
 * training of officials is recorded. Runs once, after the demo survivors exist: it listens for the readiness event,
 * which Spring Boot publishes after every {@code ApplicationReadyEvent} listener (the demo survivors' among them) has
 * run. A failure is logged (no personal data) and leaves the app running.
 */
@Component
@Profile("demo")
class ProsecutionDemoData {

    private static final Logger log = LoggerFactory.getLogger(ProsecutionDemoData.class);

    private final DemoDirectory demo;
    private final CaseManagement cases;
    private final ProsecutionTracking tracking;
    private final Adjudication adjudication;
    private final HearingCalendar hearings;
    private final VictimWitnessSupport victims;
    private final OfficialTrainings trainings;
    private final JdbcClient jdbc;

    ProsecutionDemoData(DemoDirectory demo, CaseManagement cases, ProsecutionTracking tracking,
            Adjudication adjudication, HearingCalendar hearings, VictimWitnessSupport victims,
            OfficialTrainings trainings, JdbcClient jdbc) {
        this.demo = demo;
        this.cases = cases;
        this.tracking = tracking;
        this.adjudication = adjudication;
        this.hearings = hearings;
        this.victims = victims;
        this.trainings = trainings;
        this.jdbc = jdbc;
    }

    @EventListener
    void onReadiness(AvailabilityChangeEvent<ReadinessState> event) {
        if (event.getState() != ReadinessState.ACCEPTING_TRAFFIC) {
            return;
        }
        UUID police = demo.organisationId("police");
        if (jdbc.sql("select count(*) from proceeding where owner_organisation_id = ?").param(police)
                .query(Integer.class).single() > 0) {
            return;
        }
        try {
            load(police);
        } catch (RuntimeException e) {
            log.warn("Demo proceeding not loaded ({})", e.getClass().getSimpleName());
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    void load(UUID police) {
        CurrentUser caseworker = demo.user("shelter.caseworker");
        CurrentUser investigator = demo.user("police.investigator");
        CurrentUser prosecutor = demo.user("prosecutor");
        LocalDate today = tracking.today();

        act(caseworker);
        UUID sokha = cases.findCases(new CaseSearch("Sokha", null, null, null, null, null), 0, 5).items().stream()
                .findFirst().map(c -> c.caseId()).orElse(null);
        if (sokha == null) {
            log.info("Demo proceeding skipped: no demo survivor to link");
            return;
        }
        for (String key : List.of("police", "prosecutor")) {
            cases.recordConsent(sokha, new RecordConsent("LEGAL_PROCEEDINGS", demo.organisationId(key), null, "SURVIVOR",
                    null, "THUMBPRINT", null, today.minusDays(38), today.plusYears(2)));
        }

        act(investigator);
        LocalDate complaint = today.minusDays(36);
        UUID id = tracking.open(new OpenProceeding("KH", "01", "Demo Banteay Meanchey Provincial Court (synthetic)",
                "DEMO-PR-0001", "DEMO-CC-0001", ExploitationForm.FORCED_CRIMINALITY, complaint, List.of(
                        new OpenProceeding.Agency(demo.organisationId("prosecutor"), OpenProceeding.AgencyRole.PROSECUTION),
                        new OpenProceeding.Agency(demo.organisationId("legal-aid"), OpenProceeding.AgencyRole.LEGAL_AID),
                        new OpenProceeding.Agency(demo.organisationId("shelter"),
                                OpenProceeding.AgencyRole.SOCIAL_AFFAIRS))));
        act(caseworker);
        UUID victim = victims.link(id, sokha, VictimLink.Role.VICTIM);

        act(investigator);
        tracking.move(id, 0, Stage.INVESTIGATION, complaint.plusDays(2), null);
        UUID suspect = adjudication.recordSuspect(id, new Suspect.RecordSuspect("Demo Suspect Vuthy (synthetic)",
                List.of("Demo Alias Big Brother"), "KH", "MALE", 1985, false, null, null,
                List.of(new Suspect.Identifier(Suspect.IdentifierKind.PHONE, "012 000 111"))), Suspect.SchemeRole.RECRUITER);
        tracking.move(id, 1, Stage.ARREST, complaint.plusDays(6), null);
        tracking.move(id, 2, Stage.CHARGE, complaint.plusDays(8), null);
        UUID charge = adjudication.fileCharge(id, suspect, "KH2008-ART10", complaint.plusDays(8));

        act(prosecutor);
        tracking.move(id, 3, Stage.TRIAL, complaint.plusDays(12), null);
        UUID hearing = hearings.schedule(id, new HearingCalendar.ScheduleHearing(
                Instant.now().minus(20, ChronoUnit.DAYS), "Demo Banteay Meanchey Provincial Court (synthetic)",
                Hearing.Type.TRIAL, true, Set.of(Hearing.Measure.SCREEN, Hearing.Measure.ACCOMPANIMENT,
                        Hearing.Measure.CLOSED_HEARING)));
        hearings.recordOutcome(id, hearing, 0, Hearing.Outcome.HELD);
        tracking.move(id, 4, Stage.VERDICT, complaint.plusDays(20), null);
        adjudication.recordChargeOutcome(id, charge, 0, Defendant.ChargeOutcome.CONVICTED, null);
        adjudication.recordVerdict(id, suspect, 0, new Adjudication.RecordVerdict(Defendant.Verdict.CONVICTED,
                complaint.plusDays(20), 120, false, null, null));
        UUID compensation = victims.orderCompensation(id, victim, suspect, new BigDecimal("1500"), "USD",
                complaint.plusDays(20));
        victims.recordPayment(id, compensation, new BigDecimal("600"), today.minusDays(3));

        act(caseworker);
        victims.recordSupport(id, victim, VictimLink.SupportKind.ACCOMPANIMENT, complaint.plusDays(16));
        victims.recordSafetyAndCooperation(id, victim, 0, Set.of(VictimLink.SafetyConcern.NO_CONTACT_WITH_DEFENDANT),
                VictimLink.Cooperation.COOPERATING, complaint.plusDays(1));

        act(investigator);
        UUID second = tracking.open(new OpenProceeding("KH", "01", null, "DEMO-PR-0002", null,
                ExploitationForm.FORCED_LABOUR, today.minusDays(10), List.of(
                        new OpenProceeding.Agency(demo.organisationId("prosecutor"), OpenProceeding.AgencyRole.PROSECUTION))));
        tracking.move(second, 0, Stage.INVESTIGATION, today.minusDays(8), null);
        adjudication.recordSuspect(second, new Suspect.RecordSuspect("Demo Suspect Border Official (synthetic)",
                List.of(), "KH", "MALE", 1979, true, Suspect.OfficialAgency.BORDER, null, List.of()),
                Suspect.SchemeRole.FACILITATING_OFFICIAL);
        trainings.record(today.minusDays(15), "01", "Demo training hall (synthetic)", OfficialTrainings.Agency.POLICE,
                Set.of(OfficialTrainings.Topic.NON_PUNISHMENT, OfficialTrainings.Topic.VICTIM_IDENTIFICATION), 9, 14, 0);
        log.info("Demo proceedings loaded: {} (convicted), {} (investigation)", id, second);
    }

    private static void act(CurrentUser user) {
        SecurityContextHolder.getContext().setAuthentication(
                UsernamePasswordAuthenticationToken.authenticated(user, null, Authorities.of(user)));
    }
}
