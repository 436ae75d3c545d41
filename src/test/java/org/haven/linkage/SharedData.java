package org.haven.linkage;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the team's reference data ({@code ../shared/data}, beside the clone; one level further up in a worktree). */
final class SharedData {

    private SharedData() {
    }

    static Path path(String relative) {
        for (String base : new String[] {"../shared/data", "../../shared/data"}) {
            Path p = Path.of(base).resolve(relative);
            if (Files.exists(p)) {
                return p;
            }
        }
        throw new IllegalStateException("reference data not found: ../shared/data/" + relative);
    }
}
