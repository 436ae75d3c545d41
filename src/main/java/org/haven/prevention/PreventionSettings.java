package org.haven.prevention;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the prevention module ({@code haven.prevention.*}).
 *
 * @param suppressionThreshold counts from 1 to this value minus one are shown as "&lt;threshold" in targeting
 * @param tipsPerClientPerHour tip form and follow-up submissions allowed per client (an in-memory, rotating salted
 *                             hash of the connection address; never stored) per hour
 * @param tipsPerMinute        submissions allowed per minute across all clients (flood brake)
 * @param tipMaxChars          longest tip text or addition accepted
 */
@ConfigurationProperties("haven.prevention")
public record PreventionSettings(@DefaultValue("11") int suppressionThreshold,
        @DefaultValue("5") int tipsPerClientPerHour, @DefaultValue("30") int tipsPerMinute,
        @DefaultValue("5000") int tipMaxChars) {
}
