package org.haven.shared.web;

import java.util.List;

/**
 * Paths a module serves without sign-in (public pages, the tip form, static assets). Any module may declare a bean;
 * the security configuration permits exactly the union of them and requires authentication for everything else.
 */
public record PublicPaths(List<String> patterns) {

    public static PublicPaths of(String... patterns) {
        return new PublicPaths(List.of(patterns));
    }
}
