package org.haven.referrals;

import java.util.List;
import java.util.UUID;

import org.haven.cases.CaseFixtures;
import org.haven.cases.CaseManagement;
import org.haven.referrals.ReferralViews.MakeReferral;
import org.haven.referrals.ServiceDirectory.PublishService;
import org.haven.security.CurrentUser;
import org.haven.security.OrganisationType;
import org.haven.security.Role;
import org.haven.security.SecurityFixtures;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A shelter with a case, and a receiving organisation that offers a service, all synthetic. */
final class ReferralFixtures {

    record Scene(UUID shelter, UUID receiver, CurrentUser caseworker, CurrentUser supervisor, CurrentUser officer,
            CurrentUser officer2, UUID caseId, String caseCode) {
    }

    final SecurityFixtures security;
    final CaseFixtures cases;
    final ServiceDirectory directory;
    final ReferralManagement referrals;

    ReferralFixtures(JdbcClient jdbc, CaseManagement caseManagement, ServiceDirectory directory,
            ReferralManagement referrals) {
        this.security = new SecurityFixtures(jdbc);
        this.cases = new CaseFixtures(caseManagement);
        this.directory = directory;
        this.referrals = referrals;
    }

    /** A Cambodian shelter with a case and a legal-aid organisation offering LEGAL_AID; no consent yet. */
    Scene scene() {
        return scene(OrganisationType.LEGAL_AID, "KH", "LEGAL_AID", "KH");
    }

    Scene scene(OrganisationType receiverType, String receiverCountry, String service, String shelterCountry) {
        UUID shelter = security.organisation(OrganisationType.SHELTER, shelterCountry);
        UUID receiver = security.organisation(receiverType, receiverCountry);
        CurrentUser caseworker = security.user(shelter, Role.CASEWORKER);
        CurrentUser supervisor = security.user(shelter, Role.CASE_SUPERVISOR);
        CurrentUser officer = security.user(receiver, Role.LEGAL_OFFICER);
        CurrentUser officer2 = security.user(receiver, Role.CASEWORKER);
        publish(officer, service);
        var opened = cases.anOpenCase(caseworker);
        return new Scene(shelter, receiver, caseworker, supervisor, officer, officer2, opened.caseId(), opened.caseCode());
    }

    void publish(CurrentUser user, String service) {
        SecurityFixtures.signIn(user);
        try {
            directory.publish(new PublishService(service, List.of(), List.of("km"), null, null, List.of(), "08:00-17:00",
                    "Test desk", null, null));
        } finally {
            SecurityFixtures.signOut();
        }
    }

    UUID consent(Scene s) {
        return cases.sharingConsent(s.caseworker(), s.caseId(), s.receiver());
    }

    UUID send(Scene s, String service) {
        SecurityFixtures.signIn(s.caseworker());
        try {
            return referrals.send(new MakeReferral(s.caseId(), s.receiver(), List.of(service), "Test reason: court support",
                    "NORMAL", null));
        } finally {
            SecurityFixtures.signOut();
        }
    }

    void as(CurrentUser user, Runnable action) {
        SecurityFixtures.signIn(user);
        try {
            action.run();
        } finally {
            SecurityFixtures.signOut();
        }
    }
}
