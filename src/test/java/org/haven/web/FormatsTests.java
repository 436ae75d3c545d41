package org.haven.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;

import static org.assertj.core.api.Assertions.assertThat;

class FormatsTests {

    private final Formats fmt = new Formats();

    @AfterEach
    void reset() {
        LocaleContextHolder.resetLocaleContext();
    }

    @Test
    void datesAreWrittenInTheReadersLanguage() {
        LocaleContextHolder.setLocale(Locale.forLanguageTag("km"));
        assertThat(fmt.date(LocalDate.of(2026, 11, 29))).contains("វិច្ឆិកា").contains("2026");
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(fmt.date(LocalDate.of(2026, 11, 29))).contains("Nov").contains("2026");
    }

    @Test
    void instantsAreShownInCambodianTime() {
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        // 20:30 UTC is 03:30 the next day in Phnom Penh (UTC+7).
        String shown = fmt.dateTime(Instant.parse("2026-11-29T20:30:00Z"));
        assertThat(shown).contains("30").contains("3:30");
        assertThat(fmt.date(Instant.parse("2026-11-29T20:30:00Z"))).contains("30");
        assertThat(fmt.dateTime(LocalDate.of(2026, 1, 5))).isEqualTo(fmt.date(LocalDate.of(2026, 1, 5)));
        assertThat(fmt.date(null)).isEmpty();
    }

    @Test
    void numbersUseTheLanguagesGrouping() {
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(fmt.number(1234567)).isEqualTo("1,234,567");
        LocaleContextHolder.setLocale(Locale.forLanguageTag("km"));
        assertThat(fmt.number(1234567)).isEqualTo("1.234.567");
    }
}
