package org.haven.cases.internal;

import org.haven.shared.web.Conflict;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.haven.cases.Vocabulary.CaseStatus.*;

class CaseLifecycleTests {

    @Test
    void followsOpenActiveReintegrationClosed() {
        assertThat(CaseLifecycle.allowed(OPEN, ACTIVE)).isTrue();
        assertThat(CaseLifecycle.allowed(ACTIVE, REINTEGRATION)).isTrue();
        assertThat(CaseLifecycle.allowed(REINTEGRATION, CLOSED)).isTrue();
        assertThat(CaseLifecycle.allowed(CLOSED, ACTIVE)).isTrue();
    }

    @Test
    void refusesSkippingToReintegrationWithAClearMessage() {
        assertThatThrownBy(() -> CaseLifecycle.requireMove(OPEN, REINTEGRATION))
                .isInstanceOf(Conflict.class).hasMessage("A case cannot move from open to reintegration.");
    }

    @Test
    void refusesLeavingClosedExceptByReopening() {
        assertThat(CaseLifecycle.allowed(CLOSED, REINTEGRATION)).isFalse();
        assertThatThrownBy(() -> CaseLifecycle.requireReopenable(ACTIVE)).isInstanceOf(Conflict.class);
        assertThatThrownBy(() -> CaseLifecycle.requireClosable(CLOSED, false)).isInstanceOf(Conflict.class);
    }

    @Test
    void refusesMovingToTheSameState() {
        assertThatThrownBy(() -> CaseLifecycle.requireMove(ACTIVE, ACTIVE))
                .isInstanceOf(Conflict.class).hasMessageContaining("already active");
    }
}
