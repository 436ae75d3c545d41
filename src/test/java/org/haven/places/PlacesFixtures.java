package org.haven.places;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import org.haven.places.internal.GazetteerImporter;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Makes sure the 2025 NCDD edition is in the JVM-wide test database (imports it once). */
public final class PlacesFixtures {

    private PlacesFixtures() {
    }

    public static synchronized void ensure2025Edition(JdbcClient jdbc, GazetteerImporter importer) {
        boolean present = jdbc.sql("select count(*) from gazetteer_edition where edition = date '2025-09-14'")
                .query(Integer.class).single() > 0
                && jdbc.sql("select count(*) from place where code = '01020101'").query(Integer.class).single() > 0;
        if (present) {
            return;
        }
        Path file = GazetteerFiles.file(GazetteerFiles.EDITION_2025);
        try (InputStream in = Files.newInputStream(file)) {
            importer.importEdition(in, file.getFileName().toString(), LocalDate.of(2025, 9, 14));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
