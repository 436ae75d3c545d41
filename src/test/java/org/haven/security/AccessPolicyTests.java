package org.haven.security;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.haven.shared.web.NotFound;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccessPolicyTests {

    private final CurrentUser caseworker = new CurrentUser(UUID.randomUUID(), "test.caseworker", "Test Caseworker",
            UUID.randomUUID(), OrganisationType.SHELTER, "KH", Set.of(Role.CASEWORKER));
    private final UUID record = UUID.randomUUID();

    private static RecordAccessRule rule(String type, AccessDecision answer) {
        return new RecordAccessRule() {
            @Override
            public String resourceType() {
                return type;
            }

            @Override
            public AccessDecision decide(AccessRequest request) {
                return answer;
            }
        };
    }

    @Test
    void deniesWhenNoRuleKnowsTheResourceType() {
        AccessPolicy policy = new AccessPolicy(List.of(rule("case", AccessDecision.grant("owner"))));
        assertThat(policy.decide(caseworker, "proceeding", record, AccessAction.READ, null).granted()).isFalse();
    }

    @Test
    void deniesWithoutAUserOrARecordId() {
        AccessPolicy policy = new AccessPolicy(List.of(rule("case", AccessDecision.grant("owner"))));
        assertThat(policy.decide(null, "case", record, AccessAction.READ, null).granted()).isFalse();
        assertThat(policy.decide(caseworker, "case", null, AccessAction.READ, null).granted()).isFalse();
    }

    @Test
    void deniesWhenEveryRuleAbstains() {
        AccessPolicy policy = new AccessPolicy(List.of(rule("case", AccessDecision.abstain()),
                rule("case", AccessDecision.abstain())));
        AccessDecision d = policy.decide(caseworker, "case", record, AccessAction.READ, "case-management");
        assertThat(d.outcome()).isEqualTo(AccessDecision.Outcome.DENY);
        assertThat(d.reason()).isEqualTo("no-grant");
    }

    @Test
    void grantsWhenARuleGrantsAndNoneDenies() {
        AccessPolicy policy = new AccessPolicy(List.of(rule("case", AccessDecision.abstain()),
                rule("case", AccessDecision.grant("owning-organisation"))));
        AccessDecision d = policy.decide(caseworker, "case", record, AccessAction.UPDATE, "case-management");
        assertThat(d.granted()).isTrue();
        assertThat(d.reason()).isEqualTo("owning-organisation");
    }

    @Test
    void aDenyVetoesAnyGrant() {
        AccessPolicy policy = new AccessPolicy(List.of(rule("case", AccessDecision.grant("accepted-referral")),
                rule("case", AccessDecision.deny("consent-withdrawn"))));
        AccessDecision d = policy.decide(caseworker, "case", record, AccessAction.READ, "referral");
        assertThat(d.granted()).isFalse();
        assertThat(d.reason()).isEqualTo("consent-withdrawn");
    }

    @Test
    void checkAnswersNotFoundOnDenial() {
        AccessPolicy policy = new AccessPolicy(List.of(rule("case", AccessDecision.deny("other-organisation"))));
        assertThatThrownBy(() -> policy.check(caseworker, "case", record, AccessAction.READ, null))
                .isInstanceOf(NotFound.class);
        AccessPolicy granting = new AccessPolicy(List.of(rule("case", AccessDecision.grant("owner"))));
        assertThat(granting.check(caseworker, "case", record, AccessAction.READ, null).granted()).isTrue();
    }

    @Test
    void rulesSeeTheWholeRequest() {
        AccessRequest[] seen = new AccessRequest[1];
        RecordAccessRule spy = new RecordAccessRule() {
            @Override
            public String resourceType() {
                return "case";
            }

            @Override
            public AccessDecision decide(AccessRequest request) {
                seen[0] = request;
                return AccessDecision.abstain();
            }
        };
        new AccessPolicy(List.of(spy)).decide(caseworker, "case", record, AccessAction.SHARE, "referral");
        assertThat(seen[0]).isEqualTo(new AccessRequest(caseworker, "case", record, AccessAction.SHARE, "referral"));
    }
}
