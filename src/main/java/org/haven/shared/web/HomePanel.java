package org.haven.shared.web;

import java.util.Collection;
import java.util.Map;

/**
 * A panel of the signed-in home page, contributed by a module (e.g. overdue follow-ups by cases). The home page shows
 * the panels visible to the user, in order, each rendered by its Thymeleaf fragment with its model under the
 * variable {@code panel}.
 */
public interface HomePanel {

    int order();

    /** Message key of the panel's heading. */
    String titleKey();

    /** Fragment expression, e.g. {@code "cases/panels :: overdue"}. */
    String fragment();

    boolean visibleTo(Collection<String> authorities);

    /** Data for the fragment, computed for the current user. Must not throw for a user who can see the panel. */
    Map<String, Object> model();
}
