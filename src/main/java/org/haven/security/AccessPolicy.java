package org.haven.security;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.haven.shared.web.NotFound;
import org.springframework.stereotype.Service;

/**
 * Answers "may this user do this to this record, for this purpose?" for the UI, the API, jobs and exports alike.
 * Called by the services that own the records, before they read or change them.
 *
 * <p>Default deny: with no signed-in user, a disabled-looking request (no user, no type, no id) or no
 * {@link RecordAccessRule} for the resource type, the answer is deny. Otherwise any rule's deny wins, then any
 * rule's grant, and if every rule abstains the answer is deny. {@link #check} turns a denial into {@link NotFound},
 * so a denial of object access answers 404 and reveals nothing about the record.
 *
 * <p>Break-glass (a later issue) fits in after the rules: where they all abstain or deny for lack of scope, an
 * active, audited break-glass grant of this user for this record will be consulted before the final deny.
 */
@Service
public class AccessPolicy {

    private final Map<String, List<RecordAccessRule>> rules;

    AccessPolicy(List<RecordAccessRule> rules) {
        this.rules = rules.stream().collect(Collectors.groupingBy(RecordAccessRule::resourceType));
    }

    /** The decision for a request; never null, never ABSTAIN. */
    public AccessDecision decide(CurrentUser user, String resourceType, UUID resourceId, AccessAction action,
            String purpose) {
        if (user == null || resourceType == null || resourceId == null || action == null) {
            return AccessDecision.deny("incomplete-request");
        }
        List<RecordAccessRule> applicable = rules.getOrDefault(resourceType, List.of());
        if (applicable.isEmpty()) {
            return AccessDecision.deny("no-rule");
        }
        AccessRequest request = new AccessRequest(user, resourceType, resourceId, action, purpose);
        AccessDecision grant = null;
        for (RecordAccessRule rule : applicable) {
            AccessDecision d = rule.decide(request);
            if (d == null) {
                continue;
            }
            if (d.outcome() == AccessDecision.Outcome.DENY) {
                return d;
            }
            if (d.granted() && grant == null) {
                grant = d;
            }
        }
        return grant != null ? grant : AccessDecision.deny("no-grant");
    }

    /** Same as {@link #decide}, for the signed-in user. */
    public AccessDecision decide(String resourceType, UUID resourceId, AccessAction action, String purpose) {
        return decide(CurrentUser.find().orElse(null), resourceType, resourceId, action, purpose);
    }

    /** Throws {@link NotFound} unless access is granted; returns the granting decision (for the audit trail). */
    public AccessDecision check(CurrentUser user, String resourceType, UUID resourceId, AccessAction action,
            String purpose) {
        AccessDecision decision = decide(user, resourceType, resourceId, action, purpose);
        if (!decision.granted()) {
            throw new NotFound(resourceType);
        }
        return decision;
    }

    /** Same as {@link #check(CurrentUser, String, UUID, AccessAction, String)}, for the signed-in user. */
    public AccessDecision check(String resourceType, UUID resourceId, AccessAction action, String purpose) {
        return check(CurrentUser.find().orElse(null), resourceType, resourceId, action, purpose);
    }
}
