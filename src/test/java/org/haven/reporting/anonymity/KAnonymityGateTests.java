package org.haven.reporting.anonymity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.haven.reporting.export.CtdcQuasiIdentifiers;
import org.haven.reporting.export.VictimRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

class KAnonymityGateTests {

    private static final String[] YEARS = {"2015", "2016", "2017", "2018", "2019", "2020", "2021", "2014-2018", ""};
    private static final String[] GENDERS = {"Woman", "Man", "Trans/Transgender/NonConforming", ""};
    private static final String[] AGES = {"0--8", "9--17", "18--20", "21--23", "24--26", "27--29", "30--38", "39--47",
            "48+", ""};
    private static final String[] COUNTRIES = {"KHM", "THA", "VNM", "MYS", "MMR", "CHN", "UKR", "RUS", "NGA", "Asia",
            ""};
    private static final String[] TYPES = {"isForcedLabour", "isSexualExploit", "isOtherExploit"};

    @Test
    void releasedRandomDataSetsHaveNoClassSmallerThanKAndAreLDiverse() {
        qt().withExamples(150).forAll(longs().all(), integers().between(0, 600), integers().between(2, 15),
                integers().between(1, 3)).checkAssert((seed, n, k, l) -> {
                    List<VictimRecord> records = random(new Random(seed), n);
                    GateResult<VictimRecord> result = new KAnonymityGate(k, l, 0.05)
                            .apply(records, CtdcQuasiIdentifiers.all(), VictimRecord::exploitationType);
                    assertGuarantees(records, result, k, l);
                });
    }

    @Test
    void oneUniquePersonAmongManyIsNeverReleasedAsTheOnlyOneOfTheirKind() {
        List<VictimRecord> records = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            records.add(victim("s" + i, "2020", "Woman", "18--20", "KHM", "THA", i % 2 == 0 ? "isForcedLabour"
                    : "isSexualExploit"));
        }
        VictimRecord unique = victim("unique", "2003", "Trans/Transgender/NonConforming", "48+", "UKR", "MYS",
                "isOtherExploit");
        records.add(unique);
        GateResult<VictimRecord> result = new KAnonymityGate(11, 2, 0.05)
                .apply(records, CtdcQuasiIdentifiers.all(), VictimRecord::exploitationType);
        assertGuarantees(records, result, 11, 2);
        // within the budget (5% of 41 = 2 records) suppressing the outlier is cheaper than generalising
        assertThat(result.suppressed()).isEqualTo(1);
        assertThat(result.released()).extracting(r -> r.record().sourceId()).doesNotContain("unique");
        assertThat(result.levels().values()).containsOnly(0);
    }

    @Test
    void aClassWhereEveryoneSharesTheExploitationTypeIsNotReleased() {
        List<VictimRecord> records = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            records.add(victim("a" + i, "2020", "Woman", "18--20", "KHM", "THA", "isForcedLabour"));
        }
        GateResult<VictimRecord> result = new KAnonymityGate(11, 2, 0.05)
                .apply(records, CtdcQuasiIdentifiers.all(), VictimRecord::exploitationType);
        assertThat(result.released()).isEmpty();
        assertThat(result.suppressed()).isEqualTo(20);
        assertThat(new KAnonymityGate(11, 1, 0.05).apply(records, CtdcQuasiIdentifiers.all(),
                VictimRecord::exploitationType).released()).hasSize(20);
    }

    @Test
    void generalisesRatherThanDropsWhenSmallClassesMerge() {
        List<VictimRecord> records = new ArrayList<>();
        String[] asean = {"KHM", "THA", "VNM", "MYS", "MMR"};
        for (int i = 0; i < 60; i++) {
            records.add(victim("g" + i, "2020", "Woman", "18--20", asean[i % 5], "THA",
                    i % 3 == 0 ? "isForcedLabour" : "isSexualExploit"));
        }
        GateResult<VictimRecord> result = new KAnonymityGate(13, 2, 0.05)
                .apply(records, CtdcQuasiIdentifiers.all(), VictimRecord::exploitationType);
        assertThat(result.suppressed()).isZero();
        assertThat(result.levels()).containsEntry("citizenship", 1);
        assertThat(result.generalisations()).containsEntry("citizenship", "UN sub-region");
        assertThat(result.released()).allSatisfy(
                r -> assertThat(r.quasiIdentifiers()).containsEntry("citizenship", "South-Eastern Asia"));
        assertGuarantees(records, result, 13, 2);
    }

    static void assertGuarantees(List<VictimRecord> records, GateResult<VictimRecord> result, int k, int l) {
        assertThat(result.released().size() + result.suppressed()).isEqualTo(records.size());
        Map<List<String>, Integer> sizes = new HashMap<>();
        Map<List<String>, Set<String>> types = new HashMap<>();
        var qis = CtdcQuasiIdentifiers.all();
        for (GateResult.Released<VictimRecord> r : result.released()) {
            List<String> key = new ArrayList<>();
            for (var qi : qis) {
                String shown = r.quasiIdentifiers().get(qi.name());
                // the published value is the recorded value generalised at the stated level
                String raw = qi.value().apply(r.record());
                assertThat(shown).isEqualTo(qi.hierarchy().generalise(raw, result.levels().get(qi.name())));
                key.add(shown);
            }
            sizes.merge(key, 1, Integer::sum);
            types.computeIfAbsent(key, x -> new HashSet<>()).add(r.record().exploitationType());
        }
        assertThat(sizes.values()).allSatisfy(size -> assertThat(size).isGreaterThanOrEqualTo(k));
        assertThat(types.values()).allSatisfy(set -> assertThat(set.size()).isGreaterThanOrEqualTo(l));
        if (!result.released().isEmpty()) {
            assertThat(result.smallestClass()).isEqualTo(sizes.values().stream().min(Integer::compare).orElseThrow());
        }
    }

    private static List<VictimRecord> random(Random random, int n) {
        List<VictimRecord> records = new ArrayList<>();
        // a few hot spots plus noise, so that both generalisation and suppression happen
        for (int i = 0; i < n; i++) {
            boolean hot = random.nextInt(3) > 0;
            records.add(new VictimRecord("r" + i,
                    hot ? "2020" : pick(random, YEARS), hot ? "Woman" : pick(random, GENDERS),
                    hot ? pick(random, new String[] {"18--20", "21--23"}) : pick(random, AGES),
                    hot ? "KHM" : pick(random, COUNTRIES), hot ? pick(random, new String[] {"THA", "MYS"})
                            : pick(random, COUNTRIES), "", randomTypes(random), ""));
        }
        return records;
    }

    private static Set<String> randomTypes(Random random) {
        Set<String> flags = new HashSet<>();
        for (String t : TYPES) {
            if (random.nextInt(3) == 0) {
                flags.add(t);
            }
        }
        return flags;
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    static VictimRecord victim(String id, String year, String gender, String age, String cit, String coe, String type) {
        return new VictimRecord(id, year, gender, age, cit, coe, "", Set.of(type), "");
    }
}
