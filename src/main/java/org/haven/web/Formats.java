package org.haven.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Dates, times and numbers in the reader's language (CLDR data of the JDK: {@code 29 វិច្ឆិកា 2026} in Khmer,
 * {@code 29 Nov 2026} in English). Templates call it as {@code ${@fmt.date(x)}} and {@code ${@fmt.dateTime(x)}}.
 * Instants are shown in Cambodia's time zone, where Haven's users are.
 */
@Component("fmt")
public class Formats {

    static final ZoneId ZONE = org.haven.shared.HavenClock.ZONE;

    public String date(Object value) {
        ZonedDateTime at = toZoned(value);
        return at == null ? "" : DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale()).format(at);
    }

    /** Date and time; a plain date (no time of day) is shown as a date. */
    public String dateTime(Object value) {
        if (value instanceof LocalDate || value instanceof java.sql.Date) {
            return date(value);
        }
        ZonedDateTime at = toZoned(value);
        return at == null ? "" : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(locale()).format(at);
    }

    public String number(Number value) {
        return value == null ? "" : java.text.NumberFormat.getIntegerInstance(locale()).format(value);
    }

    private static ZonedDateTime toZoned(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i.atZone(ZONE);
        }
        if (value instanceof OffsetDateTime o) {
            return o.atZoneSameInstant(ZONE);
        }
        if (value instanceof ZonedDateTime z) {
            return z.withZoneSameInstant(ZONE);
        }
        if (value instanceof LocalDateTime l) {
            return l.atZone(ZONE);
        }
        if (value instanceof LocalDate d) {
            return d.atStartOfDay(ZONE);
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant().atZone(ZONE);
        }
        if (value instanceof java.sql.Date d) {
            return d.toLocalDate().atStartOfDay(ZONE);
        }
        throw new IllegalArgumentException("not a date: " + value.getClass().getSimpleName());
    }

    private static Locale locale() {
        return LocaleContextHolder.getLocale();
    }
}
