package org.haven.prosecution;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.haven.HavenIntegrationTest;
import org.haven.prosecution.ProsecutionFixtures.World;
import org.haven.prosecution.internal.AttritionReadModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haven.security.SecurityFixtures.signIn;
import static org.haven.security.SecurityFixtures.signOut;

/**
 * The attrition read model follows every change in the same transaction — a drop, a reopening (the stage's stays
 * summed), an edit of the form, a verdict — and the bulk refresh (the migration's backfill, the generator) writes
 * the same row as the per-change refresh. Its own year and province, so other tests' data cannot mix in.
 */
@HavenIntegrationTest
@Import(ProsecutionTestBeans.class)
class AttritionReadModelIT {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    ProsecutionTracking tracking;
    @Autowired
    Adjudication adjudication;
    @Autowired
    AttritionReport report;
    @Autowired
    AttritionReadModel readModel;

    @AfterEach
    void tearDown() {
        signOut();
    }

    Map<String, Object> row(UUID id) {
        return jdbc.sql("select * from proceeding_attrition where proceeding_id = ?").param(id).query().singleRow();
    }

    @Test
    void readModelFollowsDropsReopeningsEditsAndVerdicts() {
        World w = ProsecutionFixtures.world(jdbc);
        signIn(w.investigator());
        LocalDate start = LocalDate.of(2016, 1, 4);
        UUID id = tracking.open(new OpenProceeding("KH", "05", null, null, null, ExploitationForm.FORCED_LABOUR, start,
                List.of()));
        assertThat(row(id)).containsEntry("stage", "COMPLAINT").containsEntry("complaint_year", 2016)
                .containsEntry("days_complaint", null);
        tracking.move(id, 0, Stage.INVESTIGATION, start.plusDays(10), null);
        tracking.move(id, 1, Stage.DROPPED, start.plusDays(15), DropReason.VICTIM_UNREACHABLE);
        assertThat(row(id)).containsEntry("stage", "DROPPED").containsEntry("drop_reason", "VICTIM_UNREACHABLE")
                .containsEntry("dropped_from", "INVESTIGATION").containsEntry("days_complaint", 10)
                .containsEntry("days_investigation", 5);
        tracking.reopen(id, 2, start.plusDays(35), ReopenReason.VICTIM_RETURNED);
        UUID suspect = adjudication.recordSuspect(id, ProsecutionFixtures.aSuspect(null, null), Suspect.SchemeRole.BROKER);
        tracking.move(id, 3, Stage.CHARGE, start.plusDays(42), null);
        tracking.edit(id, 4, "05", null, null, null, ExploitationForm.BEGGING);
        assertThat(row(id)).containsEntry("stage", "CHARGE").containsEntry("drop_reason", null)
                .containsEntry("exploitation_form", "BEGGING").containsEntry("reached_charge", true)
                .containsEntry("reached_arrest", false).containsEntry("days_investigation", 12)
                .containsEntry("days_dropped", 20).containsEntry("convicted", false);

        Attrition a = report.attrition(2016, "KH", "05");
        assertThat(a.total()).isEqualTo(new Attrition.Funnel(1, 1, 0, 1, 0, 0, 0, 0));
        assertThat(a.byForm()).containsOnlyKeys(ExploitationForm.BEGGING);
        assertThat(a.medianDays()).containsEntry(Stage.INVESTIGATION, 12.0).containsEntry(Stage.DROPPED, 20.0)
                .containsEntry(Stage.COMPLAINT, 10.0).doesNotContainKey(Stage.CHARGE);

        tracking.move(id, 5, Stage.TRIAL, start.plusDays(50), null);
        tracking.move(id, 6, Stage.VERDICT, start.plusDays(60), null);
        adjudication.fileCharge(id, suspect, "KH2008-ART10", start.plusDays(60));
        adjudication.recordVerdict(id, suspect, 0, new Adjudication.RecordVerdict(Defendant.Verdict.CONVICTED,
                start.plusDays(60), 60, false, null, null));
        assertThat(row(id)).containsEntry("convicted", true).containsEntry("decided", true);
        assertThat(report.attrition(2016, "KH", "05").total().convictions()).isEqualTo(1);

        // the bulk refresh (backfill, generator) writes the same row as the per-change refresh
        Map<String, Object> kept = row(id);
        jdbc.sql("delete from proceeding_attrition where proceeding_id = ?").param(id).update();
        assertThat(readModel.refreshMissing()).isGreaterThanOrEqualTo(1);
        assertThat(row(id)).isEqualTo(kept);
    }
}
