package org.haven.reporting.analysis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where the CTDC test fixture lives: {@code ../shared/data/ctdc/} beside the project (CI has it there). */
public final class CtdcFiles {

    private CtdcFiles() {
    }

    public static Path victimPerpetrator() {
        for (String candidate : List.of("../shared/data/ctdc/CTDC_VPsynthetic_condensed.csv",
                "../../shared/data/ctdc/CTDC_VPsynthetic_condensed.csv")) {
            Path p = Path.of(candidate);
            if (Files.isReadable(p)) {
                return p;
            }
        }
        throw new AssertionError("CTDC_VPsynthetic_condensed.csv not found under ../shared/data/ctdc");
    }
}
