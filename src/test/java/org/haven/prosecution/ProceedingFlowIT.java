package org.haven.prosecution;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.haven.HavenIntegrationTest;
import org.haven.prosecution.ProsecutionFixtures.World;
import org.haven.shared.web.Conflict;
import org.haven.shared.web.InvalidInput;
import org.haven.shared.web.NotFound;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.haven.security.SecurityFixtures.signIn;
import static org.haven.security.SecurityFixtures.signOut;

@HavenIntegrationTest
@Import(ProsecutionTestBeans.class)
class ProceedingFlowIT {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    ProsecutionTracking tracking;
    @Autowired
    Adjudication adjudication;
    @Autowired
    HearingCalendar hearings;
    @Autowired
    VictimWitnessSupport victims;
    @Autowired
    ProsecutionTestBeans.TestCases cases;

    World w;
    LocalDate today = LocalDate.now();

    @BeforeEach
    void setUp() {
        w = ProsecutionFixtures.world(jdbc);
        signIn(w.investigator());
    }

    @AfterEach
    void tearDown() {
        signOut();
    }

    int version(UUID id) {
        return tracking.get(id).version();
    }

    UUID atStage(Stage target, LocalDate start) {
        UUID id = tracking.open(ProsecutionFixtures.aComplaint(w, start));
        List<Stage> path = List.of(Stage.INVESTIGATION, Stage.ARREST, Stage.CHARGE, Stage.TRIAL, Stage.VERDICT,
                Stage.CLOSED);
        LocalDate d = start;
        for (Stage s : path) {
            if (tracking.get(id).stage() == target) {
                break;
            }
            d = d.plusDays(10);
            tracking.move(id, version(id), s, d, null);
        }
        return id;
    }

    @Test
    void aProceedingGoesFromComplaintToConvictionWithHearingWitnessAndCompensation() {
        UUID caseId = cases.aCase(w.shelter(), w.caseworker().userId(), w.police(), w.prosecution(), w.legalAid());
        LocalDate start = today.minusDays(200);
        UUID id = tracking.open(ProsecutionFixtures.aComplaint(w, start));
        UUID victim = victims.link(id, caseId, VictimLink.Role.WITNESS);
        victims.recordSupport(id, victim, VictimLink.SupportKind.PREPARATION, today.minusDays(100));
        victims.recordSafetyAndCooperation(id, victim, 0, Set.of(VictimLink.SafetyConcern.NO_CONTACT_WITH_DEFENDANT),
                VictimLink.Cooperation.COOPERATING, today.minusDays(150));
        tracking.move(id, version(id), Stage.INVESTIGATION, start.plusDays(5), null);
        UUID suspect = adjudication.recordSuspect(id, ProsecutionFixtures.aSuspect("+855 12 345 678", null),
                Suspect.SchemeRole.RECRUITER);
        tracking.move(id, version(id), Stage.ARREST, start.plusDays(30), null);
        tracking.move(id, version(id), Stage.CHARGE, start.plusDays(40), null);
        UUID charge = adjudication.fileCharge(id, suspect, "KH2008-ART10", start.plusDays(40));
        UUID hearing = hearings.schedule(id, new HearingCalendar.ScheduleHearing(Instant.now().plus(3, ChronoUnit.DAYS),
                "Test Provincial Court", Hearing.Type.TRIAL, true,
                Set.of(Hearing.Measure.SCREEN, Hearing.Measure.ACCOMPANIMENT)));
        tracking.move(id, version(id), Stage.TRIAL, start.plusDays(60), null);
        tracking.move(id, version(id), Stage.VERDICT, start.plusDays(90), null);
        adjudication.recordChargeOutcome(id, charge, 0, Defendant.ChargeOutcome.CONVICTED, null);
        adjudication.recordVerdict(id, suspect, 0, new Adjudication.RecordVerdict(Defendant.Verdict.CONVICTED,
                start.plusDays(90), 120, false, new BigDecimal("2000000"), "KHR"));
        UUID comp = victims.orderCompensation(id, victim, suspect, new BigDecimal("4000000"), "KHR", start.plusDays(90));
        victims.recordPayment(id, comp, new BigDecimal("1500000"), start.plusDays(120));

        ProceedingView view = tracking.get(id);
        assertThat(view.stage()).isEqualTo(Stage.VERDICT);
        assertThat(view.history()).extracting(ProceedingView.StageEntry::stage).containsExactly(Stage.COMPLAINT,
                Stage.INVESTIGATION, Stage.ARREST, Stage.CHARGE, Stage.TRIAL, Stage.VERDICT);
        assertThat(view.history()).extracting(ProceedingView.StageEntry::days).startsWith(5L, 25L, 10L, 20L, 30L);
        List<Defendant> defendants = adjudication.defendants(id);
        assertThat(defendants).singleElement().satisfies(d -> {
            assertThat(d.verdict()).isEqualTo(Defendant.Verdict.CONVICTED);
            assertThat(d.prisonMonths()).isEqualTo(120);
            assertThat(d.suspect().name()).isEqualTo("Test Suspect Dara Demo");
            assertThat(d.charges()).singleElement().extracting(Defendant.Charge::outcome)
                    .isEqualTo(Defendant.ChargeOutcome.CONVICTED);
        });
        assertThat(victims.compensation(id)).singleElement().satisfies(c -> {
            assertThat(c.ordered()).isEqualByComparingTo("4000000");
            assertThat(c.paid()).isEqualByComparingTo("1500000");
        });
        assertThat(hearings.hearings(id)).singleElement().satisfies(h -> assertThat(h.measures())
                .containsExactlyInAnyOrder(Hearing.Measure.SCREEN, Hearing.Measure.ACCOMPANIMENT));
        // the survivor's caseworker was told about the hearing
        assertThat(jdbc.sql("select count(*) from prosecution_notification where recipient_user_id = ? and kind = "
                + "'HEARING_SCHEDULED' and subject_id = ?").params(w.caseworker().userId(), hearing)
                .query(Integer.class).single()).isEqualTo(1);
        // identity is sealed at rest, the phone findable by its blind index in either notation
        byte[] sealed = jdbc.sql("select name_sealed from suspect where id = ?").param(suspect).query(byte[].class).single();
        assertThat(new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("Dara");
        assertThat(adjudication.findByIdentifier(Suspect.IdentifierKind.PHONE, "012345678"))
                .extracting(Suspect::id).containsExactly(suspect);
        // and the audit trail has the reads
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'suspect.read' and subject_ids::text like ?")
                .param("%" + suspect + "%").query(Integer.class).single()).isGreaterThan(0);
    }

    @Test
    void refusesAVerdictBeforeChargeAndDatesBeforeThePreviousStage() {
        UUID id = atStage(Stage.INVESTIGATION, today.minusDays(50));
        assertThatThrownBy(() -> tracking.move(id, version(id), Stage.VERDICT, today, null))
                .isInstanceOf(Conflict.class);
        assertThatThrownBy(() -> tracking.move(id, version(id), Stage.CHARGE, today.minusDays(45), null))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("cannot be before");
        assertThat(tracking.get(id).stage()).isEqualTo(Stage.INVESTIGATION);
        assertThat(tracking.get(id).history()).hasSize(2);
    }

    @Test
    void aStaleVersionIsRefused() {
        UUID id = atStage(Stage.COMPLAINT, today.minusDays(5));
        int v = version(id);
        tracking.move(id, v, Stage.INVESTIGATION, today, null);
        assertThatThrownBy(() -> tracking.move(id, v, Stage.DROPPED, today, DropReason.OTHER))
                .isInstanceOf(OptimisticLockingFailureException.class);
    }

    @Test
    void droppedAndClosedProceedingsChangeOnlyByReopening() {
        UUID dropped = atStage(Stage.ARREST, today.minusDays(60));
        tracking.move(dropped, version(dropped), Stage.DROPPED, today.minusDays(10), DropReason.VICTIM_WITHDREW);
        assertThat(tracking.get(dropped).droppedFrom()).isEqualTo(Stage.ARREST);
        assertThatThrownBy(() -> tracking.move(dropped, version(dropped), Stage.CHARGE, today, null))
                .isInstanceOf(Conflict.class);
        assertThatThrownBy(() -> tracking.edit(dropped, version(dropped), "12", "x", null, null,
                ExploitationForm.OTHER)).isInstanceOf(Conflict.class);
        assertThat(tracking.reopen(dropped, version(dropped), today, ReopenReason.VICTIM_RETURNED))
                .isEqualTo(Stage.ARREST);
        assertThat(tracking.get(dropped).history()).last().satisfies(e -> assertThat(e.reopening()).isTrue());

        UUID closed = atStage(Stage.CLOSED, today.minusDays(100));
        assertThat(tracking.reopen(closed, version(closed), today, ReopenReason.APPEAL_LODGED)).isEqualTo(Stage.APPEAL);
    }

    @Test
    void aHearingInThePastForAClosedProceedingIsRefused() {
        UUID closed = atStage(Stage.CLOSED, today.minusDays(100));
        assertThatThrownBy(() -> hearings.schedule(closed, new HearingCalendar.ScheduleHearing(
                Instant.now().minus(2, ChronoUnit.DAYS), "Test Court", Hearing.Type.TRIAL, false, Set.of())))
                .isInstanceOf(Conflict.class).hasMessageContaining("hearing in the past");
        assertThat(jdbc.sql("select count(*) from hearing where proceeding_id = ?").param(closed)
                .query(Integer.class).single()).isZero();
    }

    @Test
    void unknownStatuteArticlesAndChargesBeforeTheChargeStageAreRefused() {
        UUID id = atStage(Stage.CHARGE, today.minusDays(60));
        UUID suspect = adjudication.recordSuspect(id, ProsecutionFixtures.aSuspect(null, null), Suspect.SchemeRole.BROKER);
        assertThatThrownBy(() -> adjudication.fileCharge(id, suspect, "KH2008-ART99", today))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("Unknown statute article 'KH2008-ART99'");
        assertThatThrownBy(() -> adjudication.fileCharge(id, suspect, "KH2008-ART8", today))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("not an offence");
        UUID early = atStage(Stage.INVESTIGATION, today.minusDays(60));
        UUID s2 = adjudication.recordSuspect(early, ProsecutionFixtures.aSuspect(null, null), Suspect.SchemeRole.BROKER);
        assertThatThrownBy(() -> adjudication.fileCharge(early, s2, "KH2008-ART10", today))
                .isInstanceOf(Conflict.class);
    }

    @Test
    void negativeAmountsAndOverpaymentsAreRefused() {
        UUID caseId = cases.aCase(w.shelter(), w.caseworker().userId(), w.police());
        UUID id = atStage(Stage.CHARGE, today.minusDays(90));
        UUID victim = victims.link(id, caseId, VictimLink.Role.VICTIM);
        UUID suspect = adjudication.recordSuspect(id, ProsecutionFixtures.aSuspect(null, null), Suspect.SchemeRole.EXPLOITER);
        adjudication.fileCharge(id, suspect, "KH2008-ART10", today.minusDays(30));
        tracking.move(id, version(id), Stage.TRIAL, today.minusDays(20), null);
        tracking.move(id, version(id), Stage.VERDICT, today.minusDays(10), null);
        assertThatThrownBy(() -> victims.orderCompensation(id, victim, suspect, new BigDecimal("-1"), "USD", today))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("negative");
        assertThatThrownBy(() -> adjudication.recordVerdict(id, suspect, 0, new Adjudication.RecordVerdict(
                Defendant.Verdict.CONVICTED, today, -3, false, null, null))).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("negative");
        UUID comp = victims.orderCompensation(id, victim, suspect, new BigDecimal("100"), "USD", today);
        assertThatThrownBy(() -> victims.recordPayment(id, comp, new BigDecimal("-5"), today))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("negative");
        assertThatThrownBy(() -> victims.recordPayment(id, comp, new BigDecimal("150"), today))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("still due");
    }

    @Test
    void linkingASurvivorNeedsConsentForLegalProceedings() {
        UUID noConsent = cases.aCase(w.shelter(), w.caseworker().userId());
        UUID id = atStage(Stage.INVESTIGATION, today.minusDays(10));
        assertThatThrownBy(() -> victims.link(id, noConsent, VictimLink.Role.VICTIM)).isInstanceOf(Conflict.class)
                .hasMessageContaining("consent");
        assertThatThrownBy(() -> victims.link(id, UUID.randomUUID(), VictimLink.Role.VICTIM))
                .isInstanceOf(InvalidInput.class);
    }

    @Test
    void nonPunishmentAlertWhenTheVictimIsLinkedFirstAndChargedLater() {
        UUID caseId = cases.aCase(w.shelter(), w.caseworker().userId(), w.police(), w.otherPolice());
        UUID asVictim = atStage(Stage.INVESTIGATION, today.minusDays(30));
        UUID link = victims.link(asVictim, caseId, VictimLink.Role.VICTIM);
        assertThat(alerts(caseId)).isZero();

        signIn(w.otherInvestigator());
        UUID asSuspect = tracking.open(new OpenProceeding("KH", "18", null, null, null, ExploitationForm.FORCED_CRIMINALITY,
                today.minusDays(5), List.of()));
        UUID suspect = adjudication.recordSuspect(asSuspect, ProsecutionFixtures.aSuspect(null, caseId),
                Suspect.SchemeRole.OTHER);

        assertThat(alerts(caseId)).isEqualTo(1);
        assertNotified(caseId, link);
        assertThat(adjudication.defendants(asSuspect)).singleElement()
                .satisfies(d -> assertThat(d.suspect().nonPunishmentFlag()).isTrue());
        signIn(w.investigator());
        assertThat(tracking.get(asVictim).nonPunishmentFlag()).isTrue();
        assertThat(victims.victims(asVictim)).singleElement().satisfies(v -> assertThat(v.nonPunishmentFlag()).isTrue());
        assertThat(suspect).isNotNull();
    }

    @Test
    void nonPunishmentAlertWhenTheSurvivorIsASuspectFirstAndLinkedAsVictimLater() {
        UUID caseId = cases.aCase(w.shelter(), w.caseworker().userId(), w.police());
        UUID asSuspect = atStage(Stage.INVESTIGATION, today.minusDays(30));
        UUID suspect = adjudication.recordSuspect(asSuspect, ProsecutionFixtures.aSuspect(null, null),
                Suspect.SchemeRole.OTHER);
        adjudication.linkSuspectToCase(suspect, 0, caseId);
        assertThat(alerts(caseId)).isZero();

        UUID asVictim = atStage(Stage.INVESTIGATION, today.minusDays(20));
        UUID link = victims.link(asVictim, caseId, VictimLink.Role.VICTIM);
        assertThat(alerts(caseId)).isEqualTo(1);
        assertNotified(caseId, link);
        assertThat(tracking.get(asSuspect).nonPunishmentFlag()).isTrue();
        assertThat(tracking.get(asVictim).nonPunishmentFlag()).isTrue();
        // a witness link alone raises nothing more, and the same pair is not alerted twice
        adjudication.addDefendant(asVictim, suspect, Suspect.SchemeRole.OTHER);
        assertThat(alerts(caseId)).isEqualTo(1);
    }

    int alerts(UUID caseId) {
        return jdbc.sql("select count(*) from non_punishment_alert where case_id = ?").param(caseId)
                .query(Integer.class).single();
    }

    void assertNotified(UUID caseId, UUID link) {
        assertThat(jdbc.sql("select count(*) from prosecution_notification where kind = 'NON_PUNISHMENT' "
                + "and recipient_user_id = ? and subject_id = ?").params(w.caseworker().userId(), link)
                .query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from prosecution_notification where kind = 'NON_PUNISHMENT' "
                + "and recipient_org_id = ? and recipient_role = 'LEGAL_OFFICER' and subject_id = ?")
                .params(w.legalAid(), link).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void outsidersDoNotKnowTheProceedingExists() {
        UUID id = atStage(Stage.COMPLAINT, today);
        signIn(w.otherInvestigator());
        assertThatThrownBy(() -> tracking.get(id)).isInstanceOf(NotFound.class);
        assertThatThrownBy(() -> tracking.move(id, 0, Stage.INVESTIGATION, today, null)).isInstanceOf(NotFound.class);
        assertThat(tracking.list(null, 50, 0)).extracting(ProceedingSummary::id).doesNotContain(id);
    }
}
