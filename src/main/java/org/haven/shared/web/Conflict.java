package org.haven.shared.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** The change conflicts with the record's current state (stale version, disallowed transition): 409. */
@ResponseStatus(HttpStatus.CONFLICT)
public class Conflict extends RuntimeException {

    private final String code;

    public Conflict(String code, String message) {
        super(message);
        this.code = code;
    }

    /** Message key for pages ({@code i18n}); the message itself is English for the API and logs. */
    public String code() {
        return code;
    }
}
