package org.haven.cases.internal;

import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;

import org.haven.cases.CaseViews.AccessLevel;
import org.haven.security.CurrentUser;
import org.haven.security.Permission;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The record-level rule for survivor cases (resource type {@code case}). Staff of the owning organisation with
 * CASE_READ: supervisors (CASE_SUPERVISE) reach every case of the organisation, others their assigned cases unless
 * the organisation lets caseworkers see all. Another organisation reaches a case only through an access grant
 * (referral or share) whose consent is, <em>at the time of the request</em>, given, unexpired, not withdrawn and
 * covering that organisation — so withdrawing a consent ends access on the very next request. Grant holders read;
 * they never write.
 */
@Component
public class CaseAccess {

    /** Grant {@code g} of case {@code sc} to :org, active today, with its consent still covering it. */
    static final String SHARED_WITH_ORG = """
            exists (select 1 from case_access_grant g join case_consent c on c.id = g.consent_id
                    where g.case_id = sc.id and g.organisation_id = :org and g.revoked_at is null
                      and g.valid_from <= :today and (g.valid_to is null or g.valid_to >= :today)
                      and c.case_id = sc.id and c.withdrawn_at is null
                      and ((g.purpose in ('SERVICES', 'REFERRAL') and c.scope = 'SHARING')
                        or (g.purpose = 'LEGAL_PROCEEDINGS' and c.scope = 'LEGAL_PROCEEDINGS')) and c.given_on <= :today
                      and (c.expires_on is null or c.expires_on >= :today)
                      and (c.recipient_org_id = :org or (c.recipient_org_id is null
                           and (c.recipient_org_type = :orgType or (c.scope = 'LEGAL_PROCEEDINGS' and c.recipient_org_type is null)))))
            """;

    private final JdbcClient jdbc;

    CaseAccess(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The reader's access to a case of {@code owningOrg} assigned to {@code assignee}, or empty for none. */
    public Optional<AccessLevel> decide(CurrentUser user, UUID caseId, UUID owningOrg, UUID assignee, LocalDate today) {
        if (!user.can(Permission.CASE_READ)) {
            return Optional.empty();
        }
        if (owningOrg.equals(user.organisationId())) {
            if (user.can(Permission.CASE_SUPERVISE)) {
                return Optional.of(AccessLevel.SUPERVISE);
            }
            if (user.userId().equals(assignee) || caseworkersSeeAll(owningOrg)) {
                return Optional.of(user.can(Permission.CASE_WRITE) ? AccessLevel.WRITE : AccessLevel.READ);
            }
            return Optional.empty();
        }
        return sharedWith(caseId, user.organisationId(), user.organisationType().name(), today)
                ? Optional.of(AccessLevel.READ) : Optional.empty();
    }

    public boolean sharedWith(UUID caseId, UUID org, String orgType, LocalDate today) {
        return jdbc.sql("select " + SHARED_WITH_ORG.replace("sc.id", ":caseId"))
                .param("caseId", caseId).param("org", org).param("orgType", orgType).param("today", today)
                .query(Boolean.class).single();
    }

    public boolean caseworkersSeeAll(UUID org) {
        return jdbc.sql("select caseworkers_see_all from case_organisation_setting where organisation_id = ?")
                .param(org).query(Boolean.class).optional().orElse(false);
    }

    /**
     * SQL condition over {@code sc} (survivor_case) for "within the user's reach", with named parameters :org,
     * :orgType, :user, :today, :supervise (bind with {@link #bind}). The organisation's "caseworkers see every case"
     * setting is read inside the statement (an uncorrelated sub-query, evaluated once), not in a round trip of its own
     * before it.
     */
    public static final String REACH = "((sc.organisation_id = :org and (:supervise or sc.assigned_caseworker_id = :user or exists (select 1 from"
            + " case_organisation_setting cos where cos.organisation_id = :org and cos.caseworkers_see_all))) or "
            + SHARED_WITH_ORG + ")";

    public JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, CurrentUser user, LocalDate today) {
        return spec.param("org", user.organisationId()).param("orgType", user.organisationType().name())
                .param("user", user.userId()).param("today", today)
                .param("supervise", user.can(Permission.CASE_SUPERVISE));
    }
}
