package org.haven.web;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.haven.security.CurrentUser;
import org.haven.shared.web.NavItem;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page's chrome needs: the signed-in user and the navigation entries they may use. */
@ControllerAdvice(annotations = Controller.class)
class LayoutModel {

    private final List<NavItem> navItems;

    LayoutModel(List<NavItem> navItems) {
        this.navItems = navItems.stream().sorted(java.util.Comparator.comparingInt(NavItem::order)).toList();
    }

    @ModelAttribute("me")
    CurrentUser me() {
        return CurrentUser.find().orElse(null);
    }

    /** Links to the current page in each language (the {@code lang} parameter replaced, the rest kept). */
    @ModelAttribute("langLinks")
    java.util.Map<String, String> langLinks(jakarta.servlet.http.HttpServletRequest request) {
        String base = request.getRequestURI();
        String query = request.getQueryString() == null ? "" : java.util.Arrays.stream(request.getQueryString().split("&"))
                .filter(p -> !p.startsWith("lang=") && !p.isBlank())
                .collect(java.util.stream.Collectors.joining("&"));
        String prefix = base + "?" + (query.isEmpty() ? "" : query + "&") + "lang=";
        return java.util.Map.of("en", prefix + "en", "km", prefix + "km");
    }

    @ModelAttribute("nav")
    List<NavItem> nav() {
        Optional<CurrentUser> user = CurrentUser.find();
        if (user.isEmpty()) {
            return List.of();
        }
        Collection<String> authorities = authorities();
        return navItems.stream().filter(i -> i.authority() == null || authorities.contains(i.authority())).toList();
    }

    static Collection<String> authorities() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? List.of() : auth.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
    }
}
