package org.haven.shared.web;

/** The caller is known but lacks the permission for this kind of action (not for a specific record): 403. */
public class Forbidden extends RuntimeException {

    public Forbidden(String message) {
        super(message);
    }
}
