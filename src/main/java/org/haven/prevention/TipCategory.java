package org.haven.prevention;

/** What a tip is about, as the reporter chooses it on the public form. */
public enum TipCategory {
    FORCED_LABOUR, SEXUAL_EXPLOITATION, CHILD_RECRUITMENT_ARMED_GROUPS, ONLINE_SCAM_COMPOUND, DECEPTIVE_RECRUITMENT,
    CHILD_EXPLOITATION, FORCED_MARRIAGE, OTHER
}
