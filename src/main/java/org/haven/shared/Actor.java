package org.haven.shared;

import java.util.Set;
import java.util.UUID;

/**
 * Who is acting, as the audit trail and record-level policies see it. The security module's signed-in principal
 * implements it; modules below security (audit) read it from the security context without depending on security.
 */
public interface Actor {

    UUID userId();

    String username();

    UUID organisationId();

    /** Role names, e.g. {@code CASEWORKER}. */
    Set<String> roleNames();
}
