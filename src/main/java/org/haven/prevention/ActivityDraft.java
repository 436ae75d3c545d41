package org.haven.prevention;

import java.time.LocalDate;
import java.util.UUID;

/** What a user enters to record or change an outreach activity (form, API or one spreadsheet row). */
public record ActivityDraft(UUID campaignId, OutreachMethod method, LocalDate date, String placeCode,
        Audience audience, String facilitators, String materials, String notes) {
}
