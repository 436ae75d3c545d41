package org.haven.security;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.haven.shared.Actor;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The signed-in user as the rest of Haven sees them: who, which organisation (its type and country), which roles.
 * It is the principal of every authenticated request (form sign-in and API token alike).
 */
public record CurrentUser(UUID userId, String username, String displayName, UUID organisationId,
        OrganisationType organisationType, String countryCode, Set<Role> roles) implements Actor, java.io.Serializable {

    public CurrentUser {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    /** The user of the current request or job, if one is signed in. */
    public static Optional<CurrentUser> find() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof CurrentUser user) {
            return Optional.of(user);
        }
        return Optional.empty();
    }

    /** The signed-in user; fails if there is none (callers sit behind authentication). */
    public static CurrentUser require() {
        return find().orElseThrow(() -> new IllegalStateException("no signed-in user"));
    }

    public boolean hasRole(Role role) {
        return roles.contains(role);
    }

    public boolean hasAnyRole(Collection<Role> any) {
        return any.stream().anyMatch(roles::contains);
    }

    public boolean can(Permission permission) {
        return roles.stream().anyMatch(r -> r.permissions().contains(permission));
    }

    public Set<Permission> permissions() {
        return roles.stream().flatMap(r -> r.permissions().stream())
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Permission.class)));
    }

    @Override
    public Set<String> roleNames() {
        return roles.stream().map(Enum::name).collect(Collectors.toUnmodifiableSet());
    }
}
