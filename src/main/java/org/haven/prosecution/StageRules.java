package org.haven.prosecution;

import java.time.LocalDate;

import org.haven.shared.web.Conflict;
import org.haven.shared.web.InvalidInput;

/**
 * The rules of stage transitions, without persistence: which move is allowed from the current stage and whether its
 * date fits. Refusals say why in English (API, logs) and carry a message key (pages).
 *
 * <ul>
 * <li>Forward moves follow {@link Stage#next()}: no verdict before charge and trial.</li>
 * <li>Any stage that is not closed or dropped may be dropped, with a reason.</li>
 * <li>Reopening: a dropped proceeding may be reopened (new evidence, victim returns) into the stage it was dropped
 * from; a closed proceeding may be reopened only into {@link Stage#APPEAL} (a late or extraordinary appeal). Nothing
 * else changes a closed or dropped proceeding.</li>
 * <li>Dates: not before the date the current stage was entered, not in the future.</li>
 * </ul>
 */
public final class StageRules {

    private StageRules() {
    }

    /** Checks a forward move or a drop; {@code reason} is required for {@link Stage#DROPPED} only. */
    public static void checkMove(Stage from, LocalDate since, Stage to, LocalDate on, DropReason reason,
            LocalDate today) {
        checkDate(since, on, today);
        if (from.terminal()) {
            throw new Conflict("proceeding.stage.terminal",
                    "The proceeding is " + from.name().toLowerCase() + "; only a reopening can change it.");
        }
        if (to == Stage.DROPPED) {
            if (reason == null) {
                throw InvalidInput.of("reason", "proceeding.drop.reasonRequired",
                        "Give the reason the proceeding is dropped.");
            }
            return;
        }
        if (reason != null) {
            throw InvalidInput.of("reason", "proceeding.drop.reasonOnlyForDrop",
                    "A reason is given only when a proceeding is dropped.");
        }
        if (!from.next().contains(to)) {
            throw new Conflict("proceeding.stage.notAllowed", "A proceeding cannot move from "
                    + from.name().toLowerCase() + " to " + to.name().toLowerCase() + "; allowed next: "
                    + from.next().stream().map(s -> s.name().toLowerCase()).toList() + ".");
        }
    }

    /** Checks a reopening of a closed or dropped proceeding and returns the stage it reopens into. */
    public static Stage checkReopen(Stage from, Stage droppedFrom, LocalDate since, LocalDate on, LocalDate today) {
        checkDate(since, on, today);
        return switch (from) {
            case DROPPED -> droppedFrom;
            case CLOSED -> Stage.APPEAL;
            default -> throw new Conflict("proceeding.reopen.notTerminal",
                    "Only a closed or dropped proceeding can be reopened.");
        };
    }

    static void checkDate(LocalDate since, LocalDate on, LocalDate today) {
        if (on == null) {
            throw InvalidInput.of("on", "proceeding.stage.dateRequired", "Give the date of the change.");
        }
        if (on.isAfter(today)) {
            throw InvalidInput.of("on", "proceeding.stage.dateInFuture", "The date of a stage cannot be in the future.");
        }
        if (on.isBefore(since)) {
            throw InvalidInput.of("on", "proceeding.stage.dateBeforePrevious",
                    "The date cannot be before " + since + ", when the current stage began.");
        }
    }
}
