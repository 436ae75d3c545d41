package org.haven.prevention;

import java.util.UUID;

import org.haven.places.PlacesFixtures;
import org.haven.places.internal.GazetteerImporter;
import org.haven.security.CurrentUser;
import org.haven.security.OrganisationType;
import org.haven.security.Role;
import org.haven.security.SecurityFixtures;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Organisations and users for prevention tests; the 2025 gazetteer is imported once. */
final class PreventionFixtures {

    final SecurityFixtures security;
    final JdbcClient jdbc;

    PreventionFixtures(JdbcClient jdbc, GazetteerImporter importer) {
        this.jdbc = jdbc;
        this.security = new SecurityFixtures(jdbc);
        PlacesFixtures.ensure2025Edition(jdbc, importer);
    }

    UUID preventionNgo() {
        return security.organisation(OrganisationType.PREVENTION_NGO);
    }

    CurrentUser preventionOfficer(UUID org) {
        return security.user(org, Role.PREVENTION_OFFICER);
    }

    CurrentUser preventionOfficer() {
        return preventionOfficer(preventionNgo());
    }

    CurrentUser caseworker() {
        return security.user(security.organisation(OrganisationType.SHELTER), Role.CASEWORKER);
    }

    CurrentUser analyst() {
        return security.user(security.organisation(OrganisationType.MINISTRY), Role.DATA_ANALYST);
    }

    CurrentUser systemAdmin() {
        return security.user(security.organisation(OrganisationType.SYSTEM), Role.SYSTEM_ADMIN);
    }

    /** A case supervisor (holds TIP_TRIAGE) in a new shelter, designated or not. */
    CurrentUser triager(boolean designated) {
        UUID org = security.organisation(OrganisationType.SHELTER);
        CurrentUser user = security.user(org, Role.CASE_SUPERVISOR);
        if (designated) {
            jdbc.sql("insert into tip_designation (organisation_id, designated_by) values (?, ?)")
                    .params(org, user.userId()).update();
        }
        return user;
    }
}
