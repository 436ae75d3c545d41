package org.haven.linkage;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.haven.HavenIntegrationTest;
import org.haven.cases.CaseCommands.SurvivorIdentity;
import org.haven.cases.CaseCommands.UpdateSurvivor;
import org.haven.cases.CaseFixtures;
import org.haven.cases.CaseManagement;
import org.haven.cases.CaseViews.CaseDetails;
import org.haven.cases.CaseViews.OpenedCase;
import org.haven.security.CurrentUser;
import org.haven.security.OrganisationType;
import org.haven.security.Role;
import org.haven.security.SecurityFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An identity edit is re-encoded at once (the cases module's {@code SurvivorIdentityChanged} event, after commit),
 * not only by the five-minute reconciliation: the edited survivor becomes a candidate with the person it now matches,
 * and the key counts follow the edit.
 */
@HavenIntegrationTest
class IdentityEditReencodeIT {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    CaseManagement caseManagement;

    @AfterEach
    void signOut() {
        SecurityFixtures.signOut();
    }

    @Test
    void editingTheNameReencodesAndFindsTheMatchWithinSeconds() throws Exception {
        SecurityFixtures f = new SecurityFixtures(jdbc);
        CurrentUser workerA = f.user(f.organisation(OrganisationType.SHELTER), Role.CASEWORKER);
        CurrentUser workerB = f.user(f.organisation(OrganisationType.SHELTER), Role.CASEWORKER);
        LinkageTestSupport support = new LinkageTestSupport(jdbc, caseManagement);
        SurvivorIdentity person = LinkageTestSupport.person("Bopha " + LinkageTestSupport.token(), null);
        OpenedCase a = support.register(workerA, person);
        OpenedCase b = support.register(workerB, LinkageTestSupport.person("Kunthea " + LinkageTestSupport.token(),
                null));
        UUID sa = support.awaitEncoded(a.caseId());
        UUID sb = support.awaitEncoded(b.caseId());
        assertThat(support.candidatesBetween(sa, sb)).isEmpty();
        int encodedAt = version(sb);

        SecurityFixtures.signIn(workerB);
        CaseDetails d = caseManagement.viewCase(b.caseId());
        caseManagement.updateSurvivor(b.caseId(), new UpdateSurvivor(d.survivorVersion(), person,
                CaseFixtures.adultWoman()));
        SecurityFixtures.signOut();

        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < until && (version(sb) == encodedAt
                || support.candidatesBetween(sa, sb).isEmpty())) {
            Thread.sleep(100);
        }
        assertThat(version(sb)).isEqualTo(d.survivorVersion() + 1);
        assertThat(support.candidatesBetween(sa, sb)).hasSize(1);
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'linkage.encode' "
                + "and subject_ids @> array[?]::text[]").param(sb.toString()).query(Integer.class).single())
                .isEqualTo(2);
        // the two survivors now share their name keys: each key is counted at least twice
        List<Long> counts = jdbc.sql("""
                select c.n from linkage_encoding e join linkage_key_count c on c.key in (e.given_key, e.family_key)
                where e.survivor_id = ?""").param(sb).query(Long.class).list();
        assertThat(counts).hasSize(2).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(2));
    }

    int version(UUID survivor) {
        return jdbc.sql("select survivor_version from linkage_encoding where survivor_id = ?").param(survivor)
                .query(Integer.class).single();
    }
}
