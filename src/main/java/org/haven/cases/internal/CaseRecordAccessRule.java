package org.haven.cases.internal;

import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

import org.haven.cases.CaseViews.AccessLevel;
import org.haven.security.AccessDecision;
import org.haven.security.AccessRequest;
import org.haven.security.RecordAccessRule;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code case} rule of {@link org.haven.security.AccessPolicy}, delegating to {@link CaseAccess}: reading and
 * exporting need read access; creating, updating, deleting and sharing need write access (owning organisation only).
 * Grants name their basis for the audit trail; everything else abstains (the policy then denies).
 */
@Component
class CaseRecordAccessRule implements RecordAccessRule {

    static final java.time.ZoneId ZONE = org.haven.shared.HavenClock.ZONE;

    private final JdbcClient jdbc;
    private final CaseAccess access;

    CaseRecordAccessRule(JdbcClient jdbc, CaseAccess access) {
        this.jdbc = jdbc;
        this.access = access;
    }

    @Override
    public String resourceType() {
        return CaseAudit.SUBJECT;
    }

    @Override
    public AccessDecision decide(AccessRequest request) {
        Optional<UUID[]> row = jdbc.sql("select organisation_id, assigned_caseworker_id from survivor_case where id = ?")
                .param(request.resourceId())
                .query((rs, n) -> new UUID[] {rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)}).optional();
        if (row.isEmpty()) {
            return AccessDecision.abstain();
        }
        UUID org = row.get()[0];
        Optional<AccessLevel> level = access.decide(request.user(), request.resourceId(), org, row.get()[1],
                LocalDate.now(ZONE));
        if (level.isEmpty()) {
            return AccessDecision.abstain();
        }
        String basis = org.equals(request.user().organisationId()) ? "owning-organisation" : "consented-share";
        return switch (request.action()) {
            case READ, EXPORT -> AccessDecision.grant(basis);
            case CREATE, UPDATE, DELETE, SHARE -> level.get() == AccessLevel.READ ? AccessDecision.abstain()
                    : AccessDecision.grant(basis);
        };
    }
}
