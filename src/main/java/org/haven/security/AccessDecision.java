package org.haven.security;

import java.util.Objects;

/**
 * A rule's or the policy's answer: grant, deny, or abstain (the rule has nothing to say). {@code reason} is a short
 * machine-readable word for the audit trail ("owning-organisation", "accepted-referral", "no-rule"), never personal
 * data.
 */
public record AccessDecision(Outcome outcome, String reason) {

    /** The three possible answers of a rule; the policy only answers GRANT or DENY. */
    public enum Outcome {
        GRANT, DENY, ABSTAIN
    }

    public AccessDecision {
        Objects.requireNonNull(outcome, "outcome");
    }

    public static AccessDecision grant(String reason) {
        return new AccessDecision(Outcome.GRANT, reason);
    }

    public static AccessDecision deny(String reason) {
        return new AccessDecision(Outcome.DENY, reason);
    }

    public static AccessDecision abstain() {
        return new AccessDecision(Outcome.ABSTAIN, null);
    }

    public boolean granted() {
        return outcome == Outcome.GRANT;
    }
}
