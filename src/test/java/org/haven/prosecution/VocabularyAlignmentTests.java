package org.haven.prosecution;

import java.util.Arrays;

import org.haven.cases.Vocabulary;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VocabularyAlignmentTests {

    @Test
    void formsOfExploitationUseTheCasesModulesCodes() {
        assertThat(Arrays.stream(ExploitationForm.values()).map(Enum::name))
                .containsExactlyElementsOf(Arrays.stream(Vocabulary.ExploitationForm.values()).map(Enum::name).toList());
    }
}
