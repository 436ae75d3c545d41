package org.haven.referrals;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the referrals module ({@code haven.referrals.*}).
 *
 * @param urgentResponseHours hours the receiver has to answer an urgent referral
 * @param normalResponseHours hours the receiver has to answer any other referral
 */
@ConfigurationProperties("haven.referrals")
public record ReferralSettings(Integer urgentResponseHours, Integer normalResponseHours) {

    public ReferralSettings {
        urgentResponseHours = urgentResponseHours == null ? 24 : urgentResponseHours;
        normalResponseHours = normalResponseHours == null ? 72 : normalResponseHours;
    }
}
