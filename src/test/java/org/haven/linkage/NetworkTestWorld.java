package org.haven.linkage;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.haven.prosecution.Adjudication;
import org.haven.prosecution.ExploitationForm;
import org.haven.prosecution.OpenProceeding;
import org.haven.prosecution.ProsecutionTracking;
import org.haven.prosecution.Suspect;
import org.haven.prosecution.Suspect.Identifier;
import org.haven.prosecution.Suspect.IdentifierKind;
import org.haven.security.CurrentUser;
import org.haven.security.SecurityFixtures;

/**
 * Three proceedings of one police unit, through the prosecution module's public API: the same recruiter recorded three
 * times (romanisation variant and swapped order in the second, another name but the same passport in the third), and
 * a broker who shares the recruiter's phone. All names obviously synthetic, with a random token.
 */
final class NetworkTestWorld {

    final String token = LinkageTestSupport.token();
    final String phone = "+855 97 " + (100 + (int) (Math.random() * 800)) + " " + (1000 + (int) (Math.random() * 8000));
    UUID p1;
    UUID p2;
    UUID p3;
    UUID recruiter1;
    UUID recruiter2;
    UUID recruiter3;
    UUID broker;
    UUID stranger;

    NetworkTestWorld(ProsecutionTracking tracking, Adjudication adjudication, CurrentUser investigator) {
        SecurityFixtures.signIn(investigator);
        try {
            LocalDate on = LocalDate.now().minusMonths(3);
            p1 = tracking.open(proceeding(on));
            p2 = tracking.open(proceeding(on.plusDays(1)));
            p3 = tracking.open(proceeding(on.plusDays(2)));
            String passport = "N" + Math.abs(token.hashCode());
            recruiter1 = adjudication.recordSuspect(p1, suspect("Test Suspect Sokha " + token, 1980,
                    List.of(new Identifier(IdentifierKind.PHONE, phone))), Suspect.SchemeRole.RECRUITER);
            recruiter2 = adjudication.recordSuspect(p2, suspect(token + " Sokkha Test Suspect", 1981, List.of(
                    new Identifier(IdentifierKind.PASSPORT, passport))), Suspect.SchemeRole.RECRUITER);
            recruiter3 = adjudication.recordSuspect(p3, suspect("Demo Alias Broker " + token, null, List.of(
                    new Identifier(IdentifierKind.PASSPORT, passport.toLowerCase()))), Suspect.SchemeRole.EXPLOITER);
            broker = adjudication.recordSuspect(p2, suspect("Test Broker Vannak " + token, 1975,
                    List.of(new Identifier(IdentifierKind.PHONE, phone.replace(" ", "")))), Suspect.SchemeRole.BROKER);
            // same name as the recruiter but twenty years younger: another person
            stranger = adjudication.recordSuspect(p3, suspect("Test Suspect Sokha " + token, 2001, List.of()),
                    Suspect.SchemeRole.TRANSPORTER);
        } finally {
            SecurityFixtures.signOut();
        }
    }

    private static OpenProceeding proceeding(LocalDate on) {
        return new OpenProceeding("KH", "12", "Test Provincial Court", "PR-NET-" + on, null,
                ExploitationForm.FORCED_LABOUR, on, List.of());
    }

    private static Suspect.RecordSuspect suspect(String name, Integer birthYear, List<Identifier> ids) {
        return new Suspect.RecordSuspect(name, List.of(), "KH", "MALE", birthYear, false, null, null, ids);
    }
}
