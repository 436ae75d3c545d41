package org.haven.prevention;

import java.time.LocalDate;
import java.util.UUID;

/**
 * An outreach activity as read back. {@code notes} is the decrypted text for members of the owning organisation and
 * {@code null} for everyone else (notes are sealed with the owner's key). {@code editable} says whether the current
 * user may change it.
 */
public record Activity(UUID id, UUID organisationId, String organisationName, UUID campaignId, String campaignName,
        OutreachMethod method, LocalDate date, String placeCode, String placeName, String placePath,
        Audience audience, String facilitators, String materials, String notes, boolean editable, int version) {
}
