package org.haven.linkage;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.haven.cases.CaseCommands.SurvivorIdentity;
import org.haven.cases.SurvivorIdentities.Identified;
import org.haven.linkage.internal.PairScorer;
import org.haven.linkage.internal.PairScorer.Level;
import org.haven.linkage.internal.SurvivorEncoder;
import org.haven.linkage.internal.SurvivorEncoding;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Encoding and pair scoring used at registration, without Spring or a database. */
class InAppScoringTests {

    static final byte[] KEY = "test-only-linkage-key-0123456789".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    static final double POSSIBLE = 0.8;

    final SurvivorEncoder encoder = new SurvivorEncoder(KEY);
    final PairScorer scorer = new PairScorer();

    static Identified latin(String family, String given, Integer birthYear, boolean estimated) {
        return new Identified(UUID.randomUUID(), UUID.randomUUID(), 0,
                new SurvivorIdentity(family, given, null, null, List.of(), null, null, null, List.of()), "FEMALE",
                birthYear, estimated);
    }

    static Identified khmer(String family, String given, Integer birthYear) {
        return new Identified(UUID.randomUUID(), UUID.randomUUID(), 0,
                new SurvivorIdentity(null, null, family, given, List.of(), null, null, null, List.of()), "FEMALE",
                birthYear, false);
    }

    PairScorer.Scored score(Identified a, Identified b) {
        return scorer.score(encoder.encode(a), encoder.encode(b));
    }

    static boolean candidate(PairScorer.Scored s) {
        return s.namesAgree() && s.similarity() >= POSSIBLE && s.score() >= 0.5;
    }

    @Test
    void identicalRegistrationsScoreOneWithEveryRecordedFieldAgreeing() {
        PairScorer.Scored s = score(latin("Sok", "Dara", 1998, false), latin("Sok", "Dara", 1998, false));
        assertThat(s.similarity()).isEqualTo(1.0);
        assertThat(s.score()).isGreaterThan(0.9);
        assertThat(candidate(s)).isTrue();
        assertThat(s.explanation()).containsEntry("given_name", Level.AGREE).containsEntry("family_name", Level.AGREE)
                .containsEntry("birth", Level.AGREE).containsEntry("sex", Level.AGREE)
                .containsEntry("phone", Level.MISSING).containsEntry("id_number", Level.MISSING);
    }

    @Test
    void romanisationVariantsSwappedOrderAndKhmerScriptStillMeet() {
        assertThat(candidate(score(latin("Sok", "Sreymom", 1998, false), latin("Sokh", "Srey Mom", 1998, false))))
                .isTrue();
        assertThat(candidate(score(latin("Sok", "Dara", 1998, false), latin("Dara", "Sok", 1998, false)))).isTrue();
        assertThat(candidate(score(khmer("សុខ", "ស្រីមុំ", 1998), latin("Sok", "Srey Mom", 1998, false)))).isTrue();
        assertThat(candidate(score(latin("Sok", "Dara", 1998, true), latin("Sok", "Dara", 1999, false)))).isTrue();
        // the demo pair (DemoLinkage)
        assertThat(candidate(score(latin("Demo Survivor", "Sokha", 2001, false),
                latin("DEMO SURVIVOR", "Sokkha", 2001, false)))).isTrue();
    }

    @Test
    void sharingAFamilyNameAndBirthYearIsNotAPerson() {
        PairScorer.Scored s = score(latin("Sok", "Dara", 1998, false), latin("Sok", "Vannak", 1998, false));
        assertThat(candidate(s)).isFalse();
        assertThat(s.explanation()).containsEntry("family_name", Level.AGREE)
                .containsEntry("given_name", Level.DISAGREE);
        assertThat(candidate(score(latin("Sok", "Sovann", 1998, false), latin("Chan", "Sopheap", 1970, false))))
                .isFalse();
    }

    @Test
    void encodingHoldsNoPlaintextAndDependsOnTheKey() {
        SurvivorEncoding e = encoder.encode(latin("Sok", "Dara", 1998, false));
        SurvivorEncoding other = new SurvivorEncoder("another-installation-key-0123456".getBytes(
                java.nio.charset.StandardCharsets.US_ASCII)).encode(latin("Sok", "Dara", 1998, false));
        assertThat(e.given()).isNotEqualTo(other.given());
        assertThat(e.blockingKeys()).isNotEqualTo(other.blockingKeys());
        assertThat(e.birthBand()).isEqualTo(1995);
        assertThat(e.sexCode()).isEqualTo("f");
        assertThat(e.toString()).doesNotContainIgnoringCase("sok").doesNotContainIgnoringCase("dara");
    }

    @Test
    void aKnownDateOfBirthIsEncodedWithMonthAndDay() {
        Identified a = new Identified(UUID.randomUUID(), UUID.randomUUID(), 0, new SurvivorIdentity("Sok", "Dara",
                null, null, List.of(), LocalDate.of(1998, 3, 14), null, null, List.of()), "FEMALE", 1998, false);
        Identified b = new Identified(UUID.randomUUID(), UUID.randomUUID(), 0, new SurvivorIdentity("Sok", "Dara",
                null, null, List.of(), LocalDate.of(1998, 11, 2), null, null, List.of()), "FEMALE", 1998, false);
        assertThat(score(a, b).explanation().get("birth")).isNotEqualTo(Level.AGREE);
        assertThat(score(a, a).explanation().get("birth")).isEqualTo(Level.AGREE);
    }

    static PairScorer.Frequencies frequencies(long total, java.util.Map<Long, Long> counts) {
        return new PairScorer.Frequencies() {
            @Override
            public long total() {
                return total;
            }

            @Override
            public long count(Long key) {
                return key == null ? 0 : counts.getOrDefault(key, 0L);
            }
        };
    }

    @Test
    void agreeingOnACommonNameIsWeakEvidenceAndOnARareNameStrong() {
        SurvivorEncoding a = encoder.encode(latin("Sok", "Sreymom", 1998, false));
        SurvivorEncoding b = encoder.encode(latin("Sok", "Sreymom", 1998, false));
        // 100,000 survivors: "Sok" held by 6,000 and "Sreymom" by 800 — many different people share this name
        PairScorer.Frequencies common = frequencies(100_000,
                java.util.Map.of(a.familyKey(), 6_000L, a.givenKey(), 800L));
        PairScorer.Frequencies rare = frequencies(100_000, java.util.Map.of(a.familyKey(), 3L, a.givenKey(), 2L));
        PairScorer.Scored weak = scorer.score(a, b, common);
        PairScorer.Scored strong = scorer.score(a, b, rare);
        assertThat(weak.weight()).isLessThan(strong.weight() - 10);
        assertThat(candidate(weak)).isFalse();
        assertThat(candidate(strong)).isTrue();
        assertThat(weak.explanation()).containsEntry("family_name", Level.AGREE_COMMON)
                .containsEntry("given_name", Level.AGREE_COMMON);
        assertThat(strong.explanation()).containsEntry("family_name", Level.AGREE)
                .containsEntry("given_name", Level.AGREE);
        // the same common name with an agreeing phone number is a candidate again
        Identified pa = new Identified(UUID.randomUUID(), UUID.randomUUID(), 0, new SurvivorIdentity("Sok", "Sreymom",
                null, null, List.of(), null, "+855 12 345 678", null, List.of()), "FEMALE", 1998, false);
        Identified pb = new Identified(UUID.randomUUID(), UUID.randomUUID(), 0, new SurvivorIdentity("Sok", "Sreymom",
                null, null, List.of(), null, "012 345 678", null, List.of()), "FEMALE", 1998, false);
        assertThat(candidate(scorer.score(encoder.encode(pa), encoder.encode(pb), common))).isTrue();
        // the name keys are keyed hashes: another key gives other hashes, and no name is in them
        SurvivorEncoding other = new SurvivorEncoder("another-installation-key-0123456".getBytes(
                java.nio.charset.StandardCharsets.US_ASCII)).encode(latin("Sok", "Sreymom", 1998, false));
        assertThat(other.familyKey()).isNotEqualTo(a.familyKey());
        assertThat(a.familyKey()).isEqualTo(b.familyKey());
    }
}
