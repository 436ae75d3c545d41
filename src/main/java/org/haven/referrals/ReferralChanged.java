package org.haven.referrals;

import java.util.UUID;

/**
 * Published (inside the transaction) whenever a referral changes and the other side is notified in the app:
 * {@code notifiedOrganisationId} is the organisation told, {@code event} the in-app notification's event
 * ({@code SENT}, {@code ACCEPTED}, ... {@code SERVICE_DELIVERED}, {@code STEP_DONE}). Carries ids only.
 */
public record ReferralChanged(UUID referralId, UUID notifiedOrganisationId, String event) {
}
