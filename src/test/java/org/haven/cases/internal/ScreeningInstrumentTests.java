package org.haven.cases.internal;

import java.util.Set;

import org.haven.cases.ScreeningResult;
import org.haven.cases.ScreeningResult.Outcome;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScreeningInstrumentTests {

    private final ScreeningInstrument instrument = new ScreeningInstruments().current();

    @Test
    void adultWithActMeansAndPurposeMeetsTheDefinition() {
        ScreeningResult r = instrument.evaluate(
                Set.of("ACT.RECRUITMENT", "MEANS.DECEPTION", "PURPOSE.FORCED_LABOUR"), 25);
        assertThat(r.outcome()).isEqualTo(Outcome.INDICATORS_MET);
        assertThat(r.child()).isFalse();
        assertThat(r.act().met()).isTrue();
        assertThat(r.means().met()).isTrue();
        assertThat(r.means().reason()).contains("Deception");
        assertThat(r.missingElements()).isEmpty();
        assertThat(r.instrumentVersion()).isEqualTo("2026.1");
    }

    @Test
    void adultWithoutActIsPartialAndSaysWhy() {
        ScreeningResult r = instrument.evaluate(Set.of("MEANS.DECEPTION", "PURPOSE.FORCED_LABOUR"), 30);
        assertThat(r.outcome()).isEqualTo(Outcome.PARTIAL);
        assertThat(r.missingElements()).containsExactly("act");
        assertThat(r.act().reason()).contains("No act");
    }

    @Test
    void adultWithoutMeansIsPartial() {
        ScreeningResult r = instrument.evaluate(Set.of("ACT.TRANSPORTATION", "PURPOSE.SEXUAL_EXPLOITATION"), 19);
        assertThat(r.outcome()).isEqualTo(Outcome.PARTIAL);
        assertThat(r.missingElements()).containsExactly("means");
        assertThat(r.means().required()).isTrue();
    }

    @Test
    void adultWithoutPurposeIsPartial() {
        ScreeningResult r = instrument.evaluate(Set.of("ACT.HARBOURING", "MEANS.ABDUCTION"), 40);
        assertThat(r.outcome()).isEqualTo(Outcome.PARTIAL);
        assertThat(r.missingElements()).containsExactly("purpose");
    }

    @Test
    void childNeedsNoMeans() {
        ScreeningResult r = instrument.evaluate(Set.of("ACT.RECRUITMENT", "PURPOSE.SEXUAL_EXPLOITATION"), 15);
        assertThat(r.child()).isTrue();
        assertThat(r.outcome()).isEqualTo(Outcome.INDICATORS_MET);
        assertThat(r.means().required()).isFalse();
        assertThat(r.means().reason()).contains("Under 18");
    }

    @Test
    void childWithoutActIsPartial() {
        ScreeningResult r = instrument.evaluate(Set.of("PURPOSE.SEXUAL_EXPLOITATION"), 12);
        assertThat(r.outcome()).isEqualTo(Outcome.PARTIAL);
        assertThat(r.missingElements()).containsExactly("act");
    }

    @Test
    void childWithoutPurposeIsPartial() {
        ScreeningResult r = instrument.evaluate(Set.of("ACT.RECRUITMENT", "MEANS.DECEPTION"), 17);
        assertThat(r.outcome()).isEqualTo(Outcome.PARTIAL);
        assertThat(r.missingElements()).containsExactly("purpose");
    }

    @Test
    void seventeenIsAChildEighteenIsNot() {
        Set<String> actAndPurpose = Set.of("ACT.RECRUITMENT", "PURPOSE.FORCED_LABOUR");
        assertThat(instrument.evaluate(actAndPurpose, 17).outcome()).isEqualTo(Outcome.INDICATORS_MET);
        assertThat(instrument.evaluate(actAndPurpose, 18).outcome()).isEqualTo(Outcome.PARTIAL);
    }

    @Test
    void unknownAgeRequiresMeans() {
        ScreeningResult r = instrument.evaluate(Set.of("ACT.RECRUITMENT", "PURPOSE.FORCED_LABOUR"), null);
        assertThat(r.outcome()).isEqualTo(Outcome.PARTIAL);
        assertThat(r.means().reasonKey()).isEqualTo("screening.reason.means.noneAgeUnknown");
    }

    @Test
    void iloIndicatorsSupplyMeansAndForcedLabourPurpose() {
        ScreeningResult r = instrument.evaluate(Set.of("ACT.RECRUITMENT", "ILO07", "ILO08"), 30);
        assertThat(r.means().supportingCodes()).containsExactly("ILO07");
        assertThat(r.purpose().met()).isTrue();
        assertThat(r.purpose().reason()).contains("ILO");
        assertThat(r.forcedLabourIndicators()).containsExactly("ILO07", "ILO08");
        assertThat(r.outcome()).isEqualTo(Outcome.INDICATORS_MET);
    }

    @Test
    void nothingSelectedIsNotMet() {
        assertThat(instrument.evaluate(Set.of(), 30).outcome()).isEqualTo(Outcome.NOT_MET);
    }

    @Test
    void refusesUnknownIndicator() {
        assertThatThrownBy(() -> instrument.evaluate(Set.of("ACT.TELEPORTATION"), 30))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void groupsIndicatorsByElement() {
        assertThat(instrument.indicators("act")).hasSize(5);
        assertThat(instrument.indicators("means")).hasSize(7);
        assertThat(instrument.indicators("purpose")).hasSize(5);
        assertThat(instrument.indicators("ilo")).hasSize(11);
    }
}
