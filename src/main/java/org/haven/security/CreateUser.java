package org.haven.security;

import java.util.Set;
import java.util.UUID;

/**
 * Request to create a user with an initial password (checked against the password policy). The user must enrol a
 * second factor at first sign-in if a role requires one. {@code email} is optional (null or blank: none).
 */
public record CreateUser(String username, String displayName, UUID organisationId, Set<Role> roles, String password,
        String email) {

    /** Without an e-mail address. */
    public CreateUser(String username, String displayName, UUID organisationId, Set<Role> roles, String password) {
        this(username, displayName, organisationId, roles, password, null);
    }
}
