package org.haven.linkage;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.haven.cases.CaseCommands.IdentityDocument;
import org.haven.cases.CaseCommands.SurvivorIdentity;
import org.haven.cases.CaseFixtures;
import org.haven.cases.CaseManagement;
import org.haven.cases.CaseViews.OpenedCase;
import org.haven.security.CurrentUser;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Registration of obviously synthetic survivors and waits for the linkage listener. */
final class LinkageTestSupport {

    private static final Random RANDOM = new Random();

    private final JdbcClient jdbc;
    private final CaseFixtures cases;

    LinkageTestSupport(JdbcClient jdbc, CaseManagement cases) {
        this.jdbc = jdbc;
        this.cases = new CaseFixtures(cases);
    }

    /**
     * A random token of letters g–z only: it cannot occur in the hexadecimal text of a bytea, so a scan for it in the
     * tables' text finds only a real leak.
     */
    static String token() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 7; i++) {
            b.append((char) ('g' + RANDOM.nextInt(20)));
        }
        return b.toString();
    }

    static SurvivorIdentity person(String given, String phone) {
        return new SurvivorIdentity("Test Survivor", given, null, null, List.of(), null, phone, null,
                List.of(new IdentityDocument("OTHER", "DEMO-" + token().toUpperCase(), "KHM")));
    }

    OpenedCase register(CurrentUser caseworker, SurvivorIdentity identity) {
        return cases.anOpenCase(caseworker, identity);
    }

    UUID survivorOf(UUID caseId) {
        return jdbc.sql("select survivor_id from survivor_case where id = ?").param(caseId).query(UUID.class).single();
    }

    /** Waits until the survivor of the case has an encoding (the listener may run after the commit, asynchronously). */
    UUID awaitEncoded(UUID caseId) {
        UUID survivor = survivorOf(caseId);
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < until) {
            if (jdbc.sql("select count(*) from linkage_encoding where survivor_id = ?").param(survivor)
                    .query(Integer.class).single() == 1) {
                return survivor;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("survivor " + survivor + " was not encoded within 20 s");
    }

    /** Candidate ids of the pair of survivors, in either order. */
    List<UUID> candidatesBetween(UUID s1, UUID s2) {
        return jdbc.sql("""
                select id from linkage_candidate
                where (survivor_a = :x and survivor_b = :y) or (survivor_a = :y and survivor_b = :x)""")
                .param("x", s1).param("y", s2).query(UUID.class).list();
    }
}
