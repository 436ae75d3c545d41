package org.haven.prevention;

/** Where a tip stands in triage. CONVERTED means it became a case or a proceeding (the link is kept as text). */
public enum TipStatus {
    NEW, REVIEWED, DISMISSED, CONVERTED
}
