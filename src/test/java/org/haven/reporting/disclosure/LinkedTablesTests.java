package org.haven.reporting.disclosure;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.haven.reporting.disclosure.LinkedTables.Ref;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.haven.reporting.disclosure.JointAttacker.cell;
import static org.haven.reporting.disclosure.JointAttacker.columnTotal;
import static org.haven.reporting.disclosure.JointAttacker.grand;
import static org.haven.reporting.disclosure.JointAttacker.rowTotal;

/**
 * Tables that share margins (verdicts and sentences share the convicted defendants per form) leak when protected one
 * by one and do not when protected together; the attacker knows the links and uses every published value at once.
 */
class LinkedTablesTests {

    private static final int K = 11;
    private static final List<String> FORMS = List.of("A", "B");

    /** What an outsider knows about the verdict and sentence tables, in its own words. */
    private static JointAttacker attacker(ProtectedTable verdicts, ProtectedTable sentences) {
        JointAttacker a = new JointAttacker().table("v", verdicts).table("s", sentences);
        for (String form : FORMS) {
            a.same(cell("v", form, "CONVICTED"), rowTotal("s", form));
        }
        return a.same(columnTotal("v", "CONVICTED"), grand("s"));
    }

    @Test
    void separatelyProtectedTablesGiveAHiddenCellAwayThroughASharedMarginLinkedOnesDoNot() {
        long[][] verdicts = {{30, 3}, {40, 50}}; // 3 acquitted of form A: a small cell, hidden with its neighbours
        long[][] sentences = {{15, 15}, {20, 20}}; // no small cell: row totals 30 and 40 published
        List<String> verdictColumns = List.of("CONVICTED", "ACQUITTED");
        List<String> bands = List.of("SHORT", "LONG");

        ProtectedTable v = ProtectedTable.twoWay(FORMS, verdictColumns, verdicts, K);
        ProtectedTable s = ProtectedTable.twoWay(FORMS, bands, sentences, K);
        assertThat(MarginAttacker.recover(v)).isEmpty();
        assertThat(MarginAttacker.recover(s)).isEmpty();
        Map<String, java.math.BigInteger> leaked = attacker(v, s).recover();
        assertThat(leaked).as("the attack works on separately protected tables")
                .containsEntry(cell("v", "A", "CONVICTED"), java.math.BigInteger.valueOf(30));

        Map<String, ProtectedTable> linked = new LinkedTables().twoWay("v", FORMS, verdictColumns, verdicts)
                .twoWay("s", FORMS, bands, sentences)
                .sameRows("s", form -> Ref.cell("v", form, "CONVICTED"))
                .same(Ref.grandTotal("s"), Ref.columnTotal("v", "CONVICTED")).protect(K);
        assertThat(linked.get("v").cell(0, 1).suppressed()).isTrue();
        assertThat(attacker(linked.get("v"), linked.get("s")).recover()).isEmpty();
        // a shared value is shown in both tables or hidden in both
        for (int r = 0; r < FORMS.size(); r++) {
            assertThat(linked.get("s").rowTotal(r).suppressed()).isEqualTo(linked.get("v").cell(r, 0).suppressed());
        }
    }

    @Test
    void randomLinkedTablesNeverLetTheAttackerRecoverAHiddenValue() {
        Random random = new Random(20261129L);
        List<String> forms = List.of("A", "B", "C", "D");
        List<String> verdictColumns = List.of("CONVICTED", "ACQUITTED", "DISMISSED");
        List<String> bands = List.of("S1", "S2", "S3");
        List<String> fined = List.of("FINED", "NOT_FINED");
        for (int round = 0; round < 150; round++) {
            long[][] verdicts = new long[4][3];
            long[][] sentences = new long[4][3];
            long[][] fines = new long[4][2];
            for (int f = 0; f < 4; f++) {
                for (int b = 0; b < 3; b++) {
                    sentences[f][b] = small(random);
                }
                long convicted = sentences[f][0] + sentences[f][1] + sentences[f][2];
                fines[f][0] = convicted == 0 ? 0 : random.nextInt((int) convicted + 1);
                fines[f][1] = convicted - fines[f][0];
                verdicts[f] = new long[] {convicted, small(random), small(random)};
            }
            Map<String, ProtectedTable> t = new LinkedTables().twoWay("v", forms, verdictColumns, verdicts)
                    .twoWay("s", forms, bands, sentences).twoWay("f", forms, fined, fines)
                    .sameRows("s", form -> Ref.cell("v", form, "CONVICTED"))
                    .sameRows("f", form -> Ref.cell("v", form, "CONVICTED"))
                    .same(Ref.grandTotal("s"), Ref.columnTotal("v", "CONVICTED"))
                    .same(Ref.grandTotal("f"), Ref.columnTotal("v", "CONVICTED")).protect(K);
            JointAttacker a = new JointAttacker().table("v", t.get("v")).table("s", t.get("s")).table("f", t.get("f"));
            for (String form : forms) {
                a.same(cell("v", form, "CONVICTED"), rowTotal("s", form));
                a.same(cell("v", form, "CONVICTED"), rowTotal("f", form));
            }
            a.same(columnTotal("v", "CONVICTED"), grand("s")).same(columnTotal("v", "CONVICTED"), grand("f"));
            assertThat(a.recover()).as("round " + round).isEmpty();
            for (int f = 0; f < 4; f++) {
                for (int b = 0; b < 3; b++) {
                    long n = sentences[f][b];
                    assertThat(n >= 1 && n < K && !t.get("s").cell(f, b).suppressed()).isFalse();
                }
            }
        }
    }

    private static long small(Random random) {
        int x = random.nextInt(10);
        return x < 3 ? 0 : x < 6 ? 1 + random.nextInt(10) : 11 + random.nextInt(60);
    }

    @Test
    void aLinkMustHoldForTheData() {
        LinkedTables t = new LinkedTables().twoWay("a", List.of("x"), List.of("y"), new long[][] {{12}})
                .twoWay("b", List.of("x"), List.of("y"), new long[][] {{13}});
        assertThatThrownBy(() -> t.same(Ref.grandTotal("a"), Ref.grandTotal("b")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dominanceRuleWithholdsASumMadeMostlyOfOneOrTwoContributions() {
        DominanceRule rule = new DominanceRule(2, 0.85);
        assertThat(rule.dominated(new BigDecimal("1200"), List.of(new BigDecimal("1000"), new BigDecimal("100"))))
                .isTrue();
        assertThat(rule.dominated(new BigDecimal("1200"), List.of(new BigDecimal("400"), new BigDecimal("400"),
                new BigDecimal("400")))).isFalse();
        // exactly 85 % is not more than 85 %
        assertThat(rule.dominated(new BigDecimal("1000"), List.of(new BigDecimal("425"), new BigDecimal("425"))))
                .isFalse();
        assertThat(rule.dominated(new BigDecimal("1000"), List.of(new BigDecimal("425"), new BigDecimal("426"))))
                .isTrue();
        // only the n largest count, in any order given
        assertThat(new DominanceRule(1, 0.5).dominated(new BigDecimal("100"),
                List.of(new BigDecimal("20"), new BigDecimal("51"), new BigDecimal("29")))).isTrue();
        assertThat(rule.dominated(BigDecimal.ZERO, List.of())).isFalse();
        assertThatThrownBy(() -> new DominanceRule(0, 0.85)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DominanceRule(2, 1.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
