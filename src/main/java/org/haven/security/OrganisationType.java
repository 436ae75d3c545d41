package org.haven.security;

/** Kinds of organisation in the counter-trafficking chain (DESIGN.md, security). */
public enum OrganisationType {
    SHELTER, LEGAL_AID, PREVENTION_NGO, POLICE, PROSECUTOR, COURT, MINISTRY, INTERNATIONAL_ORGANISATION, EMBASSY,
    DONOR, SYSTEM
}
