package org.haven.cases;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.haven.HavenIntegrationTest;
import org.haven.cases.CaseCommands.*;
import org.haven.cases.CaseViews.*;
import org.haven.cases.Vocabulary.Purpose;
import org.haven.security.CurrentUser;
import org.haven.security.OrganisationType;
import org.haven.security.Role;
import org.haven.security.SecurityFixtures;
import org.haven.shared.web.Conflict;
import org.haven.shared.web.Forbidden;
import org.haven.shared.web.NotFound;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.haven.security.SecurityFixtures.signIn;

@HavenIntegrationTest
class CaseManagementIT {

    @Autowired
    CaseManagement cases;
    @Autowired
    CaseSharing sharing;
    @Autowired
    ConsentCheck consentCheck;
    @Autowired
    CaseQueries queries;
    @Autowired
    CaseStatistics statistics;
    @Autowired
    JdbcClient jdbc;

    SecurityFixtures security;
    CaseFixtures fixtures;
    UUID shelter;
    CurrentUser caseworker;
    CurrentUser supervisor;

    @Autowired
    org.haven.places.internal.GazetteerImporter importer;

    @BeforeEach
    void setUp() {
        org.haven.places.PlacesFixtures.ensure2025Edition(jdbc, importer);
        security = new SecurityFixtures(jdbc);
        fixtures = new CaseFixtures(cases);
        shelter = security.organisation(OrganisationType.SHELTER);
        caseworker = security.user(shelter, Role.CASEWORKER);
        supervisor = security.user(shelter, Role.CASE_SUPERVISOR);
    }

    @AfterEach
    void signOut() {
        SecurityFixtures.signOut();
    }

    @Test
    void findsSurvivorsByRomanisationVariantsAndKhmerScript() {
        OpenedCase opened = fixtures.anOpenCase(caseworker, new SurvivorIdentity("Chhun", "Sokkha", "ឈុន", "សុខា",
                List.of("Test Alias Nary"), null, null, null, List.of()));
        signIn(caseworker);
        for (String query : List.of("Chun Sokha", "sokha", "Sôkhâ Chhun", "ឈុន", "ឈុន សុខា", "ChhunSokkha", "nary")) {
            assertThat(cases.findCases(new CaseSearch(query, null, null, null, null, null), 0, 20).items())
                    .as(query).extracting(CaseSummary::caseId).contains(opened.caseId());
        }
        // Every token must be held: three held tokens in any order match, one token too many does not, and so on
        // past the number of tokens the search joins (the grouped form takes over there).
        for (String query : List.of("Nary Sokha Chhun", "ឈុន Nary សុខា Alias Test")) {
            assertThat(cases.findCases(new CaseSearch(query, null, null, null, null, null), 0, 20).items())
                    .as(query).extracting(CaseSummary::caseId).contains(opened.caseId());
        }
        for (String query : List.of("Dara", "Chhun Sokha Dara", "Test Alias Nary Chhun Sokkha ឈុន សុខា Dara")) {
            assertThat(cases.findCases(new CaseSearch(query, null, null, null, null, null), 0, 20).items())
                    .as(query).extracting(CaseSummary::caseId).doesNotContain(opened.caseId());
        }
        assertThat(cases.findCases(new CaseSearch("Test Alias Nary Chhun Sokkha ឈុន សុខា", null, null, null, null, null),
                0, 20).items()).extracting(CaseSummary::caseId).contains(opened.caseId());
        assertThat(cases.findCases(new CaseSearch(opened.caseCode().toLowerCase().replace("-", ""), null, null, null,
                null, null), 0, 20).items()).extracting(CaseSummary::caseId).containsExactly(opened.caseId());
    }

    @Test
    void warnsOfADuplicateWithinTheOrganisationBeforeSaving() {
        fixtures.anOpenCase(caseworker, CaseFixtures.identity("Test Survivor", "Dupe Sophal"));
        signIn(caseworker);
        RegisterSurvivor again = new RegisterSurvivor(CaseFixtures.identity("Test Survivor", "Dupe Sopal"),
                CaseFixtures.adultWoman(), LocalDate.now(CaseManagement.ZONE), "OUTREACH", "LOW", null, false);
        assertThat(cases.findPossibleDuplicates(again.identity(), again.profile())).hasSize(1);
        long before = count("survivor");
        assertThatThrownBy(() -> cases.registerSurvivor(again)).isInstanceOf(Conflict.class)
                .extracting(e -> ((Conflict) e).code()).isEqualTo("cases.duplicate");
        assertThat(count("survivor")).isEqualTo(before);

        CurrentUser elsewhere = security.user(security.organisation(OrganisationType.SHELTER), Role.CASEWORKER);
        signIn(elsewhere);
        assertThat(cases.findPossibleDuplicates(again.identity(), again.profile())).isEmpty();
    }

    @Test
    void staleWriteIsRefusedWithAConflict() {
        OpenedCase opened = fixtures.anOpenCase(caseworker);
        signIn(caseworker);
        CaseDetails loaded = cases.viewCase(opened.caseId());
        cases.activateCase(opened.caseId(), new ChangeStatus(loaded.version(), null));
        assertThatThrownBy(() -> cases.assignCase(opened.caseId(),
                new AssignCase(loaded.version(), caseworker.userId(), "HIGH")))
                .isInstanceOf(Conflict.class).extracting(e -> ((Conflict) e).code()).isEqualTo("cases.stale");
        assertThatThrownBy(() -> cases.updateSurvivor(opened.caseId(), new UpdateSurvivor(loaded.survivorVersion() + 5,
                loaded.identity(), loaded.profile()))).isInstanceOf(Conflict.class);
    }

    @Test
    void lifecycleRunsToClosureWithSupervisorApprovalAndReopens() {
        OpenedCase opened = fixtures.anOpenCase(caseworker);
        UUID id = opened.caseId();
        signIn(caseworker);
        assertThatThrownBy(() -> cases.startReintegration(id, new StartReintegration(0, null)))
                .isInstanceOf(Conflict.class).hasMessageContaining("open to reintegration");
        cases.activateCase(id, new ChangeStatus(0, null));
        cases.startReintegration(id, new StartReintegration(1, LocalDate.now(CaseManagement.ZONE).minusMonths(4)));
        CaseDetails d = cases.viewCase(id);
        assertThat(d.status()).isEqualTo("REINTEGRATION");
        assertThat(d.followUps()).extracting(FollowUpView::monthsAfter).containsExactly(1, 3, 6, 12, 24);
        assertThat(queries.overdueFollowUps(caseworker)).filteredOn(o -> o.caseId().equals(id))
                .extracting(OverdueFollowUp::monthsAfter).containsExactly(1, 3);

        FollowUpView first = d.followUps().get(0);
        cases.completeFollowUp(id, first.id(), new CompleteFollowUp(first.version(), LocalDate.now(CaseManagement.ZONE),
                4, 3, 2, 3, 4, 5, "Test note: doing better"));
        assertThat(queries.overdueFollowUps(caseworker)).filteredOn(o -> o.caseId().equals(id)).hasSize(1);

        cases.requestClosure(id, new RequestClosure(d.version(), "REINTEGRATED", null));
        assertThat(cases.viewCase(id).status()).isEqualTo("REINTEGRATION");
        int v = cases.viewCase(id).version();
        assertThatThrownBy(() -> cases.approveClosure(id, new ChangeStatus(v, null))).isInstanceOf(Forbidden.class);
        signIn(supervisor);
        cases.approveClosure(id, new ChangeStatus(v, null));
        assertThat(cases.viewCase(id).status()).isEqualTo("CLOSED");
        assertThat(queries.overdueFollowUps(supervisor)).filteredOn(o -> o.caseId().equals(id)).isEmpty();
        int closedVersion = cases.viewCase(id).version();
        assertThatThrownBy(() -> cases.activateCase(id, new ChangeStatus(closedVersion, null)))
                .isInstanceOf(Conflict.class);
        cases.reopenCase(id, new ChangeStatus(closedVersion, "Test: survivor asked for help again"));
        assertThat(cases.viewCase(id).status()).isEqualTo("ACTIVE");
    }

    @Test
    void withdrawingConsentEndsSharedAccessOnTheNextRequest() {
        OpenedCase opened = fixtures.anOpenCase(caseworker);
        UUID legalAid = security.organisation(OrganisationType.LEGAL_AID);
        CurrentUser lawyer = security.user(legalAid, Role.LEGAL_OFFICER);
        signIn(lawyer);
        assertThatThrownBy(() -> cases.viewCase(opened.caseId())).isInstanceOf(NotFound.class);

        signIn(caseworker);
        assertThatThrownBy(() -> sharing.grant(opened.caseId(), legalAid, Purpose.SERVICES, null, null, null, "share", null))
                .isInstanceOf(Conflict.class).extracting(e -> ((Conflict) e).code()).isEqualTo("cases.consent.notCovered");
        UUID consent = fixtures.sharingConsent(caseworker, opened.caseId(), legalAid);
        assertThat(consentCheck.covers(opened.caseId(), legalAid, "LEGAL_AID", Purpose.SERVICES,
                LocalDate.now(CaseManagement.ZONE))).isTrue();
        assertThat(consentCheck.covers(opened.caseId(), legalAid, "LEGAL_AID", Purpose.LEGAL_PROCEEDINGS,
                LocalDate.now(CaseManagement.ZONE))).isFalse();
        signIn(caseworker);
        sharing.grant(opened.caseId(), legalAid, Purpose.SERVICES, null, null, consent, "share", null);

        signIn(lawyer);
        assertThat(cases.viewCase(opened.caseId()).access()).isEqualTo(AccessLevel.READ);
        assertThat(cases.findCases(CaseSearch.all(), 0, 50).items()).extracting(CaseSummary::caseId)
                .containsExactly(opened.caseId());
        assertThatThrownBy(() -> cases.addNote(opened.caseId(), "Test note")).isInstanceOf(Forbidden.class);

        signIn(caseworker);
        cases.withdrawConsent(opened.caseId(), consent);

        signIn(lawyer);
        assertThatThrownBy(() -> cases.viewCase(opened.caseId())).isInstanceOf(NotFound.class);
        assertThat(cases.findCases(CaseSearch.all(), 0, 50).items()).isEmpty();
        assertThat(consentCheck.covers(opened.caseId(), legalAid, "LEGAL_AID", Purpose.SERVICES,
                LocalDate.now(CaseManagement.ZONE))).isFalse();
    }

    @Test
    void withdrawnConsentEndsAccessEvenIfTheGrantRowSurvives() {
        OpenedCase opened = fixtures.anOpenCase(caseworker);
        UUID legalAid = security.organisation(OrganisationType.LEGAL_AID);
        CurrentUser lawyer = security.user(legalAid, Role.LEGAL_OFFICER);
        UUID consent = fixtures.sharingConsent(caseworker, opened.caseId(), legalAid);
        signIn(caseworker);
        sharing.grant(opened.caseId(), legalAid, Purpose.REFERRAL, null, null, consent, "referral", null);
        // Simulate a withdrawal written by another path that left the grant untouched.
        jdbc.sql("update case_consent set withdrawn_at = now() where id = ?").param(consent).update();
        signIn(lawyer);
        assertThatThrownBy(() -> cases.viewCase(opened.caseId())).isInstanceOf(NotFound.class);
    }

    @Test
    void caseworkersSeeOnlyTheirAssignedCasesUnlessTheOrganisationAllowsAll() {
        CurrentUser colleague = security.user(shelter, Role.CASEWORKER);
        OpenedCase mine = fixtures.anOpenCase(caseworker);
        signIn(colleague);
        assertThatThrownBy(() -> cases.viewCase(mine.caseId())).isInstanceOf(NotFound.class);
        jdbc.sql("insert into case_organisation_setting (organisation_id, caseworkers_see_all) values (?, true)")
                .param(shelter).update();
        assertThat(cases.viewCase(mine.caseId()).access()).isEqualTo(AccessLevel.WRITE);
        signIn(supervisor);
        assertThat(cases.viewCase(mine.caseId()).access()).isEqualTo(AccessLevel.SUPERVISE);
    }

    @Test
    void screeningKeepsItsInstrumentVersionAndIsSeparateFromIdentification() {
        OpenedCase opened = fixtures.anOpenCase(caseworker);
        signIn(caseworker);
        ScreeningResult r = cases.recordScreening(opened.caseId(), new RecordScreening(LocalDate.now(CaseManagement.ZONE),
                16, Set.of("ACT.RECRUITMENT", "PURPOSE.SEXUAL_EXPLOITATION"), "Test screening note"));
        assertThat(r.outcome()).isEqualTo(ScreeningResult.Outcome.INDICATORS_MET);
        cases.recordIdentification(opened.caseId(), new RecordIdentification("Test Officer Dara", "JUDICIAL_POLICE",
                "Judicial police identification form", LocalDate.now(CaseManagement.ZONE), "IDENTIFIED_VICTIM"));
        CaseDetails d = cases.viewCase(opened.caseId());
        assertThat(d.screenings()).singleElement().satisfies(s -> {
            assertThat(s.result().instrumentVersion()).isEqualTo("2026.1");
            assertThat(s.notes()).isEqualTo("Test screening note");
        });
        assertThat(d.identifications()).singleElement().extracting(IdentificationView::outcome).isEqualTo("IDENTIFIED_VICTIM");
    }

    @Test
    void countsDistinctSurvivorsByRecruitmentPlace() {
        OpenedCase a = fixtures.anOpenCase(caseworker);
        OpenedCase b = fixtures.anOpenCase(caseworker);
        signIn(caseworker);
        // A day no other test uses, in a village of the imported gazetteer.
        LocalDate d = LocalDate.of(1970, 1, 1).plusDays(new java.util.Random().nextInt(7000));
        String place = "01020101";
        for (OpenedCase c : List.of(a, a, b)) {
            cases.recordEpisode(c.caseId(), new RecordEpisode("RECRUITMENT", d, d, "KHM", place, "FORCED_LABOUR",
                    "A_AGRICULTURE_FORESTRY_FISHING", Set.of("DEBT_BONDAGE"), "FRIEND_OR_NEIGHBOUR", null));
        }
        assertThat(statistics.recruitmentCountsByPlace(d, d)).containsEntry(place, 2L);
        assertThat(statistics.recruitmentCountsByPlace(d.plusDays(1), d.plusDays(2))).doesNotContainKey(place);
    }

    @Test
    void supervisorSeesWhoViewedTheCase() {
        OpenedCase opened = fixtures.anOpenCase(caseworker);
        signIn(caseworker);
        cases.viewCase(opened.caseId());
        assertThatThrownBy(() -> cases.accessLog(opened.caseId(), 0, 50)).isInstanceOf(Forbidden.class);
        signIn(supervisor);
        List<AccessLogEntry> log = cases.accessLog(opened.caseId(), 0, 50).items();
        assertThat(log).extracting(AccessLogEntry::username).contains(caseworker.username());
        assertThat(log).extracting(AccessLogEntry::action).contains("case.read", "case.register");
    }

    @Test
    void refusesAPlaceCodeThatIsNotInTheGazetteer() {
        OpenedCase opened = fixtures.anOpenCase(caseworker);
        signIn(caseworker);
        assertThatThrownBy(() -> cases.recordEpisode(opened.caseId(), new RecordEpisode("RECRUITMENT", null, null,
                "KHM", "99999999", null, null, Set.of(), null, null)))
                .isInstanceOf(org.haven.shared.web.InvalidInput.class);
    }

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }
}
