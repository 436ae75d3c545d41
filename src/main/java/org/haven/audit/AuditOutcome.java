package org.haven.audit;

/** How the audited action ended. */
public enum AuditOutcome {
    /** The action was carried out (or the data was shown). */
    SUCCESS,
    /** The action was attempted and failed (wrong password, invalid second-factor code, …). */
    FAILURE,
    /** The action was refused by an access rule. */
    DENIED
}
