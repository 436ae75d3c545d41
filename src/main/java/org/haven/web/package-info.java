/**
 * The chrome around every page: layout, navigation, language switch, home page per role, error pages, static assets
 * and the mapping of exceptions to problem+json for the API. Feature pages live in their own modules.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "audit", "security"})
package org.haven.web;
