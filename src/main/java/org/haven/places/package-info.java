/**
 * Places: the administrative units that records point to. Cambodia's NCDD gazetteer (province → district → commune →
 * village, Khmer and Latin names, imported edition by edition with a change history; units are never deleted) and the
 * countries of the region with their first-level subdivisions. Publishes the {@link org.haven.places.Gazetteer} API
 * (lookup, spelling-tolerant search in Khmer and Latin script, children, ancestors), the place picker fragment
 * ({@code templates/places/picker.html}) and {@code /api/v1/places}. Its own module because both {@code cases} and
 * {@code prevention} need it (docs/decisions/0002-places-module.md).
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared", "audit", "security"})
package org.haven.places;
