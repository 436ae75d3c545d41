package org.haven.cases.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NameKeysTests {

    @Test
    void foldsRomanisationVariantsToTheSameKey() {
        assertThat(NameKeys.fold("Sokha")).isEqualTo(NameKeys.fold("Sokkha")).isEqualTo("soka");
        assertThat(NameKeys.fold("Chhay")).isEqualTo(NameKeys.fold("Chay"));
        assertThat(NameKeys.fold("Phal")).isEqualTo(NameKeys.fold("Pal"));
        assertThat(NameKeys.fold("Thida")).isEqualTo(NameKeys.fold("Tida"));
        assertThat(NameKeys.fold("Sôkhâ")).isEqualTo(NameKeys.fold("sokha"));
    }

    @Test
    void wholeNameKeyIgnoresSpaces() {
        assertThat(NameKeys.keysOf("Sok Ha")).contains("f:soka");
        assertThat(NameKeys.query("Sokha").wholeKey()).isEqualTo("f:soka");
    }

    @Test
    void keepsKhmerScriptTokensAsTheyAre() {
        assertThat(NameKeys.keysOf("សុខ ដារា")).contains("k:សុខ", "k:ដារា", "kf:សុខដារា");
    }

    @Test
    void queryOfTwoTokensNeedsBoth() {
        NameKeys.Query q = NameKeys.query("Chan Sokha");
        assertThat(q.tokenKeys()).containsExactlyInAnyOrder("t:can", "t:soka");
    }

    @Test
    void aSurvivorHoldsAPairKeyForEachPairOfTokensOfOneScript() {
        assertThat(NameKeys.survivorKeys(java.util.List.of("Chhun Sokkha", "ឈុន សុខា", "Test Nary")))
                .contains("tp:cun|soka", "tp:nary|test", "tp:cun|nary", "kp:ឈុន|សុខា")
                .noneMatch(k -> k.startsWith("tp:") && k.contains("ឈ"));
        assertThat(NameKeys.survivorKeys(java.util.List.of("Sokha"))).noneMatch(k -> k.contains("p:"));
    }

    @Test
    void queryPairIgnoresNameOrderAndKeepsTheOtherTokens() {
        assertThat(NameKeys.query("Sokha Chhun").withPair()).containsExactly("tp:cun|soka");
        assertThat(NameKeys.query("Chan Sokha").withPair()).containsExactly("tp:can|soka");
        assertThat(NameKeys.query("Chan Sokha Dara").withPair()).containsExactly("tp:can|soka", "t:dara");
        assertThat(NameKeys.query("សុខា Chan").withPair()).containsExactlyInAnyOrder("k:សុខា", "t:can");
        assertThat(NameKeys.query("Sokha").withPair()).containsExactly("t:soka");
        // The pair a query asks for is one the survivor holds exactly when it holds both tokens.
        assertThat(NameKeys.survivorKeys(java.util.List.of("Chhun Sokkha"))).containsAll(NameKeys.query("Sokha Chun").withPair());
    }
}
