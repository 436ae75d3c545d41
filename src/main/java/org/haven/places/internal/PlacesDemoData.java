package org.haven.places.internal;

import java.io.InputStream;
import java.time.LocalDate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Demo profile: imports the bundled 2025 NCDD edition when no Cambodian edition has been imported yet, so the
 * pickers and targeting have places. Outside the demo profile an administrator runs {@code gazetteer import}.
 */
@Component
@Profile("demo")
@Order(10)
class PlacesDemoData implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(PlacesDemoData.class);

    private final JdbcClient jdbc;
    private final GazetteerImporter importer;

    PlacesDemoData(JdbcClient jdbc, GazetteerImporter importer) {
        this.jdbc = jdbc;
        this.importer = importer;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        if (jdbc.sql("select count(*) from gazetteer_edition where country_code = 'KH'").query(Integer.class).single() > 0) {
            return;
        }
        try (InputStream in = GazetteerImportCommand.open(GazetteerImportCommand.BUNDLED, true)) {
            var report = importer.importEdition(in, "bundled " + GazetteerImportCommand.BUNDLED, LocalDate.of(2025, 9, 14));
            log.info("Demo: bundled gazetteer imported ({} units)", report.added());
        }
    }
}
