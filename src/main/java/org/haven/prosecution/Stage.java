package org.haven.prosecution;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where a proceeding stands. The ordinary path is complaint → investigation → (arrest) → charge → trial → verdict →
 * (appeal) → closed; any open stage may end in {@link #DROPPED} with a reason. Arrest is optional (charges in absentia)
 * and so is appeal. {@link #next()} lists the forward moves; reopenings are separate (see {@link StageRules}).
 */
public enum Stage {
    COMPLAINT, INVESTIGATION, ARREST, CHARGE, TRIAL, VERDICT, APPEAL, CLOSED, DROPPED;

    /** Stages reachable by an ordinary forward transition (dropping aside). */
    public Set<Stage> next() {
        return switch (this) {
            case COMPLAINT -> EnumSet.of(INVESTIGATION);
            case INVESTIGATION -> EnumSet.of(ARREST, CHARGE);
            case ARREST -> EnumSet.of(CHARGE);
            case CHARGE -> EnumSet.of(TRIAL);
            case TRIAL -> EnumSet.of(VERDICT);
            // an appeal court's decision is a new verdict
            case VERDICT -> EnumSet.of(APPEAL, CLOSED);
            case APPEAL -> EnumSet.of(VERDICT, CLOSED);
            case CLOSED, DROPPED -> EnumSet.noneOf(Stage.class);
        };
    }

    public boolean terminal() {
        return this == CLOSED || this == DROPPED;
    }

    /** Charges exist from this stage on. */
    public boolean charged() {
        return this == CHARGE || this == TRIAL || this == VERDICT || this == APPEAL || this == CLOSED;
    }
}
