package org.haven.shared;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every "today" in Haven is a day in the installation's zone ({@link HavenClock}). The server runs in UTC, seven
 * hours behind Phnom Penh: one module asking the server's date while another asks Phnom Penh's refused, from 00:00
 * to 07:00 local time, a consent recorded that same day. The rule: no production class reads the JVM's default
 * zone, directly or through the zone-less {@code now()} methods.
 */
class CalendarRulesTests {

    static final JavaClasses HAVEN = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.haven");

    @Test
    void noProductionCodeReadsTheServersZone() {
        ArchRule rule = noClasses().should().callMethod(LocalDate.class, "now")
                .orShould().callMethod(LocalDateTime.class, "now")
                .orShould().callMethod(ZonedDateTime.class, "now")
                .orShould().callMethod(YearMonth.class, "now")
                .orShould().callMethod(Year.class, "now")
                .orShould().callMethod(Clock.class, "systemDefaultZone")
                .orShould().callMethod(ZoneId.class, "systemDefault")
                .because("dates are days in HavenClock.ZONE, not in the server's zone");
        rule.check(HAVEN);
    }

    @Test
    void theInstallationsTodayIsPhnomPenhsAtEveryHour() {
        // 23:30 UTC on 29 November is already 06:30 on 30 November in Phnom Penh
        Clock lateUtc = Clock.fixed(java.time.Instant.parse("2026-11-29T23:30:00Z"), java.time.ZoneOffset.UTC);
        assertThat(LocalDate.now(lateUtc.withZone(HavenClock.ZONE))).isEqualTo(LocalDate.of(2026, 11, 30));
        assertThat(HavenClock.clock().getZone()).isEqualTo(HavenClock.ZONE);
        assertThat(HavenClock.today()).isEqualTo(LocalDate.now(HavenClock.ZONE));
    }
}
