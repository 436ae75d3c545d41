package org.haven.referrals.internal;

import java.util.ArrayList;
import java.util.List;

import org.haven.shared.web.InvalidInput;
import org.haven.shared.web.InvalidInput.FieldError;

/** Collects field errors of one request and throws them together. */
public final class Errors {

    private final List<FieldError> errors = new ArrayList<>();

    public Errors add(String field, String code, String message) {
        errors.add(new FieldError(field, code, message));
        return this;
    }

    public Errors text(String field, String value, int max, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                add(field, "referrals.error.required", "Required.");
            }
        } else if (value.length() > max) {
            add(field, "referrals.error.tooLong", "Too long.");
        }
        return this;
    }

    public boolean has(String field) {
        return errors.stream().anyMatch(e -> e.field().equals(field));
    }

    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new InvalidInput(List.copyOf(errors));
        }
    }
}
