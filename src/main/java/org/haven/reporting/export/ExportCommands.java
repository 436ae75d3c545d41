package org.haven.reporting.export;

import org.haven.reporting.ReportingSettings;
import org.haven.shared.command.HavenCommand;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The two export commands ({@code export ctdc}, {@code export htcds}). */
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
}
