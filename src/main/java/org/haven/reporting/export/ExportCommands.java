package org.haven.reporting.export;

import org.haven.reporting.ReportingSettings;
import org.haven.shared.command.HavenCommand;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The export commands: {@code export ctdc}, {@code export htcds} (de-identified), {@code export identified}. */
@Configuration(proxyBeanMethods = false)
class ExportCommands {

    @Bean
    HavenCommand exportCtdcCommand(DeidentifiedExporter exporter, ReportingSettings settings) {
        return new ExportCommand(ExportLayout.CTDC, exporter, settings);
    }

    @Bean
    HavenCommand exportHtcdsCommand(DeidentifiedExporter exporter, ReportingSettings settings) {
        return new ExportCommand(ExportLayout.HTCDS, exporter, settings);
    }

    @Bean
    HavenCommand exportIdentifiedCommand(org.haven.reporting.IdentifiedExports exports,
            org.springframework.jdbc.core.simple.JdbcClient jdbc) {
        return new IdentifiedExportCommand(exports, jdbc);
    }
}
