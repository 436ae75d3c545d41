package org.haven.shared.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** The caller is known but lacks the permission for this kind of action (not for a specific record): 403. */
@ResponseStatus(HttpStatus.FORBIDDEN)
public class Forbidden extends RuntimeException {

    public Forbidden(String message) {
        super(message);
    }
}
