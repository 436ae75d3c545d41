package org.haven.places;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The NCDD gazetteer editions in the shared data folder beside the project ({@code ../shared/data/gazetteer}; a
 * worktree one level deeper also finds {@code ../../shared}). Fails loudly when absent: tests never skip.
 */
public final class GazetteerFiles {

    public static final String EDITION_2024 = "khm_gazetteer_ncdd_2024-10-14.csv";
    public static final String EDITION_2025 = "khm_gazetteer_ncdd_2025-09-14.csv";

    private GazetteerFiles() {
    }

    public static Path file(String name) {
        for (String base : List.of("../shared/data/gazetteer", "../../shared/data/gazetteer")) {
            Path p = Path.of(base, name).toAbsolutePath().normalize();
            if (Files.isReadable(p)) {
                return p;
            }
        }
        throw new IllegalStateException("gazetteer data not found: expected ../shared/data/gazetteer/" + name);
    }
}
