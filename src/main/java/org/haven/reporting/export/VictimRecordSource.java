package org.haven.reporting.export;

import java.util.List;

/**
 * Where record-level exports read victims from: Haven's cases (consented to statistics) or the CTDC analysis data
 * (for comparison and tests).
 */
public interface VictimRecordSource {

    /** Name on the command line ({@code --source NAME}). */
    String name();

    /** All victims this source can export, coded; never names, contacts, notes or exact places. */
    List<VictimRecord> victims();

    /** What the last {@link #victims()} left out and why (printed with the export's statement), or empty. */
    default String note() {
        return "";
    }
}
