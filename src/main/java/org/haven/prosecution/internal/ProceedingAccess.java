package org.haven.prosecution.internal;

import java.util.Optional;
import java.util.UUID;

import org.haven.security.CurrentUser;
import org.haven.security.Permission;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Record-level access to proceedings, decided in the service layer for pages, API and jobs alike:
 * <ul>
 * <li>{@link Reach#FULL}: holders of PROCEEDING_READ (police, prosecutors, legal officers) whose organisation owns the
 * proceeding or is one of its agencies;</li>
 * <li>{@link Reach#CASE_OWNER}: holders of CASE_READ whose organisation owns the case of a survivor linked to the
 * proceeding (shelters) — the proceeding's course and hearings, but no suspect identities or evidence notes;</li>
 * <li>nobody else: the proceeding does not exist for them (404).</li>
 * </ul>
 * Writing needs PROCEEDING_WRITE and full reach. The same rule, as SQL, restricts lists ({@link #visibleSql}).
 */
@Component
public class ProceedingAccess {

    /** How much of a proceeding a user sees. */
    public enum Reach { FULL, CASE_OWNER }

    private final JdbcClient jdbc;

    ProceedingAccess(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Reach> reach(CurrentUser user, UUID proceedingId) {
        if (user.can(Permission.PROCEEDING_READ) && isParty(user.organisationId(), proceedingId)) {
            return Optional.of(Reach.FULL);
        }
        if (user.can(Permission.CASE_READ) && jdbc.sql("select exists (select 1 from proceeding_victim "
                + "where proceeding_id = ? and case_organisation_id = ?)")
                .params(proceedingId, user.organisationId()).query(Boolean.class).single()) {
            return Optional.of(Reach.CASE_OWNER);
        }
        return Optional.empty();
    }

    public boolean mayWrite(CurrentUser user, UUID proceedingId) {
        return user.can(Permission.PROCEEDING_WRITE) && isParty(user.organisationId(), proceedingId);
    }

    /** Whether the organisation owns the proceeding or is one of its agencies (whatever the user's roles). */
    public boolean isParty(UUID organisationId, UUID proceedingId) {
        return jdbc.sql("select exists (select 1 from proceeding p where p.id = :p and (p.owner_organisation_id = :o "
                + "or exists (select 1 from proceeding_agency a where a.proceeding_id = p.id and a.organisation_id = :o)))")
                .param("p", proceedingId).param("o", organisationId).query(Boolean.class).single();
    }

    /**
     * SQL condition over alias {@code p} selecting the proceedings the user reaches (parameter {@code :org}), or
     * {@code false} if none.
     */
    public static String visibleSql(CurrentUser user) {
        StringBuilder sql = new StringBuilder("(false");
        if (user.can(Permission.PROCEEDING_READ)) {
            sql.append(" or p.owner_organisation_id = :org or exists (select 1 from proceeding_agency a "
                    + "where a.proceeding_id = p.id and a.organisation_id = :org)");
        }
        if (user.can(Permission.CASE_READ)) {
            sql.append(" or exists (select 1 from proceeding_victim v where v.proceeding_id = p.id "
                    + "and v.case_organisation_id = :org)");
        }
        return sql.append(")").toString();
    }
}
