package org.haven.security;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.haven.security.internal.Directory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where notifications by e-mail go: the enabled users of an organisation whose roles grant a permission and who have
 * an e-mail address, with their preferred language. For background notifiers (no signed-in user, no access check);
 * never expose the result through a page or the API. E-mail addresses are staff contact data: never log them.
 */
@Service
public class UserContacts {

    /** A recipient: the user's id (for logs), address and language ({@code en} or {@code km}). */
    public record Contact(UUID userId, String email, String language) {
    }

    private final Directory directory;

    UserContacts(Directory directory) {
        this.directory = directory;
    }

    @Transactional(readOnly = true)
    public List<Contact> withPermission(UUID organisationId, Permission permission) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (Role r : Role.values()) {
            if (r.permissions().contains(permission)) {
                roles.add(r);
            }
        }
        return directory.mailRecipients(organisationId, roles).stream()
                .map(u -> new Contact(u.id(), u.email(), u.language() == null ? "en" : u.language()))
                .toList();
    }
}
