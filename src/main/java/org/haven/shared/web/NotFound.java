package org.haven.shared.web;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * A record does not exist <em>or the caller may not know that it exists</em>. Both answer 404 with no data, so a
 * denial of object access reveals nothing.
 */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class NotFound extends RuntimeException {

    public NotFound(String what) {
        super(what + " not found");
    }
}
