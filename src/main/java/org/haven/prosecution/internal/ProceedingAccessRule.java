package org.haven.prosecution.internal;

import org.haven.security.AccessAction;
import org.haven.security.AccessDecision;
import org.haven.security.AccessRequest;
import org.haven.security.RecordAccessRule;
import org.springframework.stereotype.Component;

/**
 * The record-level rule for resource type {@code proceeding}, asked by {@code AccessPolicy}: READ is granted with
 * full reach (police, prosecutors and legal officers of the owning or an involved organisation) or case-owner reach
 * (a shelter whose survivor is linked); CREATE/UPDATE of a proceeding's parts with write rights of a party. Abstains
 * otherwise (the policy then denies).
 */
@Component
class ProceedingAccessRule implements RecordAccessRule {

    private final ProceedingAccess access;

    ProceedingAccessRule(ProceedingAccess access) {
        this.access = access;
    }

    @Override
    public String resourceType() {
        return "proceeding";
    }

    @Override
    public AccessDecision decide(AccessRequest request) {
        return switch (request.action()) {
            case READ -> access.reach(request.user(), request.resourceId())
                    .map(r -> AccessDecision.grant("proceeding-" + r.name().toLowerCase().replace('_', '-')))
                    .orElse(AccessDecision.abstain());
            case CREATE, UPDATE -> access.mayWrite(request.user(), request.resourceId())
                    ? AccessDecision.grant("proceeding-party") : AccessDecision.abstain();
            case DELETE, SHARE, EXPORT -> AccessDecision.abstain();
        };
    }
}
