package org.haven.reporting.web;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.haven.HavenIntegrationTest;
import org.haven.reporting.Dashboards;
import org.haven.reporting.Dashboards.Section;
import org.haven.reporting.ReportSummaries;
import org.haven.reporting.Reports;
import org.haven.reporting.disclosure.MarginAttacker;
import org.haven.reporting.disclosure.ProtectedTable;
import org.haven.security.CurrentUser;
import org.haven.security.OrganisationType;
import org.haven.security.Role;
import org.haven.security.SecurityFixtures;
import org.haven.shared.web.Forbidden;
import org.haven.shared.web.InvalidInput;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.haven.security.SecurityFixtures.as;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Role dashboards on a constructed data set (cases, services, follow-ups, proceedings and outreach of organisations
 * created for this test, spread over 2019 and three provinces): after a summary refresh, every figure of every
 * section, for each role, organisation and province filter, equals an independent SQL count over the case,
 * prosecution and outreach tables; aggregate views hide small cells unrecoverably; figures stay as of the refresh
 * until the next one; reach, the pages in English and Khmer, and the home-page panels.
 */
@HavenIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardIT {

    static final YearMonth FROM = YearMonth.of(2019, 1);
    static final YearMonth TO = YearMonth.of(2019, 12);
    static final String[] ORIGINS = {"0102", "0203", "01", "1204", null};
    static final String[] SEX = {"FEMALE", "FEMALE", "MALE", "FEMALE", "UNKNOWN"};
    static final String[] STATUS = {"OPEN", "ACTIVE", "ACTIVE", "REINTEGRATION", "CLOSED"};
    static final String[] SERVICES = {"SHELTER", "MEDICAL", "PSYCHOSOCIAL", "LEGAL_AID"};
    static final String[] STAGES = {"COMPLAINT", "INVESTIGATION", "INVESTIGATION", "ARREST", "CHARGE", "TRIAL",
            "VERDICT", "CLOSED", "DROPPED"};
    static final String[] FORMS = {"SEXUAL_EXPLOITATION", "FORCED_LABOUR", "FORCED_MARRIAGE"};
    static final String[] METHODS = {"DRAMA", "SCHOOL_SESSION", "COMMUNITY_MEETING", "RADIO_TV"};
    static final String[] REFERRAL_STATUSES = {"SENT", "ACCEPTED", "ACCEPTED", "IN_PROGRESS", "COMPLETED",
            "DECLINED", "WITHDRAWN"};

    @Autowired
    Dashboards dashboards;
    @Autowired
    ReportSummaries summaries;
    @Autowired
    org.haven.reporting.ReferralSummary referralSummary;
    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    org.springframework.transaction.support.TransactionTemplate transactions;

    UUID shelter;
    UUID otherShelter;
    List<UUID> shelterCases;
    UUID police;
    UUID ngo;
    UUID thaiMinistry;
    CurrentUser caseworker;
    CurrentUser supervisor;
    CurrentUser otherCaseworker;
    CurrentUser investigator;
    CurrentUser legalOfficer;
    CurrentUser preventionOfficer;
    CurrentUser analyst;
    CurrentUser donor;
    CurrentUser thaiAnalyst;

    @BeforeAll
    void constructDataSet() {
        SecurityFixtures fixtures = new SecurityFixtures(jdbc);
        shelter = fixtures.organisation(OrganisationType.SHELTER);
        otherShelter = fixtures.organisation(OrganisationType.SHELTER);
        police = fixtures.organisation(OrganisationType.POLICE);
        ngo = fixtures.organisation(OrganisationType.PREVENTION_NGO);
        thaiMinistry = fixtures.organisation(OrganisationType.MINISTRY, "TH");
        caseworker = fixtures.user(shelter, Role.CASEWORKER);
        supervisor = fixtures.user(shelter, Role.CASE_SUPERVISOR);
        legalOfficer = fixtures.user(shelter, Role.LEGAL_OFFICER);
        otherCaseworker = fixtures.user(otherShelter, Role.CASEWORKER);
        investigator = fixtures.user(police, Role.POLICE_INVESTIGATOR);
        preventionOfficer = fixtures.user(ngo, Role.PREVENTION_OFFICER);
        analyst = fixtures.user(fixtures.organisation(OrganisationType.MINISTRY), Role.DATA_ANALYST);
        donor = fixtures.user(fixtures.organisation(OrganisationType.DONOR), Role.DONOR_VIEWER);
        thaiAnalyst = fixtures.user(thaiMinistry, Role.DATA_ANALYST);
        Random random = new Random(7);
        List<UUID> shelterCases = new ArrayList<>();
        List<UUID> otherCases = new ArrayList<>();
        for (int i = 0; i < 140; i++) {
            shelterCases.add(aCase(shelter, i, random));
        }
        for (int i = 0; i < 9; i++) {
            otherCases.add(aCase(otherShelter, 1000 + i, random));
        }
        // Referrals sent from late 2018 to early 2020: most from the shelter to the other shelter, some back, a few
        // to the police and one abroad (received outside the country: not counted as received there).
        for (int i = 0; i < 110; i++) {
            UUID to = i % 9 == 0 ? police : i == 5 ? thaiMinistry : otherShelter;
            aReferral(shelterCases.get(random.nextInt(shelterCases.size())), shelter, to, random);
        }
        for (int i = 0; i < 14; i++) {
            aReferral(otherCases.get(random.nextInt(otherCases.size())), otherShelter, shelter, random);
        }
        referralSummary.refresh();
        this.shelterCases = shelterCases;
        UUID creator = investigator.userId();
        for (int i = 0; i < 120; i++) {
            LocalDate complaint = LocalDate.of(2018, 11, 1).plusDays(random.nextInt(450));
            String province = i % 4 == 0 ? "02" : i % 7 == 0 ? null : "01";
            jdbc.sql("""
                    insert into proceeding (id, owner_organisation_id, country_code, province_code, exploitation_form,
                                            stage, stage_since, complaint_on, created_by)
                    values (?, ?, 'KH', ?, ?, ?, ?, ?, ?)""")
                    .params(UUID.randomUUID(), police, province, FORMS[random.nextInt(FORMS.length)],
                            STAGES[random.nextInt(STAGES.length)], complaint, complaint, creator)
                    .update();
        }
        for (int i = 0; i < 60; i++) {
            LocalDate day = LocalDate.of(2018, 12, 1).plusDays(random.nextInt(420));
            jdbc.sql("""
                    insert into outreach_activity (id, organisation_id, method, activity_date, place_code, f_18_24,
                                                   m_25_59, o_12_17, created_by)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(UUID.randomUUID(), ngo, METHODS[random.nextInt(METHODS.length)], day,
                            i % 3 == 0 ? "0203" : "010201", random.nextInt(30), random.nextInt(20),
                            random.nextInt(4), preventionOfficer.userId())
                    .update();
        }
        summaries.refresh();
    }

    /** A survivor and case of the organisation, identified in late 2018 to early 2020, with services and follow-ups. */
    private UUID aCase(UUID organisation, int i, Random random) {
        UUID survivor = UUID.randomUUID();
        UUID caseId = UUID.randomUUID();
        LocalDate identified = LocalDate.of(2018, 11, 15).plusDays(random.nextInt(480));
        jdbc.sql("""
                insert into survivor (id, organisation_id, identity_sealed, sex, birth_year, nationality,
                                      origin_place_code)
                values (?, ?, ?, ?, ?, 'KHM', ?)""")
                .params(survivor, organisation, new byte[] {1, 2, 3}, SEX[random.nextInt(SEX.length)],
                        1970 + random.nextInt(40), ORIGINS[random.nextInt(ORIGINS.length)])
                .update();
        jdbc.sql("""
                insert into survivor_case (id, survivor_id, organisation_id, case_code, status, risk_level,
                                           identified_on, identification_channel)
                values (?, ?, ?, ?, ?, 'MEDIUM', ?, 'HOTLINE')""")
                .params(caseId, survivor, organisation, "DSH-" + caseId.toString().substring(0, 13),
                        STATUS[random.nextInt(STATUS.length)], identified)
                .update();
        for (int s = 0; s < random.nextInt(3); s++) {
            jdbc.sql("insert into case_service (id, case_id, service_type, started_on) values (?, ?, ?, ?)")
                    .params(UUID.randomUUID(), caseId, SERVICES[random.nextInt(SERVICES.length)],
                            identified.plusDays(random.nextInt(90)))
                    .update();
        }
        for (int m : new int[] {3, 6}) {
            LocalDate due = identified.plusMonths(m);
            jdbc.sql("insert into case_follow_up (id, case_id, months_after, due_on, done_on) values (?, ?, ?, ?, ?)")
                    .params(UUID.randomUUID(), caseId, m, due, random.nextBoolean() ? due.plusDays(3) : null)
                    .update();
        }
        return caseId;
    }

    /** A referral of the case, sent at a random time between November 2018 and January 2020, in some status. */
    private void aReferral(UUID caseId, UUID from, UUID to, Random random) {
        aReferral(caseId, from, to, random, java.time.OffsetDateTime.parse("2018-11-20T08:00:00+07:00")
                .plusHours(random.nextInt(430 * 24)));
    }

    private void aReferral(UUID caseId, UUID from, UUID to, Random random, java.time.OffsetDateTime sent) {
        jdbc.sql("""
                insert into referral (id, case_id, case_code, from_org_id, to_org_id, sent_by, services, reason,
                                      urgency, age_band, sex, status, sent_at, respond_by)
                values (?, ?, 'DSH-REF', ?, ?, ?, array['SHELTER'], 'Test referral', 'NORMAL', 'ADULT', 'FEMALE', ?,
                        ?, ?)""")
                .params(UUID.randomUUID(), caseId, from, to, caseworker.userId(),
                        REFERRAL_STATUSES[random.nextInt(REFERRAL_STATUSES.length)], sent, sent.plusDays(3))
                .update();
    }

    // ---- independent counts over the case, prosecution and outreach tables --------------------------------------

    private Map<String, Map<String, Long>> truth(Section section, List<UUID> orgs, String province) {
        Map<String, Map<String, Long>> t = new HashMap<>();
        String orgList = orgs.stream().map(o -> "'" + o + "'").reduce((a, b) -> a + "," + b).orElseThrow();
        String p = province == null ? "" : " and %s like '" + province + "%%'";
        String from = "date '" + FROM.atDay(1) + "'";
        String to = "date '" + TO.atEndOfMonth() + "'";
        String sql;
        switch (section) {
            case CASELOAD:
                sql = "select sc.status, 'CASES', count(*) from survivor_case sc join survivor s on s.id = sc.survivor_id "
                        + "where sc.organisation_id in (" + orgList + ")" + p.formatted("s.origin_place_code")
                        + " group by 1, 2";
                break;
            case IDENTIFICATIONS:
                sql = "select to_char(sc.identified_on, 'YYYY-MM'), s.sex, count(*) from survivor_case sc "
                        + "join survivor s on s.id = sc.survivor_id where sc.organisation_id in (" + orgList + ")"
                        + p.formatted("s.origin_place_code") + " and sc.identified_on between " + from + " and " + to
                        + " group by 1, 2";
                break;
            case SERVICES:
                sql = "select sv.service_type, 'SERVICES', count(*) from case_service sv "
                        + "join survivor_case sc on sc.id = sv.case_id join survivor s on s.id = sc.survivor_id "
                        + "where sc.organisation_id in (" + orgList + ")" + p.formatted("s.origin_place_code")
                        + " and sv.started_on between " + from + " and " + to + " group by 1, 2";
                break;
            case FOLLOW_UPS:
                sql = "select to_char(f.due_on, 'YYYY-MM'), case when f.done_on is null then 'NOT_DONE' else 'DONE' end, "
                        + "count(*) from case_follow_up f join survivor_case sc on sc.id = f.case_id "
                        + "join survivor s on s.id = sc.survivor_id where sc.organisation_id in (" + orgList + ")"
                        + p.formatted("s.origin_place_code") + " and f.due_on between " + from + " and " + to
                        + " group by 1, 2";
                break;
            case REFERRALS:
            case REFERRAL_STATUSES: {
                String key = section == Section.REFERRALS
                        ? "to_char(r.sent_at at time zone 'Asia/Phnom_Penh', 'YYYY-MM')" : "r.status";
                String common = " from referral r join survivor_case sc on sc.id = r.case_id "
                        + "join survivor s on s.id = sc.survivor_id where r.sent_at >= timestamptz '" + FROM.atDay(1)
                        + " 00:00+07' and r.sent_at < timestamptz '" + TO.plusMonths(1).atDay(1) + " 00:00+07'"
                        + p.formatted("s.origin_place_code");
                sql = "select " + key + ", 'OUTGOING', count(*)" + common + " and r.from_org_id in (" + orgList
                        + ") group by 1 union all select " + key + ", 'INCOMING', count(*)" + common
                        + " and r.to_org_id in (" + orgList + ") group by 1";
                break;
            }
            case PROCEEDINGS:
                sql = "select stage, 'PROCEEDINGS', count(*) from proceeding where owner_organisation_id in ("
                        + orgList + ")" + p.formatted("province_code") + " and complaint_on between " + from
                        + " and " + to + " group by 1, 2";
                break;
            default:
                sql = "select method, 'FEMALE', sum(f_0_11 + f_12_17 + f_18_24 + f_25_59 + f_60_plus) from outreach_activity "
                        + "where organisation_id in (" + orgList + ")" + p.formatted("place_code")
                        + " and activity_date between " + from + " and " + to + " group by 1 union all "
                        + "select method, 'MALE', sum(m_0_11 + m_12_17 + m_18_24 + m_25_59 + m_60_plus) from outreach_activity "
                        + "where organisation_id in (" + orgList + ")" + p.formatted("place_code")
                        + " and activity_date between " + from + " and " + to + " group by 1 union all "
                        + "select method, 'OTHER', sum(o_0_11 + o_12_17 + o_18_24 + o_25_59 + o_60_plus) from outreach_activity "
                        + "where organisation_id in (" + orgList + ")" + p.formatted("place_code")
                        + " and activity_date between " + from + " and " + to + " group by 1";
        }
        jdbc.sql(sql).query(rs -> {
            t.computeIfAbsent(rs.getString(1), x -> new HashMap<>()).merge(rs.getString(2), rs.getLong(3), Long::sum);
        });
        return t;
    }

    /** Checks every cell and margin of every figure against the independent counts; returns the cells checked. */
    private int checkAll(Dashboards.Dashboard d, List<UUID> orgs, String province, int threshold) {
        int checked = 0;
        for (Map.Entry<Section, Reports.Figure> e : d.figures().entrySet()) {
            Map<String, Map<String, Long>> truth = truth(e.getKey(), orgs, province);
            ProtectedTable t = e.getValue().table();
            String figure = e.getValue().id() + " " + orgs + " " + province;
            for (String row : truth.keySet()) {
                assertThat(t.rowKeys()).as(figure + ": every counted row is shown").contains(row);
            }
            long grand = 0;
            long[] columns = new long[t.columnKeys().size()];
            for (int r = 0; r < t.rowKeys().size(); r++) {
                long rowSum = 0;
                for (int c = 0; c < t.columnKeys().size(); c++) {
                    long n = truth.getOrDefault(t.rowKeys().get(r), Map.of()).getOrDefault(t.columnKeys().get(c), 0L);
                    check(t.cell(r, c), n, threshold, figure);
                    rowSum += n;
                    columns[c] += n;
                    checked++;
                }
                check(t.rowTotal(r), rowSum, threshold, figure);
                grand += rowSum;
            }
            for (int c = 0; c < columns.length; c++) {
                check(t.columnTotal(c), columns[c], threshold, figure);
            }
            check(t.grandTotal(), grand, threshold, figure);
            long all = truth.values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum();
            assertThat(grand).as(figure + ": nothing counted falls outside the table").isEqualTo(all);
            if (threshold > 1) {
                assertThat(MarginAttacker.recover(t)).as(figure).isEmpty();
            }
        }
        return checked;
    }

    private static void check(ProtectedTable.Cell cell, long truth, int threshold, String figure) {
        if (cell.suppressed()) {
            assertThat(threshold).as(figure + ": suppressed in an exact view").isGreaterThan(1);
            assertThat(truth).as(figure).isPositive();
        } else {
            assertThat(cell.value()).as(figure).isEqualTo(truth);
            assertThat(truth == 0 || truth >= threshold).as(figure + " shows a small count " + truth).isTrue();
        }
    }

    private Dashboards.Dashboard view(CurrentUser user, UUID organisation, String province) {
        SecurityFixtures.signIn(user);
        try {
            return dashboards.dashboard(new Dashboards.Filter(FROM, TO, organisation, province));
        } finally {
            SecurityFixtures.signOut();
        }
    }

    // ---- tests ----------------------------------------------------------------------------------------------------

    @Test
    void caseworkersAndSupervisorsSeeTheExactFiguresOfTheirOrganisation() {
        for (CurrentUser user : List.of(caseworker, supervisor)) {
            for (String province : new String[] {null, "01", "02"}) {
                Dashboards.Dashboard d = view(user, null, province);
                assertThat(d.filter().organisationId()).isEqualTo(shelter);
                assertThat(d.exact()).isTrue();
                assertThat(d.figures().keySet()).containsExactly(Section.CASELOAD, Section.IDENTIFICATIONS,
                        Section.SERVICES, Section.FOLLOW_UPS, Section.REFERRALS, Section.REFERRAL_STATUSES);
                assertThat(checkAll(d, List.of(shelter), province, 1)).isGreaterThan(40);
            }
        }
        // Shown, not hidden: the caseload of the shelter has several statuses with fewer than 11 cases in a province.
        Dashboards.Dashboard d = view(caseworker, null, "02");
        assertThat(d.figures().get(Section.CASELOAD).table().suppressedCount()).isZero();
        assertThat(d.figures().get(Section.CASELOAD).table().grandTotal().value()).isPositive();
    }

    @Test
    void legalOfficersPoliceAndPreventionOfficersSeeTheirSections() {
        Dashboards.Dashboard legal = view(legalOfficer, null, null);
        assertThat(legal.figures().keySet()).containsExactly(Section.CASELOAD, Section.IDENTIFICATIONS,
                Section.SERVICES, Section.FOLLOW_UPS, Section.REFERRALS, Section.REFERRAL_STATUSES,
                Section.PROCEEDINGS);
        checkAll(legal, List.of(shelter), null, 1);
        for (String province : new String[] {null, "01", "02"}) {
            Dashboards.Dashboard d = view(investigator, null, province);
            assertThat(d.figures().keySet()).containsExactly(Section.PROCEEDINGS);
            assertThat(checkAll(d, List.of(police), province, 1)).isEqualTo(Dashboards.STAGES.size());
            Dashboards.Dashboard o = view(preventionOfficer, null, province);
            assertThat(o.figures().keySet()).containsExactly(Section.OUTREACH);
            checkAll(o, List.of(ngo), province, 1);
        }
        assertThat(view(investigator, null, null).figures().get(Section.PROCEEDINGS).table().grandTotal().value())
                .as("2019 complaints of the constructed proceedings").isGreaterThan(50);
    }

    @Test
    void analystsAndDonorsSeeEveryOrganisationOfTheirCountryWithSmallCellsHiddenUnrecoverably() {
        for (CurrentUser user : List.of(analyst, donor)) {
            Dashboards.Dashboard all = view(user, null, null);
            assertThat(all.figures().keySet()).containsExactly(Section.values());
            assertThat(all.exact()).isFalse();
            assertThat(all.threshold()).isEqualTo(11);
            assertThat(all.reach()).extracting(Dashboards.Organisation::id).contains(shelter, otherShelter, police, ngo)
                    .doesNotContain(thaiMinistry);
            checkAll(all, all.reach().stream().map(Dashboards.Organisation::id).toList(), null, 11);
            int suppressed = 0;
            for (UUID org : List.of(shelter, otherShelter, police, ngo)) {
                for (String province : new String[] {null, "01", "02"}) {
                    Dashboards.Dashboard d = view(user, org, province);
                    checkAll(d, List.of(org), province, 11);
                    suppressed += d.figures().values().stream().mapToInt(f -> f.table().suppressedCount()).sum();
                }
            }
            assertThat(suppressed).as("the constructed data has small cells to hide").isGreaterThan(10);
        }
    }

    @Test
    void referralsSentAndReceivedAreCountedForTheirOrganisationAndCountry() throws Exception {
        Dashboards.Dashboard mine = view(caseworker, null, null);
        ProtectedTable byMonth = mine.figures().get(Section.REFERRALS).table();
        ProtectedTable byStatus = mine.figures().get(Section.REFERRAL_STATUSES).table();
        assertThat(byMonth.rowKeys()).hasSize(12).first().isEqualTo("2019-01");
        assertThat(byMonth.columnKeys()).containsExactly("OUTGOING", "INCOMING");
        assertThat(byStatus.rowKeys()).startsWith("SENT", "ACCEPTED", "IN_PROGRESS", "COMPLETED", "DECLINED",
                "WITHDRAWN");
        assertThat(byMonth.columnTotal(0).value()).as("2019 referrals sent by the shelter").isGreaterThan(50)
                .isEqualTo(byStatus.columnTotal(0).value());
        assertThat(byMonth.columnTotal(1).value()).as("received from the other shelter").isPositive()
                .isEqualTo(byStatus.columnTotal(1).value());
        Dashboards.Dashboard other = view(otherCaseworker, null, null);
        assertThat(other.figures().get(Section.REFERRALS).table().columnTotal(1).value())
                .as("the other shelter received most of the shelter's referrals").isGreaterThan(40);
        // Those whose roles neither send nor receive referrals do not see them; analysts see the country's.
        assertThat(view(investigator, null, null).figures()).doesNotContainKey(Section.REFERRALS);
        assertThat(view(preventionOfficer, null, null).figures()).doesNotContainKey(Section.REFERRAL_STATUSES);
        // The API and the home page carry the same figures.
        String json = mvc.perform(get("/api/v1/reports/dashboard").param("from", "2019-01").param("to", "2019-12")
                .with(as(caseworker))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(json).contains("\"referralsByMonth\"", "\"referralsByStatus\"", "\"OUTGOING\"", "\"INCOMING\"");
        String police = mvc.perform(get("/api/v1/reports/dashboard").with(as(investigator)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(police).doesNotContain("referralsBy");
        String home = mvc.perform(get("/").with(as(caseworker))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(home).contains("Referrals sent and received by month");
        String analystHome = mvc.perform(get("/").param("lang", "km").with(as(analyst))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(analystHome).contains("ការបញ្ជូនបន្តដែលបានផ្ញើ និងទទួល តាមខែ");
        String page = mvc.perform(get("/reports/dashboard").param("from", "2019-01").param("to", "2019-12")
                .param("lang", "km").with(as(caseworker))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("data-figure=\"referralsByMonth\"", "data-figure=\"referralsByStatus\"",
                "បានផ្ញើ", "បានទទួល", "<td>" + byMonth.grandTotal().value() + "</td>", "តួលេខការបញ្ជូនបន្តគិតត្រឹម");
        assertThat(json).contains("\"referralsAsOf\"");
        // As of the referral summary's refresh: a new referral counts after the next one.
        long sent = byMonth.grandTotal().value();
        aReferral(shelterCases.get(0), shelter, otherShelter, new Random(3),
                java.time.OffsetDateTime.parse("2019-06-15T09:00:00+07:00"));
        Dashboards.Dashboard stale = transactions.execute(tx -> {
            jdbc.sql("select pg_advisory_xact_lock(?)").param(0x7270745f726566L).query(Object.class).single();
            return view(caseworker, null, null);
        });
        assertThat(stale.figures().get(Section.REFERRALS).table().grandTotal().value()).isEqualTo(sent);
        assertThat(stale.referralsAsOf()).isEqualTo(mine.referralsAsOf());
        Thread.sleep(5);
        referralSummary.refresh();
        Dashboards.Dashboard fresh = view(caseworker, null, null);
        assertThat(fresh.referralsAsOf()).isAfter(mine.referralsAsOf());
        checkAll(fresh, List.of(shelter), null, 1);
        assertThat(fresh.figures().get(Section.REFERRAL_STATUSES).table().grandTotal().value()).isEqualTo(sent + 1);
    }

    @Test
    void reachIsEnforced() {
        assertThatThrownBy(() -> view(caseworker, otherShelter, null)).isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> view(investigator, shelter, null)).isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> view(thaiAnalyst, shelter, null)).isInstanceOf(Forbidden.class);
        assertThatThrownBy(() -> view(analyst, UUID.randomUUID(), null)).isInstanceOf(Forbidden.class);
        assertThat(view(caseworker, shelter, null).exact()).isTrue();
        assertThat(view(thaiAnalyst, null, null).reach()).extracting(Dashboards.Organisation::id)
                .containsExactly(thaiMinistry);
        SecurityFixtures.signIn(caseworker);
        try {
            assertThatThrownBy(() -> dashboards.dashboard(new Dashboards.Filter(TO, FROM, null, null)))
                    .isInstanceOf(InvalidInput.class);
            assertThatThrownBy(() -> dashboards.dashboard(new Dashboards.Filter(FROM, FROM.plusMonths(60), null, null)))
                    .isInstanceOf(InvalidInput.class);
            assertThatThrownBy(() -> dashboards.dashboard(new Dashboards.Filter(FROM, TO, null, "Phnom Penh")))
                    .isInstanceOf(InvalidInput.class);
        } finally {
            SecurityFixtures.signOut();
        }
    }

    @Test
    void figuresStayAsOfTheRefreshUntilTheNextOne() throws Exception {
        Dashboards.Dashboard before = view(otherCaseworker, null, null);
        long identified = before.figures().get(Section.IDENTIFICATIONS).table().grandTotal().value();
        long caseload = before.figures().get(Section.CASELOAD).table().grandTotal().value();
        aCase(otherShelter, 2000, new Random(11));
        // Hold the refresh lock meanwhile, so that the scheduled refresh cannot run between the change and the check.
        Dashboards.Dashboard stale = transactions.execute(tx -> {
            jdbc.sql("select pg_advisory_xact_lock(?)").param(ReportSummaries.REFRESH_LOCK).query(Object.class).single();
            return view(otherCaseworker, null, null);
        });
        assertThat(stale.figures().get(Section.CASELOAD).table().grandTotal().value()).isEqualTo(caseload);
        assertThat(stale.asOf()).isEqualTo(before.asOf());
        Thread.sleep(5);
        summaries.refresh();
        Dashboards.Dashboard fresh = view(otherCaseworker, null, null);
        assertThat(fresh.asOf()).isAfter(before.asOf());
        assertThat(fresh.figures().get(Section.CASELOAD).table().grandTotal().value()).isEqualTo(caseload + 1);
        checkAll(fresh, List.of(otherShelter), null, 1);
        assertThat(fresh.figures().get(Section.IDENTIFICATIONS).table().grandTotal().value())
                .isGreaterThanOrEqualTo(identified);
        OffsetDateTime asOf = summaries.asOf().orElseThrow();
        assertThat(asOf).isEqualTo(fresh.asOf());
    }

    @Test
    void aNewInstallationBuildsTheSummariesOnFirstUse() {
        jdbc.sql("delete from rpt_refresh").update();
        jdbc.sql("delete from rpt_caseload").update();
        assertThat(summaries.asOf()).isEmpty();
        Dashboards.Dashboard d = view(caseworker, null, null);
        assertThat(summaries.asOf()).contains(d.asOf());
        checkAll(d, List.of(shelter), null, 1);
        assertThat(d.figures().get(Section.CASELOAD).table().grandTotal().value()).isPositive();
    }

    @Test
    void thePageInEnglishAndKhmerShowsInlineSvgChartsTheTablesAndTheirFreshness() throws Exception {
        String en = mvc.perform(get("/reports/dashboard").param("from", "2019-01").param("to", "2019-12")
                .param("province", "01").with(as(caseworker))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(en).contains("<svg", "class=\"bar\"", "data-figure=\"caseloadByStatus\"",
                "data-figure=\"followUpsByMonth\"", "Figures as of", "Caseload by status")
                .doesNotContain("data-figure=\"proceedingsByStage\"", "style=\"", "<script>", "src=\"http");
        // The numbers on the page are those of the service.
        Dashboards.Dashboard d = view(caseworker, null, "01");
        assertThat(en).contains("<td>" + d.figures().get(Section.CASELOAD).table().grandTotal().value() + "</td>");
        String km = mvc.perform(get("/reports/dashboard").param("from", "2019-01").param("to", "2019-12")
                .param("lang", "km").with(as(caseworker))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(km).contains("ផ្ទាំងព័ត៌មាន", "តួលេខគិតត្រឹម", "<svg");
        String analystPage = mvc.perform(get("/reports/dashboard").param("from", "2019-01").param("to", "2019-12")
                .param("organisation", police.toString()).with(as(analyst))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(analystPage).contains("data-figure=\"proceedingsByStage\"", "data-figure=\"outreachByMethodAndSex\"",
                "x = not shown");
        mvc.perform(get("/reports/dashboard").param("organisation", otherShelter.toString()).with(as(caseworker)))
                .andExpect(status().isForbidden());
        mvc.perform(get("/reports/dashboard").param("from", "March").with(as(caseworker)))
                .andExpect(status().isBadRequest());
        String json = mvc.perform(get("/api/v1/reports/dashboard").param("from", "2019-01").param("to", "2019-12")
                .with(as(investigator))).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(json).contains("\"proceedingsByStage\"", "\"exact\":true").doesNotContain("caseloadByStatus");
    }

    @Test
    void theHomePageShowsTheDashboardPanelsOfEachRole() throws Exception {
        Map<CurrentUser, List<String>> expected = new HashMap<>();
        expected.put(caseworker, List.of("Casework, last 12 months"));
        expected.put(legalOfficer, List.of("Casework, last 12 months", "Proceedings, last 12 months"));
        expected.put(investigator, List.of("Proceedings, last 12 months"));
        expected.put(preventionOfficer, List.of("Outreach, last 12 months"));
        expected.put(analyst, List.of("National figures, last 12 months"));
        expected.put(donor, List.of("National figures, last 12 months"));
        List<String> all = List.of("Casework, last 12 months", "Proceedings, last 12 months",
                "Outreach, last 12 months", "National figures, last 12 months");
        for (Map.Entry<CurrentUser, List<String>> e : expected.entrySet()) {
            String home = mvc.perform(get("/").with(as(e.getKey()))).andExpect(status().isOk())
                    .andReturn().getResponse().getContentAsString();
            List<String> absent = new ArrayList<>(all);
            absent.removeAll(e.getValue());
            assertThat(home).as(e.getKey().roles().toString()).contains(e.getValue()).contains("Figures as of")
                    .doesNotContain(absent.toArray(String[]::new)).doesNotContain("style=\"");
        }
        String km = mvc.perform(get("/").param("lang", "km").with(as(caseworker))).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(km).contains("ការងារករណី ១២ ខែចុងក្រោយ");
    }
}
