package org.haven.security.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.haven.security.ListPage;
import org.haven.security.OrganisationSummary;
import org.haven.security.OrganisationType;
import org.haven.security.Role;
import org.haven.security.UserSummary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Administrative reads and writes of organisations, users and roles. No access checks here: the management services
 * decide who may call what. Every user change bumps {@code app_user.version}, which signed-in sessions watch
 * ({@link SessionUserRefreshFilter}).
 */
@Repository
public class Directory {

    private static final String ORG_SELECT = """
            select o.id, o.name, o.type, o.country_code, o.enabled,
                   (select count(*) from app_user u where u.organisation_id = o.id) as users
            from organisation o
            """;

    private static final String USER_SELECT = """
            select u.id, u.username, u.display_name, u.organisation_id, o.name as org_name, u.enabled,
                   u.totp_secret is not null as enrolled, u.mfa_exempt, u.locked_until,
                   u.email, u.preferred_language,
                   (select string_agg(r.role, ',') from user_role r where r.user_id = u.id) as roles
            from app_user u join organisation o on o.id = u.organisation_id
            """;

    private final JdbcClient jdbc;

    Directory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public UUID insertOrganisation(String name, OrganisationType type, String countryCode) {
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into organisation (id, name, type, country_code) values (?, ?, ?, ?)")
                .params(id, name, type.name(), countryCode).update();
        return id;
    }

    public Optional<OrganisationSummary> organisation(UUID id) {
        return jdbc.sql(ORG_SELECT + " where o.id = ?").param(id).query(Directory::organisation).optional();
    }

    public Optional<OrganisationSummary> organisationByName(String name) {
        return jdbc.sql(ORG_SELECT + " where lower(o.name) = lower(?)").param(name.trim())
                .query(Directory::organisation).optional();
    }

    /** A page of organisations ordered by name; {@code onlyId} restricts to one (an organisation administrator's). */
    public ListPage<OrganisationSummary> organisations(UUID onlyId, int page, int size) {
        String where = onlyId == null ? "" : " where o.id = :only";
        var query = jdbc.sql(ORG_SELECT + where + " order by lower(o.name) limit :limit offset :offset")
                .param("limit", size).param("offset", (long) page * size);
        var count = jdbc.sql("select count(*) from organisation o" + where);
        if (onlyId != null) {
            query = query.param("only", onlyId);
            count = count.param("only", onlyId);
        }
        return new ListPage<>(query.query(Directory::organisation).list(), page, size,
                count.query(Long.class).single());
    }

    public void setOrganisationEnabled(UUID id, boolean enabled) {
        jdbc.sql("update organisation set enabled = ?, version = version + 1 where id = ?").params(enabled, id).update();
    }

    public UUID insertUser(UUID organisationId, String username, String displayName, String passwordHash,
            Set<Role> roles, boolean mfaExempt) {
        return insertUser(organisationId, username, displayName, passwordHash, roles, mfaExempt, null);
    }

    public UUID insertUser(UUID organisationId, String username, String displayName, String passwordHash,
            Set<Role> roles, boolean mfaExempt, String email) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into app_user (id, organisation_id, username, display_name, password_hash, mfa_exempt, email)
                values (?, ?, ?, ?, ?, ?, ?)
                """).params(id, organisationId, username, displayName, passwordHash, mfaExempt, email).update();
        replaceRoles(id, roles);
        return id;
    }

    public boolean usernameTaken(String username) {
        return jdbc.sql("select count(*) from app_user where lower(username) = lower(?)").param(username)
                .query(Integer.class).single() > 0;
    }

    public Optional<UserSummary> user(UUID id) {
        return jdbc.sql(USER_SELECT + " where u.id = ?").param(id).query(Directory::user).optional();
    }

    public Optional<UserSummary> userByUsername(String username) {
        return jdbc.sql(USER_SELECT + " where lower(u.username) = lower(?)").param(username)
                .query(Directory::user).optional();
    }

    /** A page of users ordered by username; {@code organisationId} null means all organisations. */
    public ListPage<UserSummary> users(UUID organisationId, int page, int size) {
        String where = organisationId == null ? "" : " where u.organisation_id = :org";
        var query = jdbc.sql(USER_SELECT + where + " order by lower(u.username) limit :limit offset :offset")
                .param("limit", size).param("offset", (long) page * size);
        var count = jdbc.sql("select count(*) from app_user u" + where);
        if (organisationId != null) {
            query = query.param("org", organisationId);
            count = count.param("org", organisationId);
        }
        return new ListPage<>(query.query(Directory::user).list(), page, size, count.query(Long.class).single());
    }

    public void setUserEnabled(UUID id, boolean enabled) {
        jdbc.sql("update app_user set enabled = ?, version = version + 1 where id = ?").params(enabled, id).update();
    }

    public void setContact(UUID id, String email, String language) {
        jdbc.sql("update app_user set email = ?, preferred_language = ?, version = version + 1 where id = ?")
                .params(email, language, id).update();
    }

    /**
     * Enabled users of the organisation holding a role that grants {@code permission} and having an e-mail address:
     * the recipients of e-mail notifications.
     */
    public List<UserSummary> mailRecipients(UUID organisationId, Set<Role> rolesWithPermission) {
        if (rolesWithPermission.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(USER_SELECT + """
                 where u.organisation_id = :org and u.enabled and o.enabled and u.email is not null
                   and exists (select 1 from user_role r where r.user_id = u.id and r.role in (:roles))
                 order by lower(u.username)""")
                .param("org", organisationId)
                .param("roles", rolesWithPermission.stream().map(Enum::name).toList())
                .query(Directory::user).list();
    }

    public void resetSecondFactor(UUID id) {
        jdbc.sql("update app_user set totp_secret = null, totp_enrolled_at = null, version = version + 1 where id = ?")
                .param(id).update();
    }

    public void replaceRoles(UUID id, Set<Role> roles) {
        jdbc.sql("delete from user_role where user_id = ?").param(id).update();
        for (Role role : roles) {
            jdbc.sql("insert into user_role (user_id, role) values (?, ?)").params(id, role.name()).update();
        }
        jdbc.sql("update app_user set version = version + 1 where id = ?").param(id).update();
    }

    private static OrganisationSummary organisation(ResultSet rs, int n) throws SQLException {
        return new OrganisationSummary(rs.getObject("id", UUID.class), rs.getString("name"),
                OrganisationType.valueOf(rs.getString("type")), rs.getString("country_code"),
                rs.getBoolean("enabled"), rs.getLong("users"));
    }

    private static UserSummary user(ResultSet rs, int n) throws SQLException {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        String csv = rs.getString("roles");
        if (csv != null) {
            for (String r : csv.split(",")) {
                roles.add(Role.valueOf(r));
            }
        }
        Timestamp locked = rs.getTimestamp("locked_until");
        boolean enrolled = rs.getBoolean("enrolled");
        boolean exempt = rs.getBoolean("mfa_exempt");
        boolean required = enrolled || (!exempt && roles.stream().anyMatch(Role::seesIdentifiedData));
        return new UserSummary(rs.getObject("id", UUID.class), rs.getString("username"), rs.getString("display_name"),
                rs.getObject("organisation_id", UUID.class), rs.getString("org_name"), roles, rs.getBoolean("enabled"),
                enrolled, required, exempt, locked == null ? null : locked.toInstant(), rs.getString("email"),
                rs.getString("preferred_language"));
    }
}
