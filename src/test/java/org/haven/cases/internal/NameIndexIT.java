package org.haven.cases.internal;

import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.haven.HavenIntegrationTest;
import org.haven.cases.CaseCommands.CaseSearch;
import org.haven.cases.CaseCommands.SurvivorIdentity;
import org.haven.cases.CaseFixtures;
import org.haven.cases.CaseManagement;
import org.haven.cases.CaseViews.CaseSummary;
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
import static org.haven.security.SecurityFixtures.signIn;

/**
 * Pair keys of the name search: written with every survivor, re-keyed in the background for survivors written before
 * them, and a search finds the same survivors before, during and after the re-keying.
 */
@HavenIntegrationTest
class NameIndexIT {

    @Autowired
    CaseManagement cases;
    @Autowired
    NameIndex nameIndex;
    @Autowired
    Sealer sealer;
    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void signOut() {
        SecurityFixtures.signOut();
    }

    /** A made-up token no other test uses (letters only, so folding keeps it whole). */
    static String token(Random r) {
        StringBuilder b = new StringBuilder("Zq");
        for (int i = 0; i < 7; i++) {
            b.append((char) ('a' + r.nextInt(26)));
        }
        return b.toString();
    }

    @Test
    void searchFindsTheSameSurvivorsBeforeAndAfterReKeying() {
        Random r = new Random();
        String family = token(r);
        String given = token(r);
        String alias = token(r);
        SecurityFixtures security = new SecurityFixtures(jdbc);
        UUID org = security.organisation(OrganisationType.SHELTER);
        CurrentUser caseworker = security.user(org, Role.CASEWORKER);
        OpenedCase opened = new CaseFixtures(cases).anOpenCase(caseworker,
                new SurvivorIdentity(family, given, null, null, List.of(alias), null, null, null, List.of()));
        UUID survivor = jdbc.sql("select survivor_id from survivor_case where id = ?").param(opened.caseId())
                .query(UUID.class).single();
        Set<String> pairHashes = new java.util.TreeSet<>();
        NameKeys.pairKeys(NameKeys.survivorKeys(List.of(family + " " + given, alias)))
                .forEach(k -> pairHashes.add(sealer.nameIndex(k)));
        assertThat(pairHashes).hasSize(3);
        assertThat(keys(survivor)).containsAll(pairHashes);
        assertThat(version(survivor)).isEqualTo(NameIndex.VERSION);
        signIn(caseworker);
        assertFound(given + " " + family, opened.caseId(), true);
        assertFound(alias + " " + family, opened.caseId(), true);
        assertFound(family + " " + token(r), opened.caseId(), false);

        // As written before pair keys existed: no pair keys, version 1.
        jdbc.sql("delete from survivor_name_key where survivor_id = :s and key_hash in (:h)")
                .param("s", survivor).param("h", pairHashes).update();
        jdbc.sql("update survivor set name_keys_version = 1 where id = ?").param(survivor).update();
        nameIndex.forgetComplete();
        assertThat(nameIndex.pairsComplete()).isFalse();
        assertFound(given + " " + family, opened.caseId(), true);
        assertFound(family + " " + given + " " + alias, opened.caseId(), true);
        assertFound(family + " " + token(r), opened.caseId(), false);

        assertThat(nameIndex.backfill()).isGreaterThanOrEqualTo(1);
        assertThat(keys(survivor)).containsAll(pairHashes);
        assertThat(version(survivor)).isEqualTo(NameIndex.VERSION);
        assertThat(nameIndex.pairsComplete()).isTrue();
        assertFound(given + " " + family, opened.caseId(), true);
        assertFound(alias + " " + given, opened.caseId(), true);
        assertFound(family + " " + token(r), opened.caseId(), false);
    }

    @Test
    void aSurvivorWhoseIdentityCannotBeOpenedKeepsItsKeysAndDoesNotStopTheReKeying() {
        Random r = new Random();
        SecurityFixtures security = new SecurityFixtures(jdbc);
        UUID org = security.organisation(OrganisationType.SHELTER);
        CurrentUser caseworker = security.user(org, Role.CASEWORKER);
        CaseFixtures fixtures = new CaseFixtures(cases);
        OpenedCase damaged = fixtures.anOpenCase(caseworker,
                new SurvivorIdentity(token(r), token(r), null, null, List.of(), null, null, null, List.of()));
        OpenedCase sound = fixtures.anOpenCase(caseworker,
                new SurvivorIdentity(token(r), token(r), null, null, List.of(), null, null, null, List.of()));
        UUID damagedSurvivor = survivorOf(damaged.caseId());
        UUID soundSurvivor = survivorOf(sound.caseId());
        byte[] sealed = jdbc.sql("select identity_sealed from survivor where id = ?").param(damagedSurvivor)
                .query(byte[].class).single();
        List<String> before = keys(damagedSurvivor);
        jdbc.sql("delete from survivor_name_key where survivor_id = ?").param(soundSurvivor).update();
        try {
            jdbc.sql("update survivor set identity_sealed = ?, name_keys_version = 1 where id = ?")
                    .params(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20}, damagedSurvivor)
                    .update();
            jdbc.sql("update survivor set name_keys_version = 1 where id = ?").param(soundSurvivor).update();
            nameIndex.forgetComplete();
            assertThat(nameIndex.backfill()).isGreaterThanOrEqualTo(2);
            assertThat(version(damagedSurvivor)).isEqualTo(NameIndex.VERSION);
            assertThat(keys(damagedSurvivor)).containsExactlyInAnyOrderElementsOf(before);
            assertThat(version(soundSurvivor)).isEqualTo(NameIndex.VERSION);
            assertThat(keys(soundSurvivor)).isNotEmpty();
            assertThat(nameIndex.pairsComplete()).isTrue();
        } finally {
            jdbc.sql("update survivor set identity_sealed = ? where id = ?").params(sealed, damagedSurvivor).update();
        }
    }

    private void assertFound(String query, UUID caseId, boolean found) {
        List<UUID> ids = cases.findCases(new CaseSearch(query, null, null, null, null, null), 0, 20).items().stream()
                .map(CaseSummary::caseId).toList();
        if (found) {
            assertThat(ids).as(query).contains(caseId);
        } else {
            assertThat(ids).as(query).doesNotContain(caseId);
        }
    }

    private UUID survivorOf(UUID caseId) {
        return jdbc.sql("select survivor_id from survivor_case where id = ?").param(caseId).query(UUID.class).single();
    }

    private List<String> keys(UUID survivor) {
        return jdbc.sql("select key_hash from survivor_name_key where survivor_id = ?").param(survivor)
                .query(String.class).list();
    }

    private int version(UUID survivor) {
        return jdbc.sql("select name_keys_version from survivor where id = ?").param(survivor).query(Integer.class).single();
    }
}
