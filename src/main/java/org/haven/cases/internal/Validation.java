package org.haven.cases.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.haven.cases.Vocabulary;
import org.haven.shared.web.InvalidInput;
import org.haven.shared.web.InvalidInput.FieldError;

/**
 * Collects every field error of a command before anything is written, then throws one {@link InvalidInput}. Message
 * keys live in {@code i18n/cases*.properties} under {@code cases.error.*}.
 */
public final class Validation {

    public static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
    private static final Set<String> ALPHA3 = Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA3).stream()
            .collect(Collectors.toUnmodifiableSet());

    private final List<FieldError> errors = new ArrayList<>();
    private final LocalDate today;

    public Validation(LocalDate today) {
        this.today = today;
    }

    public Validation error(String field, String code, String message) {
        errors.add(new FieldError(field, code, message));
        return this;
    }

    public Validation required(String field, Object value) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            error(field, "cases.error.required", "This field is required.");
        }
        return this;
    }

    public Validation text(String field, String value, int max) {
        if (value != null && value.length() > max) {
            error(field, "cases.error.tooLong", "At most " + max + " characters.");
        }
        if (value != null && value.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\r' && c != '\t')) {
            error(field, "cases.error.controlCharacters", "Contains characters that are not allowed.");
        }
        return this;
    }

    public Validation texts(String field, Collection<String> values, int maxEach, int maxCount) {
        if (values != null) {
            if (values.size() > maxCount) {
                error(field, "cases.error.tooMany", "At most " + maxCount + " entries.");
            }
            values.forEach(v -> text(field, v, maxEach));
        }
        return this;
    }

    /** A past (or today's) date not before 1900. */
    public Validation pastDate(String field, LocalDate value) {
        if (value != null && (value.isAfter(today) || value.isBefore(EARLIEST))) {
            error(field, "cases.error.dateRange", "The date must be between 1900 and today.");
        }
        return this;
    }

    public Validation anyDate(String field, LocalDate value) {
        if (value != null && (value.isBefore(EARLIEST) || value.isAfter(today.plusYears(30)))) {
            error(field, "cases.error.dateRange", "The date is out of range.");
        }
        return this;
    }

    public Validation order(String field, LocalDate from, LocalDate to) {
        if (from != null && to != null && to.isBefore(from)) {
            error(field, "cases.error.dateOrder", "The end date is before the start date.");
        }
        return this;
    }

    public <E extends Enum<E>> E code(Class<E> type, String field, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                required(field, value);
            }
            return null;
        }
        var found = Vocabulary.find(type, value);
        if (found.isEmpty()) {
            error(field, "cases.error.unknownCode", "Unknown value.");
            return null;
        }
        return found.get();
    }

    public <E extends Enum<E>> List<E> codes(Class<E> type, String field, Collection<String> values) {
        List<E> out = new ArrayList<>();
        if (values != null) {
            for (String v : values) {
                E e = code(type, field, v, false);
                if (e != null) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    public String country(String field, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                required(field, value);
            }
            return null;
        }
        String v = value.strip().toUpperCase(Locale.ROOT);
        if (!ALPHA3.contains(v)) {
            error(field, "cases.error.unknownCountry", "Unknown country code (ISO 3166 alpha-3).");
            return null;
        }
        return v;
    }

    public Validation range(String field, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            error(field, "cases.error.range", "Must be between " + min + " and " + max + ".");
        }
        return this;
    }

    public boolean ok() {
        return errors.isEmpty();
    }

    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
    }
}
