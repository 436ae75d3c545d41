package org.haven.cases;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the cases module ({@code haven.cases.*}).
 *
 * @param followUpMonths     months after the start of reintegration at which follow-ups are scheduled
 * @param attachmentMaxBytes largest attachment accepted
 * @param demoSurvivors      whether the {@code demo} profile adds demo survivors to the demo shelter
 */
@ConfigurationProperties("haven.cases")
public record CaseSettings(List<Integer> followUpMonths, Integer attachmentMaxBytes, Boolean demoSurvivors) {

    public CaseSettings {
        followUpMonths = followUpMonths == null || followUpMonths.isEmpty() ? List.of(1, 3, 6, 12, 24)
                : List.copyOf(followUpMonths);
        attachmentMaxBytes = attachmentMaxBytes == null ? 5 * 1024 * 1024 : attachmentMaxBytes;
        demoSurvivors = demoSurvivors == null || demoSurvivors;
    }
}
