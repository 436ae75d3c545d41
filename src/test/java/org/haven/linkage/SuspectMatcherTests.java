package org.haven.linkage;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.haven.linkage.internal.PairScorer;
import org.haven.linkage.internal.SuspectMatcher;
import org.haven.linkage.internal.SuspectMatcher.Band;
import org.haven.linkage.internal.SuspectMatcher.Profile;
import org.haven.linkage.internal.SuspectMatcher.Proposal;
import org.haven.linkage.names.NameNormaliser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Suspects resolved across proceedings with the survivors' frequency-aware scoring, without Spring or a database:
 * spelling variants, swapped order and Khmer script against Latin are proposed with their reasons; namesakes of a
 * common family name are not; a shared document is a match whatever the names; a common full name is only "possible".
 */
class SuspectMatcherTests {

    final SuspectMatcher matcher = new SuspectMatcher(NameNormaliser.standard(), new PairScorer(), 0.8, 0.5, 0.9);

    static Profile suspect(String name, Integer birthYear, String... documents) {
        return new Profile(UUID.randomUUID(), name, List.of(), "MALE", birthYear, List.of(documents), List.of());
    }

    List<Proposal> propose(Profile... suspects) {
        return matcher.propose(List.of(suspects), null);
    }

    static Proposal only(List<Proposal> proposals) {
        assertThat(proposals).hasSize(1);
        return proposals.get(0);
    }

    @Test
    void spellingVariantsOfTheSameSuspectAreProposedWithTheirReasons() {
        Proposal p = only(propose(suspect("Chhun Sokha", 1980), suspect("Chun Sokkha", 1980)));
        assertThat(p.band()).isEqualTo(Band.MATCH);
        assertThat(p.score()).isGreaterThanOrEqualTo(0.9);
        assertThat(p.fields()).containsKeys("given_name", "family_name", "birth", "sex");
        assertThat(p.fields().get("family_name")).startsWith("AGREE");
        assertThat(p.fields().get("given_name")).startsWith("AGREE");
        assertThat(p.fields()).containsEntry("birth", "AGREE");
    }

    @Test
    void swappedNameOrderIsTheSameName() {
        Proposal p = only(propose(suspect("Meas Vibol", 1975), suspect("Vibol Meas", 1976)));
        assertThat(p.fields().get("family_name")).startsWith("AGREE");
        assertThat(p.fields().get("given_name")).startsWith("AGREE");
        assertThat(p.fields()).containsEntry("birth", "PARTIAL");
    }

    @Test
    void khmerScriptAndLatinOfTheSameSuspectAreProposed() {
        Proposal p = only(propose(suspect("សុខ ដារា", 1982), suspect("Sok Dara", 1982)));
        assertThat(p.fields().get("family_name")).startsWith("AGREE");
        assertThat(p.fields().get("given_name")).startsWith("AGREE");
    }

    @Test
    void distinctSuspectsSharingACommonFamilyNameAreNotProposed() {
        assertThat(propose(suspect("Sok Dara", 1980), suspect("Sok Vibol", 1980), suspect("Sok Sreymom", 1980),
                suspect("Sok Pisey", 1980))).isEmpty();
    }

    @Test
    void distinctNamesThatLookAlikeAreNeverMergedWithoutReview() {
        // Sovann / Sovanna and Vanna / Vannak are different names: at most a possible pair, the given name only partly
        for (List<Proposal> out : List.of(propose(suspect("Chan Sovann", 1980), suspect("Chan Sovanna", 1980)),
                propose(suspect("Keo Vanna", 1980), suspect("Keo Vannak", 1980)))) {
            assertThat(out).allSatisfy(p -> {
                assertThat(p.band()).isEqualTo(Band.POSSIBLE);
                assertThat(p.fields()).containsEntry("given_name", "PARTIAL");
            });
        }
    }

    @Test
    void theSameNameTwentyYearsApartIsNotTheSamePerson() {
        assertThat(propose(suspect("Test Suspect Sokha", 1980), suspect("Test Suspect Sokha", 2001))).isEmpty();
    }

    @Test
    void aSharedDocumentIsAMatchWhateverTheNames() {
        Proposal p = only(propose(suspect("Demo Alias Broker", null, "PASSPORT:N123"),
                suspect("Test Suspect Sokha", 1980, "PASSPORT:N123")));
        assertThat(p.band()).isEqualTo(Band.MATCH);
        assertThat(p.fields()).containsEntry("id_number", "AGREE");
    }

    @Test
    void agreeingOnACommonNameIsWeakEvidence() {
        // the population says Sok and Dara are very common: the same name and nothing else is not proposed
        Profile a = new Profile(UUID.randomUUID(), "Sok Dara", List.of(), null, null, List.of(), List.of());
        Profile b = new Profile(UUID.randomUUID(), "Sok Dara", List.of(), null, null, List.of(), List.of());
        assertThat(matcher.propose(List.of(a, b), keys -> Map.of("sok", 0.08, "dara", 0.03))).isEmpty();
        // the same two records where the name is less common: a possible pair, for review (no automatic merge)
        Proposal rare = only(matcher.propose(List.of(a, b), keys -> Map.of("sok", 0.004, "dara", 0.004)));
        assertThat(rare.band()).isEqualTo(Band.POSSIBLE);
        assertThat(rare.fields()).containsEntry("family_name", "AGREE").containsEntry("birth", "MISSING");
        Profile c = new Profile(UUID.randomUUID(), "Sok Dara", List.of(), "MALE", 1980, List.of(), List.of());
        Profile d = new Profile(UUID.randomUUID(), "Dara Sok", List.of(), "MALE", 1980, List.of(), List.of());
        assertThat(only(matcher.propose(List.of(c, d), null)).band()).isEqualTo(Band.MATCH);
    }

    @Test
    void oneWordNamesAreNeverCompared() {
        assertThat(propose(suspect("Dara", 1980), suspect("Dara", 1980))).isEmpty();
    }

    @Test
    void aRecruiterRecordedTwiceInAFewProceedingsIsOnePerson() {
        // the network test's world: the same four-word name, variant spelling and order, a year apart
        String t = LinkageTestSupport.token();
        Profile r3 = suspect("Demo Alias Broker " + t, null, "PASSPORT:N1");
        Profile stranger = suspect("Test Suspect Sokha " + t, 2001);
        Profile r2 = suspect(t + " Sokkha Test Suspect", 1981, "PASSPORT:N1");
        Profile broker = suspect("Test Broker Vannak " + t, 1975);
        Profile r1 = suspect("Test Suspect Sokha " + t, 1980);
        List<Proposal> out = propose(r3, stranger, r2, broker, r1);
        assertThat(out).anySatisfy(p -> {
            assertThat(List.of(p.a(), p.b())).containsExactlyInAnyOrder(r2.id(), r1.id());
            assertThat(p.band()).isEqualTo(Band.MATCH);
        });
        assertThat(out).noneMatch(p -> p.a().equals(stranger.id()) || p.b().equals(stranger.id()));
    }
}
