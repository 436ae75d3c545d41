package org.haven.shared.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

import java.util.List;
import java.util.Map;

/**
 * Bad input, found by a service after binding: 400 with the fields at fault. Thrown before anything is written, or
 * inside the transaction so nothing is.
 */
@ResponseStatus(HttpStatus.BAD_REQUEST)
public class InvalidInput extends RuntimeException {

    /** One error: field name (or {@code null} for the whole request), message key, English message. */
    public record FieldError(String field, String code, String message) {
    }

    private final List<FieldError> errors;

    public InvalidInput(List<FieldError> errors) {
        super(errors.isEmpty() ? "invalid input" : errors.get(0).message());
        this.errors = List.copyOf(errors);
    }

    public static InvalidInput of(String field, String code, String message) {
        return new InvalidInput(List.of(new FieldError(field, code, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Map<String, String> byField() {
        return errors.stream().filter(e -> e.field() != null)
                .collect(java.util.stream.Collectors.toMap(FieldError::field, FieldError::message, (a, b) -> a));
    }
}
