package org.haven.shared.web;

/**
 * A record does not exist <em>or the caller may not know that it exists</em>. Both answer 404 with no data, so a
 * denial of object access reveals nothing.
 */
public class NotFound extends RuntimeException {

    public NotFound(String what) {
        super(what + " not found");
    }
}
