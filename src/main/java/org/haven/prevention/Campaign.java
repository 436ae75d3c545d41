package org.haven.prevention;

import java.time.LocalDate;
import java.util.UUID;

/** A prevention campaign of one organisation. */
public record Campaign(UUID id, UUID organisationId, String organisationName, String name, String funder,
        String approach, LocalDate startDate, LocalDate endDate, int version) {
}
