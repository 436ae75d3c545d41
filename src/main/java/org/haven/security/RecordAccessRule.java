package org.haven.security;

/**
 * A record-level access rule for one resource type, contributed as a Spring bean by the module that owns the records
 * (the cases module for {@code "case"}, prosecution for {@code "proceeding"} ...). {@link AccessPolicy} asks every
 * rule registered for the request's resource type.
 *
 * <p>Contract: answer {@link AccessDecision#grant} only when the rule positively establishes access (owning
 * organisation and suitable role, accepted referral within its consent and time ...); {@link AccessDecision#deny}
 * to veto whatever other rules say (consent withdrawn); {@link AccessDecision#abstain} otherwise. Rules must not
 * throw for unknown ids (abstain), must not write, and must not call {@link AccessPolicy} themselves.
 */
public interface RecordAccessRule {

    /** The resource type this rule decides for, e.g. {@code "case"}. */
    String resourceType();

    AccessDecision decide(AccessRequest request);
}
