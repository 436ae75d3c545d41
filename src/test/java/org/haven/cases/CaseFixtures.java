package org.haven.cases;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.haven.cases.CaseCommands.RecordConsent;
import org.haven.cases.CaseCommands.RegisterSurvivor;
import org.haven.cases.CaseCommands.SurvivorIdentity;
import org.haven.cases.CaseCommands.SurvivorProfile;
import org.haven.cases.CaseViews.OpenedCase;
import org.haven.security.CurrentUser;
import org.haven.security.SecurityFixtures;

/** Obviously synthetic survivors and cases, registered through {@link CaseManagement} as a given user. */
public final class CaseFixtures {

    private final CaseManagement cases;

    public CaseFixtures(CaseManagement cases) {
        this.cases = cases;
    }

    public static SurvivorIdentity identity(String family, String given) {
        return new SurvivorIdentity(family, given, null, null, List.of(), null, null, null, List.of());
    }

    public static SurvivorProfile adultWoman() {
        return new SurvivorProfile("FEMALE", "WOMAN", 1998, null, "KHM", List.of("km"), "NONE", "0102");
    }

    public static RegisterSurvivor registration(SurvivorIdentity identity, SurvivorProfile profile) {
        return new RegisterSurvivor(identity, profile, LocalDate.now(CaseManagement.ZONE).minusDays(10), "HOTLINE",
                "MEDIUM", null, true);
    }

    /** A case of the user's organisation assigned to the user. */
    public OpenedCase anOpenCase(CurrentUser caseworker) {
        return anOpenCase(caseworker, identity("Test Survivor", "Demo " + UUID.randomUUID().toString().substring(0, 6)));
    }

    public OpenedCase anOpenCase(CurrentUser caseworker, SurvivorIdentity identity) {
        SecurityFixtures.signIn(caseworker);
        try {
            return cases.registerSurvivor(registration(identity, adultWoman()));
        } finally {
            SecurityFixtures.signOut();
        }
    }

    /** A sharing consent naming the organisation, given today, recorded by a writer of the case. */
    public UUID sharingConsent(CurrentUser writer, UUID caseId, UUID recipientOrg) {
        SecurityFixtures.signIn(writer);
        try {
            return cases.recordConsent(caseId, new RecordConsent("SHARING", recipientOrg, null, "SURVIVOR", null,
                    "THUMBPRINT", null, LocalDate.now(CaseManagement.ZONE), null));
        } finally {
            SecurityFixtures.signOut();
        }
    }
}
