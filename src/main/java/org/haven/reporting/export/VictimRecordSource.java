package org.haven.reporting.export;

import java.util.List;

/**
 * Where record-level exports read victims from. Port: the case data comes from the {@code cases} module's public
 * API once it offers de-identifiable victim records; the CTDC analysis data serves for comparison and tests.
 */
public interface VictimRecordSource {

    /** Name on the command line ({@code --source NAME}). */
    String name();

    /** All victims this source can export, coded; never names, contacts, notes or exact places. */
    List<VictimRecord> victims();
}
