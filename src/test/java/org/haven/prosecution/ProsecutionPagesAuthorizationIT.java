package org.haven.prosecution;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import org.haven.HavenIntegrationTest;
import org.haven.prosecution.ProsecutionFixtures.World;
import org.haven.security.CurrentUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haven.security.SecurityFixtures.as;
import static org.haven.security.SecurityFixtures.signIn;
import static org.haven.security.SecurityFixtures.signOut;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The pages of a proceeding's parts (suspects, charges, hearings, survivors, verdicts and compensation), the hearing
 * calendar, trainings and the complicity page: every page handler × every role × relation to the proceeding (owner,
 * involved agency, case-owning shelter, unrelated organisation, aggregate-only), the audit of survivor-level reads
 * through pages, and bad input answered with field errors in the reader's language with nothing written.
 */
@HavenIntegrationTest
@Import(ProsecutionTestBeans.class)
class ProsecutionPagesAuthorizationIT {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ProsecutionTracking tracking;
    @Autowired
    VictimWitnessSupport victims;
    @Autowired
    Adjudication adjudication;
    @Autowired
    HearingCalendar hearings;
    @Autowired
    ProsecutionTestBeans.TestCases cases;

    World w;
    LocalDate today = LocalDate.now();

    /** A proceeding at the verdict stage: a victim (consent: police and prosecutor), a charged defendant, a held
     * hearing, compensation ordered. */
    record Fixture(UUID proceeding, UUID caseId, UUID victim, UUID suspect, UUID charge, UUID hearing,
            UUID compensation) {
    }

    @BeforeEach
    void setUp() {
        w = ProsecutionFixtures.world(jdbc);
    }

    @AfterEach
    void tearDown() {
        signOut();
    }

    Fixture fixture() {
        signIn(w.investigator());
        UUID caseId = cases.aCase(w.shelter(), w.caseworker().userId(), w.police(), w.prosecution());
        UUID id = tracking.open(ProsecutionFixtures.aComplaint(w, today.minusDays(40)));
        UUID victim = victims.link(id, caseId, VictimLink.Role.VICTIM);
        tracking.move(id, 0, Stage.INVESTIGATION, today.minusDays(30), null);
        UUID suspect = adjudication.recordSuspect(id, ProsecutionFixtures.aSuspect("012 345 678", null),
                Suspect.SchemeRole.RECRUITER);
        tracking.move(id, 1, Stage.CHARGE, today.minusDays(20), null);
        UUID charge = adjudication.fileCharge(id, suspect, "KH2008-ART10", today.minusDays(20));
        tracking.move(id, 2, Stage.TRIAL, today.minusDays(15), null);
        UUID hearing = hearings.schedule(id, new HearingCalendar.ScheduleHearing(
                Instant.now().minus(12, ChronoUnit.DAYS), "Test Provincial Court", Hearing.Type.TRIAL, true,
                Set.of(Hearing.Measure.SCREEN)));
        tracking.move(id, 3, Stage.VERDICT, today.minusDays(10), null);
        UUID compensation = victims.orderCompensation(id, victim, suspect, new BigDecimal("500"), "USD",
                today.minusDays(10));
        signOut();
        return new Fixture(id, caseId, victim, suspect, charge, hearing, compensation);
    }

    Map<String, CurrentUser> users() {
        Map<String, CurrentUser> m = new LinkedHashMap<>();
        m.put("owner police investigator", w.investigator());
        m.put("involved prosecutor", w.prosecutor());
        m.put("involved legal officer", w.legalOfficer());
        m.put("case-owning shelter caseworker", w.caseworker());
        m.put("unrelated shelter caseworker", w.otherCaseworker());
        m.put("unrelated police investigator", w.otherInvestigator());
        m.put("aggregate-only analyst", w.analyst());
        m.put("aggregate-only donor", w.donor());
        return m;
    }

    MvcResult perform(MockHttpServletRequestBuilder request, CurrentUser user) throws Exception {
        return mvc.perform(request.with(as(user)).with(csrf())).andReturn();
    }

    @Test
    void proceedingPartPagesFollowTheReachOfTheProceeding() throws Exception {
        Fixture f = fixture();
        Map<String, Integer> expected = Map.of("owner police investigator", 200, "involved prosecutor", 200,
                "involved legal officer", 200, "case-owning shelter caseworker", 200,
                "unrelated shelter caseworker", 404, "unrelated police investigator", 404,
                "aggregate-only analyst", 404, "aggregate-only donor", 404);
        for (String part : new String[] {"suspects", "charges", "hearings", "victims", "verdicts"}) {
            for (var u : users().entrySet()) {
                MvcResult r = perform(get("/proceedings/" + f.proceeding() + "/" + part), u.getValue());
                assertThat(r.getResponse().getStatus()).as("GET %s as %s", part, u.getKey())
                        .isEqualTo(expected.get(u.getKey()));
                if (r.getResponse().getStatus() == 404) {
                    assertThat(r.getResponse().getContentAsString()).doesNotContain("Test Suspect")
                            .doesNotContain(f.caseId().toString());
                }
            }
        }
    }

    @Test
    void calendarTrainingsAndComplicityPagesByRole() throws Exception {
        Fixture f = fixture();
        Map<String, Map<String, Integer>> expected = new LinkedHashMap<>();
        expected.put("/proceedings/hearings?from=" + today.minusDays(30), Map.of("owner police investigator", 200,
                "involved prosecutor", 200, "involved legal officer", 200, "case-owning shelter caseworker", 200,
                "unrelated shelter caseworker", 200, "unrelated police investigator", 200,
                "aggregate-only analyst", 403, "aggregate-only donor", 403));
        expected.put("/proceedings/trainings", Map.of("owner police investigator", 200, "involved prosecutor", 200,
                "involved legal officer", 200, "case-owning shelter caseworker", 200,
                "unrelated shelter caseworker", 200, "unrelated police investigator", 200,
                "aggregate-only analyst", 200, "aggregate-only donor", 200));
        expected.put("/proceedings/complicity", Map.of("owner police investigator", 200, "involved prosecutor", 200,
                "involved legal officer", 200, "case-owning shelter caseworker", 403,
                "unrelated shelter caseworker", 403, "unrelated police investigator", 200,
                "aggregate-only analyst", 200, "aggregate-only donor", 403));
        for (var page : expected.entrySet()) {
            for (var u : users().entrySet()) {
                MvcResult r = perform(get(page.getKey()), u.getValue());
                assertThat(r.getResponse().getStatus()).as("GET %s as %s", page.getKey(), u.getKey())
                        .isEqualTo(page.getValue().get(u.getKey()));
            }
        }
        // the calendar lists the proceeding's hearing only to those who reach the proceeding
        String path = "/proceedings/hearings?from=" + today.minusDays(30);
        for (var u : users().entrySet()) {
            MvcResult r = perform(get(path), u.getValue());
            if (r.getResponse().getStatus() == 200) {
                boolean reaches = !u.getKey().startsWith("unrelated");
                assertThat(r.getResponse().getContentAsString().contains(f.proceeding().toString()))
                        .as("calendar of %s lists the hearing", u.getKey()).isEqualTo(reaches);
            }
        }
    }

    /** Expected answer of a page POST: "saved" (redirect with the saved flag), or an error status. */
    static final int SAVED = 0;

    @Test
    void everyPageFormByRoleAndRelation() throws Exception {
        Map<String, Function<Fixture, MockHttpServletRequestBuilder>> forms = new LinkedHashMap<>();
        String d = today.toString();
        forms.put("suspect", f -> post("/proceedings/" + f.proceeding() + "/suspects").param("name", "Test Suspect Kosal Demo")
                .param("role", "BROKER").param("aliases", "Test Alias One\nTest Alias Two")
                .param("identifierKind1", "PHONE").param("identifierValue1", "097 000 111"));
        forms.put("charge", f -> post("/proceedings/" + f.proceeding() + "/charges").param("suspectId", f.suspect().toString())
                .param("statuteCode", "KH2008-ART10").param("filedOn", d));
        forms.put("charge outcome", f -> post("/proceedings/" + f.proceeding() + "/charges/" + f.charge() + "/outcome")
                .param("version", "0").param("outcome", "CONVICTED"));
        forms.put("hearing", f -> post("/proceedings/" + f.proceeding() + "/hearings")
                .param("scheduledAt", java.time.LocalDateTime.now().plusDays(3).withNano(0).withSecond(0).toString())
                .param("court", "Test Appeal Court").param("type", "APPEAL").param("survivorTestifies", "true")
                .param("measures", "VIDEO_TESTIMONY", "ACCOMPANIMENT"));
        forms.put("hearing outcome", f -> post("/proceedings/" + f.proceeding() + "/hearings/" + f.hearing() + "/outcome")
                .param("version", "0").param("outcome", "HELD"));
        forms.put("link survivor", f -> post("/proceedings/" + f.proceeding() + "/victims")
                .param("caseId", cases.aCase(w.shelter(), w.caseworker().userId(), w.police()).toString())
                .param("role", "WITNESS"));
        forms.put("support", f -> post("/proceedings/" + f.proceeding() + "/victims/" + f.victim() + "/support")
                .param("kind", "ACCOMPANIMENT").param("givenOn", d));
        forms.put("cooperation", f -> post("/proceedings/" + f.proceeding() + "/victims/" + f.victim() + "/cooperation")
                .param("version", "0").param("safetyConcerns", "NO_CONTACT_WITH_DEFENDANT", "THREATS_RECEIVED")
                .param("cooperation", "COOPERATING").param("cooperationOn", d));
        forms.put("verdict", f -> post("/proceedings/" + f.proceeding() + "/verdicts/" + f.suspect())
                .param("version", "0").param("verdict", "CONVICTED").param("on", d).param("prisonMonths", "96")
                .param("fineAmount", "2000").param("fineCurrency", "usd"));
        forms.put("compensation", f -> post("/proceedings/" + f.proceeding() + "/compensation")
                .param("victimId", f.victim().toString()).param("suspectId", f.suspect().toString())
                .param("amount", "300.50").param("currency", "USD").param("orderedOn", d));
        forms.put("payment", f -> post("/proceedings/" + f.proceeding() + "/compensation/" + f.compensation() + "/payments")
                .param("amount", "200").param("paidOn", d));
        Map<String, Integer> writers = Map.of("owner police investigator", SAVED, "involved prosecutor", SAVED,
                "involved legal officer", 403, "case-owning shelter caseworker", 403,
                "unrelated shelter caseworker", 404, "unrelated police investigator", 404,
                "aggregate-only analyst", 404, "aggregate-only donor", 404);
        Map<String, Integer> survivorSide = new LinkedHashMap<>(writers);
        survivorSide.put("case-owning shelter caseworker", SAVED);
        for (var form : forms.entrySet()) {
            // the shelter's caseworker acts for their own survivors: support, cooperation, and linking another of
            // the shelter's survivors (the new case in "link survivor" is the shelter's)
            Map<String, Integer> expected = form.getKey().equals("support") || form.getKey().equals("cooperation")
                    || form.getKey().equals("link survivor") ? survivorSide : writers;
            for (var u : users().entrySet()) {
                Fixture f = fixture();
                MvcResult r = perform(form.getValue().apply(f), u.getValue());
                int want = expected.get(u.getKey());
                if (want == SAVED) {
                    assertThat(r.getResponse().getStatus()).as("%s as %s", form.getKey(), u.getKey()).isEqualTo(302);
                    assertThat(r.getFlashMap().get("errors")).as("%s as %s: %s", form.getKey(), u.getKey(),
                            r.getFlashMap().get("errors")).isNull();
                    assertThat(r.getFlashMap().get("saved")).as("%s as %s", form.getKey(), u.getKey()).isEqualTo(true);
                } else {
                    assertThat(r.getResponse().getStatus()).as("%s as %s", form.getKey(), u.getKey()).isEqualTo(want);
                }
            }
        }
        // trainings: recorded by police and prosecutors (and prevention officers), not by the others
        Map<String, Integer> training = Map.of("owner police investigator", SAVED, "involved prosecutor", SAVED,
                "involved legal officer", 403, "case-owning shelter caseworker", 403,
                "unrelated shelter caseworker", 403, "unrelated police investigator", SAVED,
                "aggregate-only analyst", 403, "aggregate-only donor", 403);
        for (var u : users().entrySet()) {
            MvcResult r = perform(post("/proceedings/trainings").param("heldOn", d).param("agency", "POLICE")
                    .param("topics", "NON_PUNISHMENT", "LAW_2008").param("female", "4").param("male", "11"), u.getValue());
            if (training.get(u.getKey()) == SAVED) {
                assertThat(r.getFlashMap().get("saved")).as("training as %s", u.getKey()).isEqualTo(true);
            } else {
                assertThat(r.getResponse().getStatus()).as("training as %s", u.getKey()).isEqualTo(training.get(u.getKey()));
            }
        }
    }

    @Test
    void pageFormsWriteThroughTheSameServices() throws Exception {
        Fixture f = fixture();
        perform(post("/proceedings/" + f.proceeding() + "/suspects").param("name", "Test Suspect Kosal Demo")
                .param("role", "FACILITATING_OFFICIAL").param("official", "true").param("officialAgency", "BORDER")
                .param("aliases", "Test Alias One\nTest Alias Two").param("identifierKind1", "PHONE")
                .param("identifierValue1", "+855 97 000 111"), w.investigator());
        signIn(w.investigator());
        var kosal = adjudication.defendants(f.proceeding()).stream()
                .filter(x -> x.suspect().name().equals("Test Suspect Kosal Demo")).findFirst().orElseThrow();
        assertThat(kosal.suspect().aliases()).containsExactly("Test Alias One", "Test Alias Two");
        assertThat(kosal.suspect().official()).isTrue();
        assertThat(kosal.suspect().officialAgency()).isEqualTo(Suspect.OfficialAgency.BORDER);
        assertThat(adjudication.findByIdentifier(Suspect.IdentifierKind.PHONE, "097000111"))
                .extracting(Suspect::id).contains(kosal.suspectId());
        // the name is sealed at rest
        byte[] sealed = jdbc.sql("select name_sealed from suspect where id = ?").param(kosal.suspectId())
                .query(byte[].class).single();
        assertThat(new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("Kosal");
        signOut();

        perform(post("/proceedings/" + f.proceeding() + "/victims/" + f.victim() + "/cooperation")
                .param("version", "0").param("safetyConcerns", "NO_CONTACT_WITH_DEFENDANT", "THREATS_RECEIVED")
                .param("cooperation", "COOPERATING").param("cooperationOn", today.toString()), w.caseworker());
        perform(post("/proceedings/" + f.proceeding() + "/hearings")
                .param("scheduledAt", java.time.LocalDateTime.now().plusDays(3).withNano(0).withSecond(0).toString())
                .param("court", "Test Appeal Court").param("type", "APPEAL").param("survivorTestifies", "true")
                .param("measures", "VIDEO_TESTIMONY", "ACCOMPANIMENT"), w.prosecutor());
        signIn(w.investigator());
        VictimLink v = victims.victims(f.proceeding()).get(0);
        assertThat(v.safetyConcerns()).containsExactlyInAnyOrder(VictimLink.SafetyConcern.NO_CONTACT_WITH_DEFENDANT,
                VictimLink.SafetyConcern.THREATS_RECEIVED);
        assertThat(v.cooperation()).isEqualTo(VictimLink.Cooperation.COOPERATING);
        Hearing appeal = hearings.hearings(f.proceeding()).stream().filter(h -> h.type() == Hearing.Type.APPEAL)
                .findFirst().orElseThrow();
        assertThat(appeal.survivorTestifies()).isTrue();
        assertThat(appeal.measures()).containsExactlyInAnyOrder(Hearing.Measure.VIDEO_TESTIMONY,
                Hearing.Measure.ACCOMPANIMENT);
    }

    @Test
    void survivorLevelReadsThroughPagesAreAudited() throws Exception {
        Fixture f = fixture();
        // exactly one audit event per page view, naming the survivor shown: the verdicts and course pages show the
        // survivors and the compensation ordered to them, read together (they used to record two events)
        for (String part : new String[] {"/victims", "/verdicts", ""}) {
            int before = caseReads(f.caseId());
            int allBefore = allCaseReads();
            String page = perform(get("/proceedings/" + f.proceeding() + part), w.prosecutor()).getResponse()
                    .getContentAsString();
            if (!part.isEmpty()) {
                assertThat(page).contains(f.caseId().toString());
            }
            assertThat(caseReads(f.caseId())).as("audited reads of the survivor on the page %s", part)
                    .isEqualTo(before + 1);
            assertThat(allCaseReads()).as("audited survivor reads on the page %s", part).isEqualTo(allBefore + 1);
        }
        int suspectReads = jdbc.sql("select count(*) from audit_event where action = 'suspect.read' "
                + "and subject_ids::text like ?").param("%" + f.suspect() + "%").query(Integer.class).single();
        perform(get("/proceedings/" + f.proceeding() + "/suspects"), w.investigator());
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'suspect.read' and subject_ids::text like ?")
                .param("%" + f.suspect() + "%").query(Integer.class).single()).isEqualTo(suspectReads + 1);
        // the legal officer, whom consent does not cover, sees the link but not the survivor: nothing to audit
        int before = caseReads(f.caseId());
        String legal = perform(get("/proceedings/" + f.proceeding() + "/victims"), w.legalOfficer()).getResponse()
                .getContentAsString();
        assertThat(legal).doesNotContain(f.caseId().toString()).contains("consent does not cover your organisation");
        assertThat(caseReads(f.caseId())).isEqualTo(before);
    }

    int allCaseReads() {
        return jdbc.sql("select count(*) from audit_event where action = 'case.read' and purpose = 'LEGAL_PROCEEDINGS'")
                .query(Integer.class).single();
    }

    int caseReads(UUID caseId) {
        return jdbc.sql("select count(*) from audit_event where action = 'case.read' and purpose = 'LEGAL_PROCEEDINGS' "
                + "and subject_ids::text like ?").param("%" + caseId + "%").query(Integer.class).single();
    }

    String followInKhmer(MvcResult posted, CurrentUser user) throws Exception {
        String target = posted.getResponse().getRedirectedUrl();
        assertThat(target).isNotNull();
        return mvc.perform(get(target).param("lang", "km").flashAttrs(posted.getFlashMap()).with(as(user)))
                .andReturn().getResponse().getContentAsString();
    }

    @Test
    void badInputOnPagesIsAFieldErrorInTheReadersLanguageAndWritesNothing() throws Exception {
        Fixture f = fixture();
        // unknown statute article
        MvcResult r = perform(post("/proceedings/" + f.proceeding() + "/charges").param("suspectId", f.suspect().toString())
                .param("statuteCode", "KH2008-ART999").param("filedOn", today.toString()), w.prosecutor());
        assertThat(r.getResponse().getStatus()).isEqualTo(302);
        assertThat(r.getFlashMap().get("fieldErrors")).isEqualTo(Map.of("statuteCode", "charge.statute.unknown"));
        assertThat(followInKhmer(r, w.prosecutor())).contains("មាត្រានោះមិនមាននៅក្នុងបញ្ជីច្បាប់ទេ។");
        assertThat(count("select count(*) from charge where proceeding_id = ?", f.proceeding())).isEqualTo(1);

        // negative amounts: compensation ordered, payment, fine, participants
        r = perform(post("/proceedings/" + f.proceeding() + "/compensation").param("victimId", f.victim().toString())
                .param("suspectId", f.suspect().toString()).param("amount", "-5").param("currency", "USD")
                .param("orderedOn", today.toString()), w.prosecutor());
        assertThat(r.getFlashMap().get("fieldErrors")).isEqualTo(Map.of("amount", "compensation.amount.negative"));
        assertThat(followInKhmer(r, w.prosecutor())).contains("ចំនួនទឹកប្រាក់មិនអាចអវិជ្ជមានបានទេ។");
        assertThat(count("select count(*) from compensation where proceeding_id = ?", f.proceeding())).isEqualTo(1);
        r = perform(post("/proceedings/" + f.proceeding() + "/compensation/" + f.compensation() + "/payments")
                .param("amount", "-1").param("paidOn", today.toString()), w.investigator());
        assertThat(r.getFlashMap().get("fieldErrors")).isEqualTo(Map.of("amount", "compensation.amount.negative"));
        String english = mvc.perform(get(r.getResponse().getRedirectedUrl()).flashAttrs(r.getFlashMap())
                .with(as(w.investigator()))).andReturn().getResponse().getContentAsString();
        assertThat(english).contains("An amount cannot be negative.");
        r = perform(post("/proceedings/" + f.proceeding() + "/verdicts/" + f.suspect()).param("version", "0")
                .param("verdict", "CONVICTED").param("on", today.toString()).param("prisonMonths", "-3")
                .param("fineAmount", "-100").param("fineCurrency", "USD"), w.prosecutor());
        assertThat(r.getFlashMap().get("fieldErrors")).isEqualTo(Map.of("prisonMonths", "verdict.prison.negative",
                "fineAmount", "compensation.amount.negative"));
        assertThat(count("select count(*) from compensation_payment p join compensation c on c.id = p.compensation_id "
                + "where c.proceeding_id = ?", f.proceeding())).isZero();
        assertThat(jdbc.sql("select verdict from proceeding_defendant where suspect_id = ?").param(f.suspect())
                .query(String.class).optional()).isEmpty();
        r = perform(post("/proceedings/trainings").param("heldOn", "not-a-date").param("agency", "POLICE")
                .param("topics", "ACTIP").param("female", "-1"), w.investigator());
        assertThat(r.getFlashMap().get("fieldErrors")).isEqualTo(Map.of("heldOn", "form.date.invalid"));
        r = perform(post("/proceedings/trainings").param("heldOn", today.toString()).param("agency", "POLICE")
                .param("topics", "ACTIP").param("female", "-1").param("place", "Test Training Hall " + f.proceeding()),
                w.investigator());
        assertThat(r.getFlashMap().get("fieldErrors")).isEqualTo(Map.of("participants", "training.participants.negative"));
        assertThat(followInKhmer(r, w.investigator())).contains("ចំនួនអ្នកចូលរួមមិនអាចអវិជ្ជមានបានទេ។");
        assertThat(count("select count(*) from official_training where place = ?", "Test Training Hall " + f.proceeding()))
                .isZero();

        // a hearing in the past for a closed proceeding
        signIn(w.investigator());
        tracking.move(f.proceeding(), tracking.get(f.proceeding()).version(), Stage.CLOSED, today, null);
        signOut();
        int hearingsBefore = count("select count(*) from hearing where proceeding_id = ?", f.proceeding());
        r = perform(post("/proceedings/" + f.proceeding() + "/hearings")
                .param("scheduledAt", java.time.LocalDateTime.now().minusDays(2).withNano(0).withSecond(0).toString())
                .param("court", "Test Provincial Court").param("type", "TRIAL"), w.investigator());
        @SuppressWarnings("unchecked")
        var errors = (java.util.List<org.haven.shared.web.InvalidInput.FieldError>) r.getFlashMap().get("errors");
        assertThat(errors).extracting(org.haven.shared.web.InvalidInput.FieldError::code)
                .containsExactly("hearing.pastForClosed");
        assertThat(followInKhmer(r, w.investigator())).contains("មិនអាចបន្ថែមសវនាការក្នុងអតីតកាលបានទេ");
        assertThat(count("select count(*) from hearing where proceeding_id = ?", f.proceeding())).isEqualTo(hearingsBefore);

        // a stale version is a message, not an error page
        r = perform(post("/proceedings/" + f.proceeding() + "/victims/" + f.victim() + "/cooperation")
                .param("version", "7").param("cooperation", "DECLINED"), w.caseworker());
        assertThat(errors(r)).containsExactly("proceeding.stale");
    }

    @SuppressWarnings("unchecked")
    static java.util.List<String> errors(MvcResult r) {
        var list = (java.util.List<org.haven.shared.web.InvalidInput.FieldError>) r.getFlashMap().get("errors");
        return list == null ? java.util.List.of() : list.stream().map(org.haven.shared.web.InvalidInput.FieldError::code).toList();
    }

    int count(String sql, Object param) {
        return jdbc.sql(sql).param(param).query(Integer.class).single();
    }
}
