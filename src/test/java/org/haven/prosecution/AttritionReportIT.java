package org.haven.prosecution;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.haven.HavenIntegrationTest;
import org.haven.prosecution.ProsecutionFixtures.World;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haven.security.SecurityFixtures.signIn;
import static org.haven.security.SecurityFixtures.signOut;

/**
 * Attrition figures on a constructed data set (its own country code and year so other tests' data cannot mix in),
 * checked against independent SQL written without the report's CTEs and against medians computed in Java.
 */
@HavenIntegrationTest
@Import(ProsecutionTestBeans.class)
class AttritionReportIT {

    static final String COUNTRY = "TV";
    static final int YEAR = 2019;

    @Autowired
    JdbcClient jdbc;
    @Autowired
    ProsecutionTracking tracking;
    @Autowired
    Adjudication adjudication;
    @Autowired
    AttritionReport report;

    @AfterEach
    void tearDown() {
        signOut();
    }

    /** Opens a proceeding and walks it along the path, {@code gap} days per step; a drop reason ends it dropped. */
    UUID proceeding(World w, ExploitationForm form, LocalDate start, int gap, List<Stage> path, DropReason drop,
            Defendant.Verdict verdict) {
        UUID id = tracking.open(new OpenProceeding(COUNTRY, null, null, null, null, form, start, List.of()));
        LocalDate d = start;
        UUID suspect = null;
        for (Stage s : path) {
            d = d.plusDays(gap);
            tracking.move(id, tracking.get(id).version(), s, d, null);
            if (s == Stage.INVESTIGATION) {
                suspect = adjudication.recordSuspect(id, ProsecutionFixtures.aSuspect(null, null),
                        Suspect.SchemeRole.RECRUITER);
            }
            if (s == Stage.CHARGE) {
                adjudication.fileCharge(id, suspect, "KH2008-ART10", d);
            }
        }
        if (verdict != null) {
            adjudication.recordVerdict(id, suspect, 0, new Adjudication.RecordVerdict(verdict, d,
                    verdict == Defendant.Verdict.CONVICTED ? 84 : null, verdict == Defendant.Verdict.CONVICTED ? false : null,
                    null, null));
        }
        if (drop != null) {
            tracking.move(id, tracking.get(id).version(), Stage.DROPPED, d.plusDays(gap), drop);
        }
        return id;
    }

    @Test
    void funnelDropOutsAndMediansMatchAnIndependentCount() {
        World w = ProsecutionFixtures.world(jdbc);
        signIn(w.investigator());
        // no charges here: the statute catalogue has Cambodian law only (convictions are checked in the next test)
        LocalDate jan = LocalDate.of(YEAR, 1, 10);
        List<Stage> toInvestigation = List.of(Stage.INVESTIGATION);
        List<Stage> toArrest = List.of(Stage.INVESTIGATION, Stage.ARREST);
        for (int i = 0; i < 4; i++) {
            proceeding(w, ExploitationForm.FORCED_LABOUR, jan.plusDays(i), 10 + i, List.of(), null, null);
        }
        for (int i = 0; i < 3; i++) {
            proceeding(w, ExploitationForm.FORCED_LABOUR, jan.plusDays(20 + i), 7 * (i + 1), toInvestigation,
                    DropReason.INSUFFICIENT_EVIDENCE, null);
        }
        for (int i = 0; i < 5; i++) {
            proceeding(w, ExploitationForm.SEXUAL_EXPLOITATION, jan.plusDays(40 + i), 5 + 2 * i, toArrest, null, null);
        }
        proceeding(w, ExploitationForm.SEXUAL_EXPLOITATION, jan.plusDays(60), 9, toArrest, DropReason.VICTIM_WITHDREW, null);
        // outside the cohort: previous year, and another country
        proceeding(w, ExploitationForm.FORCED_LABOUR, LocalDate.of(YEAR - 1, 12, 31), 3, toArrest, null, null);
        tracking.open(new OpenProceeding("KH", null, null, null, null, ExploitationForm.FORCED_LABOUR, jan, List.of()));

        Attrition a = report.attrition(YEAR, COUNTRY, null);

        String cohort = "from proceeding p where p.country_code = 'TV' and extract(year from p.complaint_on) = 2019";
        int complaints = count("select count(*) " + cohort);
        int investigations = count("select count(distinct h.proceeding_id) from proceeding_stage_history h "
                + "join proceeding p on p.id = h.proceeding_id where h.stage = 'INVESTIGATION' and p.country_code = 'TV' "
                + "and extract(year from p.complaint_on) = 2019");
        int arrests = count("select count(distinct h.proceeding_id) from proceeding_stage_history h "
                + "join proceeding p on p.id = h.proceeding_id where h.stage = 'ARREST' and p.country_code = 'TV' "
                + "and extract(year from p.complaint_on) = 2019");
        int dropped = count("select count(*) " + cohort + " and p.stage = 'DROPPED'");
        assertThat(complaints).isEqualTo(13);
        assertThat(investigations).isEqualTo(9);
        assertThat(arrests).isEqualTo(6);
        assertThat(dropped).isEqualTo(4);
        assertThat(a.total()).isEqualTo(new Attrition.Funnel(complaints, investigations, arrests, 0, 0, 0, 0, dropped));
        assertThat(a.byForm().get(ExploitationForm.FORCED_LABOUR).complaints()).isEqualTo(7);
        assertThat(a.byForm().get(ExploitationForm.SEXUAL_EXPLOITATION).arrests()).isEqualTo(6);
        assertThat(a.dropOuts()).containsExactly(
                new Attrition.DropOut(Stage.INVESTIGATION, DropReason.INSUFFICIENT_EVIDENCE, 3),
                new Attrition.DropOut(Stage.ARREST, DropReason.VICTIM_WITHDREW, 1));

        // medians computed in Java from the raw history rows
        Map<Stage, List<Long>> stays = new java.util.EnumMap<>(Stage.class);
        List<UUID> ids = jdbc.sql("select p.id " + cohort).query(UUID.class).list();
        for (UUID id : ids) {
            List<Object[]> rows = jdbc.sql("select stage, entered_on from proceeding_stage_history where proceeding_id = ? "
                    + "order by id").param(id).query((rs, n) -> new Object[] {rs.getString(1),
                            rs.getObject(2, LocalDate.class)}).list();
            for (int i = 0; i + 1 < rows.size(); i++) {
                stays.computeIfAbsent(Stage.valueOf((String) rows.get(i)[0]), s -> new ArrayList<>())
                        .add(ChronoUnit.DAYS.between((LocalDate) rows.get(i)[1], (LocalDate) rows.get(i + 1)[1]));
            }
        }
        assertThat(a.medianDays().keySet()).isEqualTo(stays.keySet());
        stays.forEach((stage, days) -> assertThat(a.medianDays().get(stage)).as("median %s", stage)
                .isEqualTo(median(days)));
    }

    @Test
    void convictionsAndAcquittalsCountPerProceeding() {
        World w = ProsecutionFixtures.world(jdbc);
        signIn(w.investigator());
        List<Stage> toVerdict = List.of(Stage.INVESTIGATION, Stage.CHARGE, Stage.TRIAL, Stage.VERDICT);
        int year = 2018;
        LocalDate start = LocalDate.of(year, 3, 1);
        proceedingKh(start, toVerdict, Defendant.Verdict.CONVICTED);
        proceedingKh(start.plusDays(1), toVerdict, Defendant.Verdict.CONVICTED);
        proceedingKh(start.plusDays(2), toVerdict, Defendant.Verdict.ACQUITTED);
        proceedingKh(start.plusDays(3), List.of(Stage.INVESTIGATION, Stage.CHARGE, Stage.TRIAL), null);
        Attrition a = report.attrition(year, "KH", "17");
        assertThat(a.total()).isEqualTo(new Attrition.Funnel(4, 4, 0, 4, 4, 2, 1, 0));

        signIn(w.analyst());
        Attrition suppressed = report.attrition(year, "KH", "17");
        assertThat(suppressed.suppressed()).isTrue();
        assertThat(suppressed.total().complaints()).isNull();
        assertThat(suppressed.total().arrests()).isEqualTo(0);
        assertThat(suppressed.medianDays()).isEmpty();
    }

    void proceedingKh(LocalDate start, List<Stage> path, Defendant.Verdict verdict) {
        UUID id = tracking.open(new OpenProceeding("KH", "17", null, null, null, ExploitationForm.FORCED_LABOUR, start,
                List.of()));
        LocalDate d = start;
        UUID suspect = null;
        for (Stage s : path) {
            d = d.plusDays(15);
            tracking.move(id, tracking.get(id).version(), s, d, null);
            if (s == Stage.INVESTIGATION) {
                suspect = adjudication.recordSuspect(id, ProsecutionFixtures.aSuspect(null, null), Suspect.SchemeRole.BROKER);
            }
            if (s == Stage.CHARGE) {
                adjudication.fileCharge(id, suspect, "KH2008-ART10", d);
            }
        }
        if (verdict != null) {
            adjudication.recordVerdict(id, suspect, 0, new Adjudication.RecordVerdict(verdict, d,
                    verdict == Defendant.Verdict.CONVICTED ? 96 : null, null, verdict == Defendant.Verdict.CONVICTED
                            ? new BigDecimal("1000") : null, verdict == Defendant.Verdict.CONVICTED ? "USD" : null));
        }
    }

    static double median(List<Long> values) {
        List<Long> v = values.stream().sorted().toList();
        int n = v.size();
        return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2.0;
    }

    int count(String sql) {
        return jdbc.sql(sql).query(Integer.class).single();
    }
}
