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
}
