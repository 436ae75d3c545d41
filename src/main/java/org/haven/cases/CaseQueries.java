package org.haven.cases;

import java.util.List;
import java.util.UUID;

import org.haven.cases.CaseViews.OrganisationOption;
import org.haven.cases.CaseViews.OverdueFollowUp;
import org.haven.cases.CaseViews.StaffOption;
import org.haven.security.CurrentUser;
import org.haven.security.Permission;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Read-only questions about cases for other modules' pages (the home page). Returns case codes and dates only, no
 * survivor data, so it is not audited.
 */
@Service
public class CaseQueries {

    private final JdbcClient jdbc;

    CaseQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Follow-ups past their due date and not done, of open cases assigned to the user (supervisors: of every case of
     * their organisation), oldest first, at most 50.
     */
    @Transactional(readOnly = true)
    public List<OverdueFollowUp> overdueFollowUps(CurrentUser user) {
        if (!user.can(Permission.CASE_READ)) {
            return List.of();
        }
        boolean all = user.can(Permission.CASE_SUPERVISE);
        return jdbc.sql("""
                select sc.id, sc.case_code, f.id, f.months_after, f.due_on from case_follow_up f
                join survivor_case sc on sc.id = f.case_id
                where f.done_on is null and f.due_on < ? and sc.status <> 'CLOSED' and sc.organisation_id = ?
                  and (? or sc.assigned_caseworker_id = ?)
                order by f.due_on limit 50""")
                .params(CaseManagement.today(), user.organisationId(), all, user.userId())
                .query((rs, n) -> new OverdueFollowUp(rs.getObject(1, UUID.class), rs.getString(2),
                        rs.getObject(3, UUID.class), rs.getInt(4), rs.getObject(5, java.time.LocalDate.class)))
                .list();
    }

    /**
     * Organisations a consent to share may name, for users who record consents: every enabled organisation but the
     * user's own, by name (at most 500). Directory data only, not audited.
     */
    @Transactional(readOnly = true)
    public List<OrganisationOption> consentRecipients(CurrentUser user) {
        if (!user.can(Permission.CASE_WRITE)) {
            return List.of();
        }
        return jdbc.sql("""
                select id, name, type from organisation
                where enabled and id <> ? and type <> 'SYSTEM' order by name limit 500""")
                .param(user.organisationId())
                .query((rs, n) -> new OrganisationOption(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3)))
                .list();
    }

    /**
     * Enabled users of the user's organisation who may hold cases (caseworkers, case supervisors, legal officers), by
     * name, for users who change cases. Directory data only, not audited.
     */
    @Transactional(readOnly = true)
    public List<StaffOption> assignableStaff(CurrentUser user) {
        if (!user.can(Permission.CASE_WRITE)) {
            return List.of();
        }
        return jdbc.sql("""
                select u.id, u.display_name from app_user u
                where u.organisation_id = ? and u.enabled
                  and exists (select 1 from user_role r where r.user_id = u.id
                              and r.role in ('CASEWORKER', 'CASE_SUPERVISOR', 'LEGAL_OFFICER'))
                order by u.display_name limit 500""")
                .param(user.organisationId())
                .query((rs, n) -> new StaffOption(rs.getObject(1, UUID.class), rs.getString(2)))
                .list();
    }
}
