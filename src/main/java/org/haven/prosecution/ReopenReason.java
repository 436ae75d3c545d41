package org.haven.prosecution;

/** Why a closed or dropped proceeding is reopened. */
public enum ReopenReason { NEW_EVIDENCE, VICTIM_RETURNED, SUSPECT_FOUND, APPEAL_LODGED, OTHER }
