package org.haven.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * How roles and permissions appear as Spring Security authorities: {@code ROLE_CASEWORKER} for each role and the bare
 * permission name ({@code CASE_READ}) for each permission, so controllers can say
 * {@code @PreAuthorize("hasAuthority('CASE_READ')")}.
 */
public final class Authorities {

    private Authorities() {
    }

    public static Collection<GrantedAuthority> of(CurrentUser user) {
        List<GrantedAuthority> list = new ArrayList<>();
        user.roles().forEach(r -> list.add(new SimpleGrantedAuthority("ROLE_" + r.name())));
        user.permissions().forEach(p -> list.add(new SimpleGrantedAuthority(p.name())));
        return list;
    }
}
