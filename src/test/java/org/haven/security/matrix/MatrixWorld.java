package org.haven.security.matrix;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import javax.imageio.ImageIO;

import org.haven.cases.CaseCommands.RecordConsent;
import org.haven.cases.CaseFixtures;
import org.haven.cases.CaseManagement;
import org.haven.cases.CaseSharing;
import org.haven.cases.Vocabulary.Purpose;
import org.haven.places.PlacesFixtures;
import org.haven.places.internal.GazetteerImporter;
import org.haven.prevention.TipCategory;
import org.haven.prevention.TipDesk;
import org.haven.prosecution.Adjudication;
import org.haven.prosecution.Defendant;
import org.haven.prosecution.ExploitationForm;
import org.haven.prosecution.Hearing;
import org.haven.prosecution.HearingCalendar;
import org.haven.prosecution.OpenProceeding;
import org.haven.prosecution.ProsecutionTracking;
import org.haven.prosecution.Stage;
import org.haven.prosecution.Suspect;
import org.haven.prosecution.VictimLink;
import org.haven.prosecution.VictimWitnessSupport;
import org.haven.referrals.ReferralManagement;
import org.haven.referrals.ReferralViews.MakeReferral;
import org.haven.referrals.ServiceDirectory;
import org.haven.referrals.ServiceDirectory.PublishService;
import org.haven.security.CurrentUser;
import org.haven.security.OrganisationType;
import org.haven.security.Role;
import org.haven.security.SecurityFixtures;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The organisations, users and records the authorization matrix runs against, built through the modules' public
 * services (and {@link SecurityFixtures} / {@link CaseFixtures}) as their real users would, so every record is in
 * the state the application itself produces. Names are obviously synthetic.
 *
 * <p>Organisations, one per relation: <b>A</b> (shelter) owns every object; <b>B</b> (another shelter) is unrelated;
 * <b>C</b> (legal-aid NGO) received an accepted, consented referral of A's case, which granted it access; <b>L</b>
 * (police unit) runs a proceeding in which A's survivor is a linked victim, with <b>Lp</b> (a prosecutor's office)
 * involved as prosecution. Each of A, B, C and L has one user of every role; the "linked" prosecutor is Lp's.
 */
final class MatrixWorld {

    /** How the acting user's organisation relates to the object named in the path. */
    enum Relation {
        NONE("-"), OWN("own"), OTHER("other"), SHARE("share"), LINKED("linked");

        final String code;

        Relation(String code) {
            this.code = code;
        }

        static Relation of(String code) {
            for (Relation r : values()) {
                if (r.code.equals(code)) {
                    return r;
                }
            }
            throw new IllegalArgumentException("unknown relation '" + code + "'");
        }
    }

    /**
     * A survivor case of A and everything hanging off it. Write rows get a fresh one each, so that closing a case or
     * withdrawing a referral cannot change the outcome of a later row.
     */
    record Scene(UUID caseId, String caseCode, String survivorName, UUID sharingConsent, UUID legalConsent,
            UUID referral, UUID referralGrant, UUID attachment, UUID proceeding, String proceedingRef, UUID victim,
            UUID suspect, String suspectName, UUID charge, UUID hearing, UUID compensation, UUID service,
            UUID activity, UUID campaign, UUID tip, UUID targetUser, UUID hotline) {

        /** Strings that identify the case or proceeding: a denial must not show any of them. */
        List<String> canaries() {
            return List.of(caseCode, survivorName, proceedingRef, suspectName);
        }
    }

    final JdbcClient jdbc;
    final SecurityFixtures security;
    final CaseFixtures caseFixtures;
    final CaseManagement cases;
    final CaseSharing sharing;
    final ReferralManagement referrals;
    final ServiceDirectory directory;
    final ProsecutionTracking tracking;
    final VictimWitnessSupport victims;
    final Adjudication adjudication;
    final HearingCalendar hearings;
    final TipDesk tips;

    final UUID orgA;
    final UUID orgB;
    final UUID orgC;
    final UUID orgL;
    final UUID orgLp;
    final Map<Relation, Map<Role, CurrentUser>> users = new EnumMap<>(Relation.class);
    final CurrentUser linker;
    private final List<UUID> targetUsers = new ArrayList<>();
    final LocalDate today = LocalDate.now(CaseManagement.ZONE);

    MatrixWorld(JdbcClient jdbc, GazetteerImporter importer, CaseManagement cases, CaseSharing sharing,
            ReferralManagement referrals, ServiceDirectory directory, ProsecutionTracking tracking,
            VictimWitnessSupport victims, Adjudication adjudication, HearingCalendar hearings, TipDesk tips) {
        this.jdbc = jdbc;
        this.security = new SecurityFixtures(jdbc);
        this.caseFixtures = new CaseFixtures(cases);
        this.cases = cases;
        this.sharing = sharing;
        this.referrals = referrals;
        this.directory = directory;
        this.tracking = tracking;
        this.victims = victims;
        this.adjudication = adjudication;
        this.hearings = hearings;
        this.tips = tips;
        PlacesFixtures.ensure2025Edition(jdbc, importer);

        orgA = security.organisation(OrganisationType.SHELTER);
        orgB = security.organisation(OrganisationType.SHELTER);
        orgC = security.organisation(OrganisationType.LEGAL_AID);
        orgL = security.organisation(OrganisationType.POLICE);
        orgLp = security.organisation(OrganisationType.PROSECUTOR);
        users.put(Relation.OWN, everyRole(orgA));
        users.put(Relation.NONE, users.get(Relation.OWN));
        users.put(Relation.OTHER, everyRole(orgB));
        users.put(Relation.SHARE, everyRole(orgC));
        Map<Role, CurrentUser> linked = everyRole(orgL);
        linked.put(Role.PROSECUTOR, security.user(orgLp, Role.PROSECUTOR));
        users.put(Relation.LINKED, linked);
        linker = security.user(orgL, Role.POLICE_INVESTIGATOR, Role.LEGAL_OFFICER);

        as(user(Relation.SHARE, Role.LEGAL_OFFICER), () -> directory.publish(new PublishService("LEGAL_AID",
                List.of(), List.of("km"), null, null, List.of(), "08:00-17:00", "Test desk C", null, null)));
        // Tips belong to no organisation: "own" is an organisation designated to triage them, "other" one that is not.
        jdbc.sql("insert into tip_designation (organisation_id, designated_by) values (?, ?)")
                .params(orgA, user(Relation.OWN, Role.CASE_SUPERVISOR).userId()).update();
    }

    CurrentUser user(Relation relation, Role role) {
        return users.get(relation).get(role);
    }

    /** Every world organisation and user enabled again (a write row may have disabled one). */
    void restore() {
        jdbc.sql("update organisation set enabled = true where id in (:ids)")
                .param("ids", List.of(orgA, orgB, orgC, orgL, orgLp)).update();
        List<UUID> ids = new ArrayList<>();
        users.values().forEach(m -> m.values().forEach(u -> ids.add(u.userId())));
        ids.addAll(targetUsers);
        jdbc.sql("update app_user set enabled = true where id in (:ids)").param("ids", ids).update();
    }

    /** A new case of A with its consents, accepted referral to C, attachment and linked proceeding. */
    Scene scene() {
        CurrentUser cw = user(Relation.OWN, Role.CASEWORKER);
        CurrentUser investigator = linker;
        String token = UUID.randomUUID().toString().substring(0, 8);
        String given = "Matrix" + token;
        var opened = caseFixtures.anOpenCase(cw, CaseFixtures.identity("Test Survivor", given));
        UUID caseId = opened.caseId();
        UUID sharingConsent = caseFixtures.sharingConsent(cw, caseId, orgC);
        UUID legalConsent = as(cw, () -> cases.recordConsent(caseId, new RecordConsent("LEGAL_PROCEEDINGS", orgL, null,
                "SURVIVOR", null, "THUMBPRINT", null, today, null)));
        UUID referral = as(cw, () -> referrals.send(new MakeReferral(caseId, orgC, List.of("LEGAL_AID"),
                "Test reason: court support", "NORMAL", null)));
        as(user(Relation.SHARE, Role.LEGAL_OFFICER), () -> {
            referrals.accept(referral);
            return null;
        });
        UUID referralGrant = jdbc.sql("select grant_id from referral where id = ?").param(referral)
                .query(UUID.class).single();
        UUID attachment = as(cw, () -> cases.addAttachment(caseId, "matrix.png", png()));

        // The police unit links the survivor while it briefly holds a legal-proceedings share of the case; the share
        // is then revoked, so "linked" means the proceeding link alone. The link reads the case as the linking user,
        // which needs CASE_READ, a permission no police or prosecutor role holds: a helper user of L with both
        // POLICE_INVESTIGATOR and LEGAL_OFFICER does it (see docs/security.md, matrix findings).
        UUID policeGrant = as(cw, () -> sharing.grant(caseId, orgL, Purpose.LEGAL_PROCEEDINGS, today, null,
                legalConsent, "test", null));
        String ref = "PR-MATRIX-" + token;
        LocalDate start = today.minusDays(200);
        UUID[] ids = as(investigator, () -> {
            UUID p = tracking.open(new OpenProceeding("KH", "12", "Test Provincial Court", ref, null,
                    ExploitationForm.FORCED_CRIMINALITY, start,
                    List.of(new OpenProceeding.Agency(orgLp, OpenProceeding.AgencyRole.PROSECUTION))));
            UUID victim = victims.link(p, caseId, VictimLink.Role.VICTIM);
            tracking.move(p, version(p), Stage.INVESTIGATION, start.plusDays(5), null);
            UUID suspect = adjudication.recordSuspect(p, new Suspect.RecordSuspect("Test Suspect Suspect" + token,
                    List.of(), "KH", "MALE", 1980, false, null, null, List.of()), Suspect.SchemeRole.BROKER);
            tracking.move(p, version(p), Stage.ARREST, start.plusDays(30), null);
            tracking.move(p, version(p), Stage.CHARGE, start.plusDays(40), null);
            UUID charge = adjudication.fileCharge(p, suspect, "KH2008-ART10", start.plusDays(40));
            UUID hearing = hearings.schedule(p, new HearingCalendar.ScheduleHearing(
                    Instant.now().plus(3, ChronoUnit.DAYS), "Test Provincial Court", Hearing.Type.TRIAL, true,
                    Set.of(Hearing.Measure.SCREEN)));
            tracking.move(p, version(p), Stage.TRIAL, start.plusDays(60), null);
            tracking.move(p, version(p), Stage.VERDICT, start.plusDays(90), null);
            adjudication.recordChargeOutcome(p, charge, 0, Defendant.ChargeOutcome.CONVICTED, null);
            adjudication.recordVerdict(p, suspect, 0, new Adjudication.RecordVerdict(Defendant.Verdict.CONVICTED,
                    start.plusDays(90), 120, false, new BigDecimal("2000000"), "KHR"));
            UUID compensation = victims.orderCompensation(p, victim, suspect, new BigDecimal("4000000"), "KHR",
                    start.plusDays(90));
            return new UUID[] {p, victim, suspect, charge, hearing, compensation};
        });
        as(cw, () -> {
            sharing.revoke(policeGrant);
            return null;
        });

        // A's other objects: a published service, an outreach activity and campaign, a tip, a user, a hotline
        UUID service = as(user(Relation.OWN, Role.LEGAL_OFFICER), () -> directory.publish(new PublishService(
                "LEGAL_AID", List.of(), List.of("km"), null, null, List.of(), "08:00-17:00", "Test desk A", null, null)));
        CurrentUser officer = user(Relation.OWN, Role.PREVENTION_OFFICER);
        UUID activity = UUID.randomUUID();
        jdbc.sql("insert into outreach_activity (id, organisation_id, method, activity_date, place_code, created_by)"
                + " values (?, ?, 'ART', date '2025-05-01', '01020101', ?)").params(activity, orgA, officer.userId())
                .update();
        UUID campaign = UUID.randomUUID();
        jdbc.sql("insert into campaign (id, organisation_id, name, created_by) values (?, ?, ?, ?)")
                .params(campaign, orgA, "Test Campaign Matrix", officer.userId()).update();
        // submit() answers the reporter's code, not the id: the id is the one tip that was not there before
        java.util.Set<UUID> before = new java.util.HashSet<>(jdbc.sql("select id from tip").query(UUID.class).list());
        tips.submit(new TipDesk.NewTip(TipCategory.FORCED_LABOUR, null, "Test tip for the authorization matrix", null));
        UUID tip = jdbc.sql("select id from tip").query(UUID.class).list().stream().filter(id -> !before.contains(id))
                .findFirst().orElseThrow();
        UUID target = security.user(orgA, Role.CASEWORKER).userId();
        targetUsers.add(target);
        UUID hotline = UUID.randomUUID();
        jdbc.sql("insert into hotline (id, name_en, name_km, phone, sort_order) values (?, ?, ?, ?, ?)")
                .params(hotline, "Test Hotline Matrix", "Test Hotline Matrix", "1288", 99).update();
        return new Scene(caseId, opened.caseCode(), given, sharingConsent, legalConsent, referral, referralGrant,
                attachment, ids[0], ref, ids[1], ids[2], "Suspect" + token, ids[3], ids[4], ids[5], service, activity,
                campaign, tip, target, hotline);
    }

    /** A new sharing consent of the scene's case (naming B), for rows that use one up. */
    UUID freshConsent(Scene scene) {
        return caseFixtures.sharingConsent(user(Relation.OWN, Role.CASEWORKER), scene.caseId(), orgB);
    }

    private int version(UUID proceeding) {
        return jdbc.sql("select version from proceeding where id = ?").param(proceeding).query(Integer.class).single();
    }

    private Map<Role, CurrentUser> everyRole(UUID org) {
        Map<Role, CurrentUser> m = new LinkedHashMap<>();
        for (Role r : Role.values()) {
            m.put(r, security.user(org, r));
        }
        return m;
    }

    static <T> T as(CurrentUser user, Supplier<T> action) {
        SecurityFixtures.signIn(user);
        try {
            return action.get();
        } finally {
            SecurityFixtures.signOut();
        }
    }

    static byte[] png() {
        try {
            BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
