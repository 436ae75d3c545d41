package org.haven.cases.internal;

import java.util.Map;
import java.util.Set;

import org.haven.cases.Vocabulary.CaseStatus;
import org.haven.shared.web.Conflict;

import static org.haven.cases.Vocabulary.CaseStatus.*;

/**
 * The case lifecycle: open → active → reintegration → closed, with a step back from reintegration to active (the
 * survivor needs intensive support again) and reopening of a closed case (to active). Closing from any open state
 * needs a supervisor: a caseworker requests it, a supervisor approves it (a supervisor's own closure is its approval).
 * Anything else is refused with a {@link Conflict} whose code is a message key.
 */
public final class CaseLifecycle {

    private static final Map<CaseStatus, Set<CaseStatus>> MOVES = Map.of(
            OPEN, Set.of(ACTIVE, CLOSED),
            ACTIVE, Set.of(REINTEGRATION, CLOSED),
            REINTEGRATION, Set.of(ACTIVE, CLOSED),
            CLOSED, Set.of(ACTIVE));

    private CaseLifecycle() {
    }

    public static boolean allowed(CaseStatus from, CaseStatus to) {
        return MOVES.get(from).contains(to);
    }

    /** Refuses a move that the lifecycle does not allow (closing and reopening have their own checks). */
    public static void requireMove(CaseStatus from, CaseStatus to) {
        if (from == to) {
            throw new Conflict("cases.lifecycle.same", "The case is already " + from.name().toLowerCase() + ".");
        }
        if (!allowed(from, to)) {
            throw new Conflict("cases.lifecycle.notAllowed", "A case cannot move from " + from.name().toLowerCase()
                    + " to " + to.name().toLowerCase() + ".");
        }
    }

    public static void requireClosable(CaseStatus from, boolean closureAlreadyRequested) {
        if (from == CLOSED) {
            throw new Conflict("cases.lifecycle.alreadyClosed", "The case is already closed.");
        }
    }

    public static void requireReopenable(CaseStatus from) {
        if (from != CLOSED) {
            throw new Conflict("cases.lifecycle.notClosed", "Only a closed case can be reopened.");
        }
    }
}
