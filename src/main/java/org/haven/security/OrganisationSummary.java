package org.haven.security;

import java.util.UUID;

/** An organisation as administrators see it. */
public record OrganisationSummary(UUID id, String name, OrganisationType type, String countryCode, boolean enabled,
        long users) {
}
