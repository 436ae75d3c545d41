package org.haven.referrals.internal;

import java.util.List;
import java.util.UUID;

import org.haven.security.DemoDirectory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Demo profile: the service directory entries of the demo organisations, so that the demo shelter can refer a demo
 * survivor to the demo legal-aid organisation (and the Thai shelter to the ministry for a return) straight away.
 * Entries that exist already are left alone. Direct inserts, like the other demo loaders' seed data; no survivor data.
 */
@Component
@Profile("demo")
@Order(30)
class ReferralsDemoData implements ApplicationRunner {

    private record Entry(String organisation, String service, List<String> languages, List<String> sexes,
            String hours, String contact, Integer total, Integer free) {
    }

    private static final List<Entry> ENTRIES = List.of(
            new Entry("legal-aid", "LEGAL_AID", List.of("km", "en"), List.of(), "Mon–Fri 08:00–17:00",
                    "Demo legal desk (synthetic)", null, null),
            new Entry("shelter", "SHELTER", List.of("km"), List.of("FEMALE"), "24 hours", "Demo shelter desk (synthetic)",
                    20, 6),
            new Entry("shelter", "PSYCHOSOCIAL", List.of("km"), List.of(), "Mon–Sat 08:00–17:00",
                    "Demo shelter desk (synthetic)", null, null),
            new Entry("other-shelter", "SHELTER", List.of("km"), List.of(), "24 hours", "Other demo desk (synthetic)", 12, 3),
            new Entry("other-shelter", "VOCATIONAL_TRAINING", List.of("km"), List.of(), "Mon–Fri 08:00–16:00",
                    "Other demo desk (synthetic)", null, null),
            new Entry("ministry", "REPATRIATION", List.of("km", "th", "en"), List.of(), "Mon–Fri 08:00–17:00",
                    "Demo repatriation office (synthetic)", null, null),
            new Entry("ministry", "FAMILY_TRACING", List.of("km"), List.of(), "Mon–Fri 08:00–17:00",
                    "Demo repatriation office (synthetic)", null, null),
            new Entry("ministry", "REINTEGRATION_SUPPORT", List.of("km"), List.of(), "Mon–Fri 08:00–17:00",
                    "Demo repatriation office (synthetic)", null, null),
            new Entry("thai-shelter", "SHELTER", List.of("th", "km"), List.of(), "24 hours",
                    "Demo Thai shelter desk (synthetic)", 30, 9));

    private final JdbcClient jdbc;
    private final DemoDirectory demo;

    ReferralsDemoData(JdbcClient jdbc, DemoDirectory demo) {
        this.jdbc = jdbc;
        this.demo = demo;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (Entry e : ENTRIES) {
            UUID org = demo.organisationId(e.organisation());
            jdbc.sql("""
                    insert into directory_service (id, organisation_id, service_type, languages, sexes, hours, contact,
                      capacity_total, capacity_free, capacity_updated_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, case when cast(? as integer) is null then null else now() end)
                    on conflict (organisation_id, service_type) do nothing""")
                    .params(UUID.randomUUID(), org, e.service(), e.languages().toArray(String[]::new),
                            e.sexes().toArray(String[]::new), e.hours(), e.contact(), e.total(), e.free(), e.free())
                    .update();
        }
    }
}
