package org.haven.prosecution.web;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.haven.shared.web.InvalidInput;

/**
 * Reads the text fields of a page form into typed values, collecting one field error (with a message key) per
 * unreadable field instead of failing on the first, so a page can show every mistake at once in the reader's
 * language. Blank means absent. {@link #check()} throws the collected errors as {@link InvalidInput} before any service
 * call, so nothing is written.
 */
final class FormInput {

    private final Map<String, String> values;
    private final List<InvalidInput.FieldError> errors = new ArrayList<>();

    FormInput(Map<String, String> values) {
        this.values = new LinkedHashMap<>(values);
    }

    Map<String, String> values() {
        return values;
    }

    String text(String field) {
        String v = values.get(field);
        return v == null || v.isBlank() ? null : v.trim();
    }

    boolean checked(String field) {
        String v = text(field);
        return v != null && (v.equals("true") || v.equals("on"));
    }

    <E extends Enum<E>> E choice(String field, Class<E> type) {
        String v = text(field);
        if (v == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, v);
        } catch (IllegalArgumentException e) {
            errors.add(new InvalidInput.FieldError(field, "form.choice.invalid", "Choose one of the options."));
            return null;
        }
    }

    /** The values of several checkboxes of the same name (the single-valued map keeps only the first of them). */
    <E extends Enum<E>> Set<E> choices(List<String> raw, String field, Class<E> type) {
        Set<E> out = EnumSet.noneOf(type);
        if (raw == null) {
            return out;
        }
        for (String v : raw) {
            if (v == null || v.isBlank()) {
                continue;
            }
            try {
                out.add(Enum.valueOf(type, v.trim()));
            } catch (IllegalArgumentException e) {
                errors.add(new InvalidInput.FieldError(field, "form.choice.invalid", "Choose one of the options."));
                return out;
            }
        }
        return out;
    }

    LocalDate date(String field) {
        String v = text(field);
        if (v == null) {
            return null;
        }
        try {
            return LocalDate.parse(v);
        } catch (RuntimeException e) {
            errors.add(new InvalidInput.FieldError(field, "form.date.invalid", "Give a date as YYYY-MM-DD."));
            return null;
        }
    }

    Instant dateTime(String field, ZoneId zone) {
        String v = text(field);
        if (v == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(v).atZone(zone).toInstant();
        } catch (RuntimeException e) {
            errors.add(new InvalidInput.FieldError(field, "form.dateTime.invalid", "Give a date and time."));
            return null;
        }
    }

    Integer integer(String field) {
        String v = text(field);
        if (v == null) {
            return null;
        }
        try {
            return Integer.valueOf(v);
        } catch (NumberFormatException e) {
            errors.add(new InvalidInput.FieldError(field, "form.number.invalid", "Give a whole number."));
            return null;
        }
    }

    BigDecimal amount(String field) {
        String v = text(field);
        if (v == null) {
            return null;
        }
        try {
            return new BigDecimal(v.replace(",", ""));
        } catch (NumberFormatException e) {
            errors.add(new InvalidInput.FieldError(field, "form.number.invalid", "Give a number."));
            return null;
        }
    }

    java.util.UUID id(String field) {
        String v = text(field);
        if (v == null) {
            return null;
        }
        try {
            return java.util.UUID.fromString(v);
        } catch (IllegalArgumentException e) {
            errors.add(new InvalidInput.FieldError(field, "form.choice.invalid", "Choose one of the options."));
            return null;
        }
    }

    /** The version field of an optimistic-locking form; -1 (always stale) when missing. */
    int version() {
        Integer v = integer("version");
        return v == null ? -1 : v;
    }

    void check() {
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
    }
}
