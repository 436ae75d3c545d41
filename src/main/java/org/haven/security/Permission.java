package org.haven.security;

/**
 * Coarse permissions, granted through roles. Record-level decisions (which case, which purpose) are taken by
 * {@link AccessPolicy} on top of these.
 */
public enum Permission {
    /** Manage every organisation and user. */
    ADMIN_SYSTEM,
    /** Manage the users of one's own organisation. */
    ADMIN_ORGANISATION,
    /** Read survivor cases within reach. */
    CASE_READ,
    /** Register survivors, edit cases, record services, consents, notes. */
    CASE_WRITE,
    /** Read every case of the organisation, approve closure, see access logs. */
    CASE_SUPERVISE,
    /** Open a record outside one's scope with a reason (audited, time-limited). */
    BREAK_GLASS,
    REFERRAL_SEND,
    REFERRAL_RECEIVE,
    /** Send a referral without covering consent, with a written reason (audited). */
    REFERRAL_OVERRIDE_CONSENT,
    PROCEEDING_READ,
    PROCEEDING_WRITE,
    OUTREACH_READ,
    OUTREACH_WRITE,
    TIP_TRIAGE,
    /** Aggregated, disclosure-controlled statistics only. */
    REPORT_AGGREGATE,
    EXPORT_DEIDENTIFIED,
    LINKAGE_REVIEW,
    /** Offender network view (police and prosecutors only). */
    NETWORK_VIEW
}
