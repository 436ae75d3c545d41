package org.haven.prosecution;

/** Why a proceeding was dropped: the drop-out reasons of the attrition funnel. */
public enum DropReason {
    INSUFFICIENT_EVIDENCE, VICTIM_WITHDREW, VICTIM_UNREACHABLE, SUSPECT_NOT_FOUND, SUSPECT_DECEASED,
    SETTLED_OUT_OF_COURT, NOT_TRAFFICKING, TIME_BARRED, OTHER
}
