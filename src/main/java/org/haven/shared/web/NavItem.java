package org.haven.shared.web;

/**
 * An entry of the main navigation, declared as a bean by the module that serves the page. Shown to users holding
 * {@code authority} (a permission name such as {@code CASE_READ}, or {@code null} for every signed-in user).
 */
public record NavItem(int order, String path, String messageKey, String authority) {
}
