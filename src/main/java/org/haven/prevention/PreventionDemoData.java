package org.haven.prevention;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.haven.security.CurrentUser;
import org.haven.security.DemoDirectory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Demo profile: two hotlines (synthetic numbers), the demo shelter designated to triage tips, and a demo campaign
 * with outreach activities in a few provinces of the north-west — so the targeting page shows both areas reached and
 * areas with recruitment (from the cases demo data) but no outreach. Written once: skipped when the demo prevention
 * organisation already has activities. Direct inserts, like the other demo loaders' seed data.
 */
@Component
@Profile("demo")
@Order(20)
class PreventionDemoData implements ApplicationRunner {

    private final JdbcClient jdbc;
    private final DemoDirectory demo;

    PreventionDemoData(JdbcClient jdbc, DemoDirectory demo) {
        this.jdbc = jdbc;
        this.demo = demo;
    }

    @Override
    public void run(ApplicationArguments args) {
        UUID prevention = demo.organisationId("prevention");
        CurrentUser officer = demo.user("prevention.officer");
        CurrentUser admin = demo.user("admin");
        if (jdbc.sql("select count(*) from hotline").query(Integer.class).single() == 0) {
            hotline("Demo Counter-Trafficking Hotline (synthetic number)", "ខ្សែទូរស័ព្ទបន្ទាន់ប្រឆាំងការជួញដូរមនុស្ស (លេខសាកល្បង)",
                    "000 000 001", 1);
            hotline("Demo Child Helpline (synthetic number)", "ខ្សែទូរស័ព្ទជំនួយកុមារ (លេខសាកល្បង)", "000 000 002", 2);
        }
        jdbc.sql("insert into tip_designation (organisation_id, designated_by) values (?, ?) on conflict do nothing")
                .params(demo.organisationId("shelter"), admin.userId()).update();
        if (jdbc.sql("select count(*) from outreach_activity where organisation_id = ?").param(prevention)
                .query(Integer.class).single() > 0) {
            return;
        }
        UUID campaign = UUID.randomUUID();
        jdbc.sql("insert into campaign (id, organisation_id, name, funder, approach, start_date, end_date, created_by)"
                + " values (?, ?, 'Safe Migration Demo Campaign', 'Demo Donor (synthetic)',"
                + " 'Village drama and paintings on deceptive recruitment', ?, ?, ?)")
                .params(campaign, prevention, org.haven.shared.HavenClock.today().minusYears(2), org.haven.shared.HavenClock.today().plusMonths(6),
                        officer.userId()).update();
        // Villages of Banteay Meanchey (01), Battambang (02) and Siem Reap (17): outreach reached these provinces.
        List<String> villages = jdbc.sql("select code from place where level = 'VILLAGE' and valid_to is null and"
                + " left(code, 2) in ('01', '02', '17') order by md5(code) limit 24").query(String.class).list();
        String[] methods = {"DRAMA", "ART", "SCHOOL_SESSION", "COMMUNITY_MEETING", "RADIO_TV"};
        for (int i = 0; i < villages.size(); i++) {
            jdbc.sql("insert into outreach_activity (id, organisation_id, campaign_id, method, activity_date, place_code,"
                    + " f_12_17, m_12_17, f_18_24, m_18_24, f_25_59, m_25_59, facilitators, materials, created_by)"
                    + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'Demo facilitators', 'Posters, drama kit', ?)")
                    .params(UUID.randomUUID(), prevention, campaign, methods[i % methods.length],
                            org.haven.shared.HavenClock.today().minusDays(20L * i + 5), villages.get(i), 5 + i % 7, 4 + i % 5,
                            8 + i % 9, 6 + i % 4, 10 + i % 6, 7 + i % 3, officer.userId())
                    .update();
        }
    }

    private void hotline(String en, String km, String phone, int order) {
        jdbc.sql("insert into hotline (id, name_en, name_km, phone, sort_order) values (?, ?, ?, ?, ?)")
                .params(UUID.randomUUID(), en, km, phone, order).update();
    }
}
