package org.haven.prosecution;

import java.time.LocalDate;

import org.haven.shared.web.Conflict;
import org.haven.shared.web.InvalidInput;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StageRulesTests {

    static final LocalDate TODAY = LocalDate.of(2026, 6, 1);
    static final LocalDate SINCE = LocalDate.of(2026, 3, 1);

    @Test
    void allowsTheOrdinaryPathWithOptionalArrestAndAppeal() {
        assertThatCode(() -> StageRules.checkMove(Stage.COMPLAINT, SINCE, Stage.INVESTIGATION, SINCE, null, TODAY))
                .doesNotThrowAnyException();
        assertThatCode(() -> StageRules.checkMove(Stage.INVESTIGATION, SINCE, Stage.CHARGE, TODAY, null, TODAY))
                .doesNotThrowAnyException();
        assertThatCode(() -> StageRules.checkMove(Stage.VERDICT, SINCE, Stage.CLOSED, TODAY, null, TODAY))
                .doesNotThrowAnyException();
        assertThatCode(() -> StageRules.checkMove(Stage.APPEAL, SINCE, Stage.VERDICT, TODAY, null, TODAY))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesAVerdictBeforeChargeAndTrial() {
        assertThatThrownBy(() -> StageRules.checkMove(Stage.INVESTIGATION, SINCE, Stage.VERDICT, TODAY, null, TODAY))
                .isInstanceOf(Conflict.class).hasMessageContaining("cannot move from investigation to verdict");
        assertThatThrownBy(() -> StageRules.checkMove(Stage.CHARGE, SINCE, Stage.VERDICT, TODAY, null, TODAY))
                .isInstanceOf(Conflict.class);
        assertThatThrownBy(() -> StageRules.checkMove(Stage.TRIAL, SINCE, Stage.CHARGE, TODAY, null, TODAY))
                .isInstanceOf(Conflict.class);
    }

    @Test
    void refusesDatesBeforeTheCurrentStageOrInTheFuture() {
        assertThatThrownBy(() -> StageRules.checkMove(Stage.COMPLAINT, SINCE, Stage.INVESTIGATION,
                SINCE.minusDays(1), null, TODAY)).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("cannot be before 2026-03-01");
        assertThatThrownBy(() -> StageRules.checkMove(Stage.COMPLAINT, SINCE, Stage.INVESTIGATION,
                TODAY.plusDays(1), null, TODAY)).isInstanceOf(InvalidInput.class).hasMessageContaining("future");
    }

    @Test
    void droppingNeedsAReasonAndOnlyDroppingTakesOne() {
        assertThatThrownBy(() -> StageRules.checkMove(Stage.TRIAL, SINCE, Stage.DROPPED, TODAY, null, TODAY))
                .isInstanceOf(InvalidInput.class).hasMessageContaining("reason");
        assertThatCode(() -> StageRules.checkMove(Stage.TRIAL, SINCE, Stage.DROPPED, TODAY,
                DropReason.VICTIM_WITHDREW, TODAY)).doesNotThrowAnyException();
        assertThatThrownBy(() -> StageRules.checkMove(Stage.TRIAL, SINCE, Stage.VERDICT, TODAY,
                DropReason.OTHER, TODAY)).isInstanceOf(InvalidInput.class);
    }

    @Test
    void closedAndDroppedChangeOnlyByReopening() {
        assertThatThrownBy(() -> StageRules.checkMove(Stage.CLOSED, SINCE, Stage.APPEAL, TODAY, null, TODAY))
                .isInstanceOf(Conflict.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> StageRules.checkMove(Stage.DROPPED, SINCE, Stage.DROPPED, TODAY,
                DropReason.OTHER, TODAY)).isInstanceOf(Conflict.class);
        assertThat(StageRules.checkReopen(Stage.CLOSED, null, SINCE, TODAY, TODAY)).isEqualTo(Stage.APPEAL);
        assertThat(StageRules.checkReopen(Stage.DROPPED, Stage.ARREST, SINCE, TODAY, TODAY)).isEqualTo(Stage.ARREST);
        assertThatThrownBy(() -> StageRules.checkReopen(Stage.TRIAL, null, SINCE, TODAY, TODAY))
                .isInstanceOf(Conflict.class);
        assertThatThrownBy(() -> StageRules.checkReopen(Stage.CLOSED, null, SINCE, SINCE.minusDays(3), TODAY))
                .isInstanceOf(InvalidInput.class);
    }
}
