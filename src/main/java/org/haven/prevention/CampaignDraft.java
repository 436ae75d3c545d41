package org.haven.prevention;

import java.time.LocalDate;

/** What a user enters to create or change a campaign. */
public record CampaignDraft(String name, String funder, String approach, LocalDate startDate, LocalDate endDate) {
}
