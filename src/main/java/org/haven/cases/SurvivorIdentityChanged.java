package org.haven.cases;

import java.util.UUID;

/** Published when a survivor's identity or profile is edited (after the new version is written); ids only. */
public record SurvivorIdentityChanged(UUID survivorId, UUID organisationId) {
}
