package org.haven.reporting.export;

import java.io.StringReader;
import java.io.StringWriter;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.haven.HavenIntegrationTest;
import org.haven.cases.CaseCommands.RecordConsent;
import org.haven.cases.CaseCommands.RecordEpisode;
import org.haven.cases.CaseCommands.RecordScreening;
import org.haven.cases.CaseCommands.RegisterSurvivor;
import org.haven.cases.CaseCommands.SurvivorIdentity;
import org.haven.cases.CaseCommands.SurvivorProfile;
import org.haven.cases.CaseManagement;
import org.haven.cases.CaseStatistics;
import org.haven.security.CurrentUser;
import org.haven.security.OrganisationType;
import org.haven.security.Role;
import org.haven.security.SecurityFixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code export ctdc --source cases}: Haven's own cases, only those consented to statistics, coded into CTDC's
 * vocabulary, with no name, phone, case code or case id in the file.
 */
@HavenIntegrationTest
class CasesExportIT {

    @Autowired
    CaseManagement cases;
    @Autowired
    CaseStatistics statistics;
    @Autowired
    DeidentifiedExporter exporter;
    @Autowired
    JdbcClient jdbc;

    @Test
    void exportsConsentedCasesCodedAndNothingIdentifying() throws Exception {
        SecurityFixtures fixtures = new SecurityFixtures(jdbc);
        CurrentUser caseworker = fixtures.user(fixtures.organisation(OrganisationType.SHELTER), Role.CASEWORKER);
        LocalDate identified = LocalDate.of(2012, 6, 1);
        SecurityFixtures.signIn(caseworker);
        try {
            for (int i = 0; i < 30; i++) {
                UUID id = cases.registerSurvivor(new RegisterSurvivor(
                        new SurvivorIdentity("Test Survivor", "Canary Export " + i, null, null, List.of(), null,
                                "+855 12 777 " + (100 + i), null, List.of()),
                        new SurvivorProfile("FEMALE", "WOMAN", 1990, null, "KHM", List.of("km"), "NONE", "0102"),
                        identified, "HOTLINE", "MEDIUM", null, true)).caseId();
                cases.recordEpisode(id, new RecordEpisode("EXPLOITATION", identified.minusDays(400),
                        identified.minusDays(20), "THA", null, "FORCED_LABOUR", "F_CONSTRUCTION",
                        Set.of("DEBT_BONDAGE", "WITHHOLDS_DOCUMENTS"), "EMPLOYER_OR_BROKER", null));
                cases.recordScreening(id, new RecordScreening(identified, 21,
                        Set.of("ACT.RECRUITMENT", "MEANS.DECEPTION", "PURPOSE.FORCED_LABOUR"), null));
                if (i % 3 != 0) { // two in three consent to statistics
                    UUID consent = cases.recordConsent(id, new RecordConsent("STATISTICS", null, null, "SURVIVOR",
                            null, "SIGNATURE", null, identified, null));
                    if (i == 1) {
                        cases.withdrawConsent(id, consent);
                    }
                }
            }
        } finally {
            SecurityFixtures.signOut();
        }
        LocalDate today = LocalDate.now(CaseManagement.ZONE);
        long consented = jdbc.sql("""
                select count(*) from survivor_case sc where exists (select 1 from case_consent c
                  where c.case_id = sc.id and c.scope = 'STATISTICS' and c.withdrawn_at is null and c.given_on <= ?
                    and (c.expires_on is null or c.expires_on >= ?))""").params(today, today).query(Long.class).single();
        long all = jdbc.sql("select count(*) from survivor_case").query(Long.class).single();
        CaseStatistics.CodedVictims coded = statistics.codedVictims(today);
        assertThat(coded.victims()).hasSize((int) consented);
        assertThat(coded.withoutConsent()).isEqualTo(all - consented);
        assertThat(coded.victims().stream().filter(v -> v.identifiedYear() == 2012)).hasSizeGreaterThanOrEqualTo(19);

        StringWriter out = new StringWriter();
        DeidentifiedExporter.Summary summary = exporter.export(ExportLayout.CTDC, "cases", 2, 1, "test", out);
        assertThat(summary.records()).isEqualTo((int) consented);
        assertThat(summary.describe()).contains("source note: " + (all - consented) + " cases left out");
        String csv = out.toString();
        assertThat(csv).doesNotContain("Canary Export").doesNotContain("Test Survivor").doesNotContain("777")
                .doesNotContain("+855");
        for (CaseStatistics.CodedVictim v : coded.victims()) {
            assertThat(csv).doesNotContain(v.caseId().toString());
        }
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv)).getRecords();
        // The 2012 forced-labour cases travel with their CTDC flags (construction, debt bondage, documents).
        assertThat(rows).anySatisfy(r -> {
            assertThat(r.get("isForcedLabour")).isEqualTo("1");
            assertThat(r.get("typeOfLabourConstruction")).isEqualTo("1");
            assertThat(r.get("meansWithholdDocs")).isEqualTo("1");
        });
    }

    @Test
    void bandsFollowTheCtdcCodebook() {
        assertThat(CasesVictimSource.ageBroad(7)).isEqualTo("0--8");
        assertThat(CasesVictimSource.ageBroad(17)).isEqualTo("9--17");
        assertThat(CasesVictimSource.ageBroad(18)).isEqualTo("18--20");
        assertThat(CasesVictimSource.ageBroad(47)).isEqualTo("39--47");
        assertThat(CasesVictimSource.ageBroad(48)).isEqualTo("48+");
        assertThat(CasesVictimSource.ageBroad(null)).isEmpty();
        assertThat(CasesVictimSource.months(380)).isEqualTo("0--12 (0-1 yr)");
        assertThat(CasesVictimSource.months(400)).isEqualTo("13--24 (1-2 yrs)");
        assertThat(CasesVictimSource.months(800)).isEqualTo("25+ (2+ yrs)");
    }
}
