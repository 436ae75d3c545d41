package org.haven.referrals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.haven.HavenIntegrationTest;
import org.haven.cases.CaseManagement;
import org.haven.referrals.ReferralFixtures.Scene;
import org.haven.referrals.ReferralViews.IndicatorRow;
import org.haven.referrals.ReferralViews.MakeReferral;
import org.haven.security.CurrentUser;
import org.haven.security.OrganisationType;
import org.haven.security.Role;
import org.haven.security.SecurityFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.haven.security.SecurityFixtures.as;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Referral indicators for a supervisor over a constructed data set (answers and their times set exactly), checked
 * against hand-computed figures and against an independent SQL query written here (its own grouping with
 * generate_subscripts, its own definition of "accepted" and the median computed in Java).
 */
@HavenIntegrationTest
class ReferralIndicatorsIT {

    @Autowired
    MockMvc mvc;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CaseManagement caseManagement;
    @Autowired
    ServiceDirectory directory;
    @Autowired
    ReferralManagement referrals;

    @AfterEach
    void signOut() {
        SecurityFixtures.signOut();
    }

    /** Sets a referral's answer: status, hours from sending to the answer (null: none), decline reason. */
    void answer(UUID id, String status, Integer hours, String declineReason) {
        jdbc.sql("""
                update referral set status = ?, sent_at = now() - interval '10 days',
                  responded_at = case when cast(? as integer) is null then null
                                      else now() - interval '10 days' + make_interval(hours => cast(? as integer)) end,
                  decline_reason = ?,
                  closed_at = case when ? in ('DECLINED', 'COMPLETED', 'WITHDRAWN') then now() else null end
                where id = ?""").params(status, hours, hours, declineReason, status, id).update();
    }

    UUID send(CurrentUser from, UUID caseId, UUID to, String... services) {
        SecurityFixtures.signIn(from);
        try {
            return referrals.send(new MakeReferral(caseId, to, List.of(services), "Test reason", "NORMAL", null));
        } finally {
            SecurityFixtures.signOut();
        }
    }

    record Key(String direction, UUID organisation, String service) {
    }

    record Figures(long sent, long accepted, long declined, long completed, Double median, Double rate) {
    }

    @Test
    void indicatorsMatchHandFiguresAndAnIndependentQuery() throws Exception {
        ReferralFixtures fx = new ReferralFixtures(jdbc, caseManagement, directory, referrals);
        Scene s = fx.scene();
        fx.consent(s);
        UUID ministry = fx.security.organisation(OrganisationType.MINISTRY);
        CurrentUser ministryUser = fx.security.user(ministry, Role.CASEWORKER);
        fx.publish(ministryUser, "REPATRIATION");
        fx.publish(ministryUser, "FAMILY_TRACING");
        fx.cases.sharingConsent(s.caseworker(), s.caseId(), ministry);

        // to the legal-aid organisation, LEGAL_AID: answered after 10, 20, 2 (declined) and 30 hours; one unanswered
        answer(send(s.caseworker(), s.caseId(), s.receiver(), "LEGAL_AID"), "COMPLETED", 10, null);
        answer(send(s.caseworker(), s.caseId(), s.receiver(), "LEGAL_AID"), "IN_PROGRESS", 20, null);
        answer(send(s.caseworker(), s.caseId(), s.receiver(), "LEGAL_AID"), "DECLINED", 2, "Test: no lawyer free");
        answer(send(s.caseworker(), s.caseId(), s.receiver(), "LEGAL_AID"), "SENT", null, null);
        answer(send(s.caseworker(), s.caseId(), s.receiver(), "LEGAL_AID"), "WITHDRAWN", 30, null);
        // to the ministry: one referral for two services, one for one
        answer(send(s.caseworker(), s.caseId(), ministry, "REPATRIATION", "FAMILY_TRACING"), "ACCEPTED", 5, null);
        answer(send(s.caseworker(), s.caseId(), ministry, "REPATRIATION"), "COMPLETED", 15, null);
        // received by the shelter from another shelter, declined after 7 hours
        fx.publish(s.supervisor(), "SHELTER");
        UUID otherShelter = fx.security.organisation(OrganisationType.SHELTER);
        CurrentUser otherWorker = fx.security.user(otherShelter, Role.CASEWORKER);
        UUID otherCase = fx.cases.anOpenCase(otherWorker).caseId();
        fx.cases.sharingConsent(otherWorker, otherCase, s.shelter());
        answer(send(otherWorker, otherCase, s.shelter(), "SHELTER"), "DECLINED", 7, "Test: no bed free");
        // noise the supervisor's organisation has no part in
        fx.cases.sharingConsent(otherWorker, otherCase, s.receiver());
        answer(send(otherWorker, otherCase, s.receiver(), "LEGAL_AID"), "COMPLETED", 1, null);

        SecurityFixtures.signIn(s.supervisor());
        var indicators = referrals.indicators();
        SecurityFixtures.signOut();
        Map<Key, Figures> actual = new HashMap<>();
        for (IndicatorRow r : indicators.rows()) {
            actual.put(new Key(r.direction(), r.organisationId(), r.serviceType()), new Figures(r.sent(), r.accepted(),
                    r.declined(), r.completed(), r.medianResponseHours(), r.completionRate()));
        }

        // by hand
        assertThat(actual).containsOnlyKeys(new Key("SENT", s.receiver(), "LEGAL_AID"), new Key("SENT", ministry, "REPATRIATION"),
                new Key("SENT", ministry, "FAMILY_TRACING"), new Key("RECEIVED", otherShelter, "SHELTER"));
        assertThat(actual.get(new Key("SENT", s.receiver(), "LEGAL_AID"))).isEqualTo(new Figures(5, 3, 1, 1, 15.0, 33.3));
        assertThat(actual.get(new Key("SENT", ministry, "REPATRIATION"))).isEqualTo(new Figures(2, 2, 0, 1, 10.0, 50.0));
        assertThat(actual.get(new Key("SENT", ministry, "FAMILY_TRACING"))).isEqualTo(new Figures(1, 1, 0, 0, 5.0, 0.0));
        assertThat(actual.get(new Key("RECEIVED", otherShelter, "SHELTER"))).isEqualTo(new Figures(1, 0, 1, 0, 7.0, null));
        assertThat(indicators.declineReasons()).extracting(ReferralViews.DeclineReason::reason)
                .containsExactly("Test: no lawyer free");

        // by an independent query
        Map<Key, Figures> expected = new HashMap<>();
        jdbc.sql("""
                select case when r.from_org_id = :org then 'SENT' else 'RECEIVED' end,
                       case when r.from_org_id = :org then r.to_org_id else r.from_org_id end,
                       r.services[i],
                       count(*),
                       sum(case when r.status in ('ACCEPTED', 'IN_PROGRESS', 'COMPLETED')
                                  or (r.status = 'WITHDRAWN' and r.responded_at is not null) then 1 else 0 end),
                       sum(case when r.decline_reason is not null then 1 else 0 end),
                       sum(case when r.status = 'COMPLETED' then 1 else 0 end),
                       array_remove(array_agg(extract(epoch from r.responded_at - r.sent_at) / 3600.0), null)
                from referral r, generate_subscripts(r.services, 1) as i
                where r.from_org_id = :org or r.to_org_id = :org
                group by 1, 2, 3""").param("org", s.shelter()).query(rs -> {
                    List<Double> hours = new ArrayList<>();
                    for (Object o : (Object[]) rs.getArray(8).getArray()) {
                        hours.add(((Number) o).doubleValue());
                    }
                    long accepted = rs.getLong(5);
                    long completed = rs.getLong(7);
                    expected.put(new Key(rs.getString(1), rs.getObject(2, UUID.class), rs.getString(3)),
                            new Figures(rs.getLong(4), accepted, rs.getLong(6), completed, median(hours),
                                    accepted == 0 ? null : Math.round(completed * 1000.0 / accepted) / 10.0));
                });
        assertThat(actual).isEqualTo(expected);

        // the same figures through the API, for supervisors only
        String body = mvc.perform(get("/api/v1/referrals/indicators").with(as(s.supervisor()))).andReturn().getResponse()
                .getContentAsString();
        assertThat((List<Integer>) JsonPath.read(body, "$.rows[?(@.serviceType == 'LEGAL_AID')].sent")).containsExactly(5);
        assertThat(mvc.perform(get("/api/v1/referrals/indicators").with(as(s.caseworker()))).andReturn().getResponse()
                .getStatus()).isEqualTo(403);
    }

    static Double median(List<Double> values) {
        if (values.isEmpty()) {
            return null;
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        double m = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        return Math.round(m * 10) / 10.0;
    }
}
