package org.haven.prosecution;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.haven.security.CurrentUser;
import org.haven.security.OrganisationType;
import org.haven.security.Role;
import org.haven.security.SecurityFixtures;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Organisations and users around one proceeding, all new rows with synthetic names. */
final class ProsecutionFixtures {

    /** A police unit running proceedings, a prosecutor's office and legal-aid NGO involved, two shelters, outsiders. */
    record World(UUID police, UUID prosecution, UUID legalAid, UUID shelter, UUID otherShelter, UUID otherPolice,
            UUID ministry, CurrentUser investigator, CurrentUser prosecutor, CurrentUser legalOfficer,
            CurrentUser caseworker, CurrentUser otherCaseworker, CurrentUser otherInvestigator,
            CurrentUser analyst, CurrentUser donor) {
    }

    static World world(JdbcClient jdbc) {
        SecurityFixtures f = new SecurityFixtures(jdbc);
        UUID police = f.organisation(OrganisationType.POLICE);
        UUID prosecution = f.organisation(OrganisationType.PROSECUTOR);
        UUID legalAid = f.organisation(OrganisationType.LEGAL_AID);
        UUID shelter = f.organisation(OrganisationType.SHELTER);
        UUID otherShelter = f.organisation(OrganisationType.SHELTER);
        UUID otherPolice = f.organisation(OrganisationType.POLICE);
        UUID ministry = f.organisation(OrganisationType.MINISTRY);
        return new World(police, prosecution, legalAid, shelter, otherShelter, otherPolice, ministry,
                f.user(police, Role.POLICE_INVESTIGATOR), f.user(prosecution, Role.PROSECUTOR),
                f.user(legalAid, Role.LEGAL_OFFICER), f.user(shelter, Role.CASEWORKER),
                f.user(otherShelter, Role.CASEWORKER), f.user(otherPolice, Role.POLICE_INVESTIGATOR),
                f.user(ministry, Role.DATA_ANALYST), f.user(ministry, Role.DONOR_VIEWER));
    }

    /** Opens a proceeding as the world's investigator, with the prosecutor's office and legal aid involved. */
    static OpenProceeding aComplaint(World w, LocalDate on) {
        return new OpenProceeding("KH", "12", "Test Provincial Court", "PR-TEST-1", null,
                ExploitationForm.FORCED_CRIMINALITY, on, List.of(
                        new OpenProceeding.Agency(w.prosecution(), OpenProceeding.AgencyRole.PROSECUTION),
                        new OpenProceeding.Agency(w.legalAid(), OpenProceeding.AgencyRole.LEGAL_AID)));
    }

    static Suspect.RecordSuspect aSuspect(String phone, UUID linkedCaseId) {
        return new Suspect.RecordSuspect("Test Suspect Dara Demo", List.of("Test Alias Broker"), "KH", "MALE", 1980,
                false, null, linkedCaseId, phone == null ? List.of()
                        : List.of(new Suspect.Identifier(Suspect.IdentifierKind.PHONE, phone)));
    }

    private ProsecutionFixtures() {
    }
}
