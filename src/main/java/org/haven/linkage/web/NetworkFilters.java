package org.haven.linkage.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import org.haven.linkage.OffenderNetwork.Filter;
import org.haven.shared.web.InvalidInput;

/** The network's query parameters (ISO dates) as a {@link Filter}; a bad date is a field error. */
final class NetworkFilters {

    static Filter of(String from, String to, String province, String person, String phone) {
        List<InvalidInput.FieldError> errors = new ArrayList<>();
        LocalDate f = date("from", from, errors);
        LocalDate t = date("to", to, errors);
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        return new Filter(f, t, province, person, phone);
    }

    private static LocalDate date(String field, String value, List<InvalidInput.FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            errors.add(new InvalidInput.FieldError(field, "linkage.error.date", "Give a date as YYYY-MM-DD."));
            return null;
        }
    }

    private NetworkFilters() {
    }
}
