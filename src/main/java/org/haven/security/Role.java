package org.haven.security;

import java.util.EnumSet;
import java.util.Set;

import static org.haven.security.Permission.*;

/**
 * Roles (a user may hold several) and the permissions each grants. {@link #seesIdentifiedData()} decides whether a
 * second factor is required.
 */
public enum Role {
    SYSTEM_ADMIN(EnumSet.of(ADMIN_SYSTEM, ADMIN_ORGANISATION, REPORT_AGGREGATE), false),
    ORG_ADMIN(EnumSet.of(ADMIN_ORGANISATION, REPORT_AGGREGATE), false),
    CASEWORKER(EnumSet.of(CASE_READ, CASE_WRITE, REFERRAL_SEND, REFERRAL_RECEIVE, OUTREACH_READ, REPORT_AGGREGATE), true),
    CASE_SUPERVISOR(EnumSet.of(CASE_READ, CASE_WRITE, CASE_SUPERVISE, BREAK_GLASS, REFERRAL_SEND, REFERRAL_RECEIVE,
            REFERRAL_OVERRIDE_CONSENT, LINKAGE_REVIEW, TIP_TRIAGE, OUTREACH_READ, REPORT_AGGREGATE), true),
    LEGAL_OFFICER(EnumSet.of(CASE_READ, CASE_WRITE, REFERRAL_SEND, REFERRAL_RECEIVE, PROCEEDING_READ, REPORT_AGGREGATE), true),
    POLICE_INVESTIGATOR(EnumSet.of(PROCEEDING_READ, PROCEEDING_WRITE, NETWORK_VIEW, LINKAGE_REVIEW, TIP_TRIAGE,
            REPORT_AGGREGATE), true),
    PROSECUTOR(EnumSet.of(PROCEEDING_READ, PROCEEDING_WRITE, NETWORK_VIEW, LINKAGE_REVIEW, REPORT_AGGREGATE), true),
    PREVENTION_OFFICER(EnumSet.of(OUTREACH_READ, OUTREACH_WRITE, REPORT_AGGREGATE), false),
    DATA_ANALYST(EnumSet.of(REPORT_AGGREGATE, EXPORT_DEIDENTIFIED, OUTREACH_READ), false),
    DONOR_VIEWER(EnumSet.of(REPORT_AGGREGATE), false);

    private final Set<Permission> permissions;
    private final boolean seesIdentifiedData;

    Role(Set<Permission> permissions, boolean seesIdentifiedData) {
        this.permissions = permissions;
        this.seesIdentifiedData = seesIdentifiedData;
    }

    public Set<Permission> permissions() {
        return permissions;
    }

    /** Roles that can see identified survivor or suspect data must use a second factor. */
    public boolean seesIdentifiedData() {
        return seesIdentifiedData;
    }
}
