package org.haven.cases.internal;

import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CaseCodeTests {

    @Test
    void generatedCodesAreValidAndShaped() {
        Random r = new Random(1);
        for (int i = 0; i < 1000; i++) {
            String code = CaseCode.next(r);
            assertThat(code).matches("HVN-[0-9A-Z]{4}-[0-9A-Z]{4}");
            assertThat(CaseCode.isValid(code)).as(code).isTrue();
        }
    }

    @Test
    void aChangedCharacterFailsTheCheck() {
        String code = CaseCode.next(new Random(7));
        char c = code.charAt(5);
        char other = c == 'A' ? 'B' : 'A';
        String typo = code.substring(0, 5) + other + code.substring(6);
        assertThat(CaseCode.isValid(typo)).isFalse();
    }
}
