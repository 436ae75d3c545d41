package org.haven.referrals;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.haven.audit.AuditEntry;
import org.haven.audit.AuditLog;
import org.haven.cases.Vocabulary;
import org.haven.cases.Vocabulary.ServiceType;
import org.haven.places.Gazetteer;
import org.haven.places.Place;
import org.haven.referrals.internal.Errors;
import org.haven.security.CurrentUser;
import org.haven.security.Permission;
import org.haven.shared.web.Conflict;
import org.haven.shared.web.Forbidden;
import org.haven.shared.web.NotFound;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The service directory: what each organisation offers (service types of the cases vocabulary), the places it serves
 * (gazetteer codes; a service serving a province serves its districts), languages, ages and sexes accepted, hours,
 * contact and free capacity. Readable by every signed-in user; it holds no survivor data, so reads are not audited.
 * Publishing, changing and capacity updates are for the organisation's own administrators and referral receivers,
 * and are audited as changes.
 */
@Service
public class ServiceDirectory {

    static final List<String> SEXES = List.of("FEMALE", "MALE", "INTERSEX");

    private final JdbcClient jdbc;
    private final Gazetteer gazetteer;
    private final AuditLog audit;

    ServiceDirectory(JdbcClient jdbc, Gazetteer gazetteer, AuditLog audit) {
        this.jdbc = jdbc;
        this.gazetteer = gazetteer;
        this.audit = audit;
    }

    /** What an organisation publishes about one service. Empty lists mean "any". */
    public record PublishService(String serviceType, List<String> places, List<String> languages, Integer minAge,
            Integer maxAge, List<String> sexes, String hours, String contact, Integer capacityTotal,
            Integer capacityFree) {
        public PublishService {
            places = clean(places);
            languages = clean(languages);
            sexes = clean(sexes);
        }
    }

    /** A search of the directory; null fields do not restrict. */
    public record ServiceSearch(String serviceType, String placeCode, Integer age, String sex, String language,
            Boolean withCapacity) {
    }

    /** A directory entry as everybody sees it. */
    public record ServiceEntry(UUID id, UUID organisationId, String organisationName, String organisationType,
            String countryCode, String serviceType, List<String> places, List<String> languages, Integer minAge,
            Integer maxAge, List<String> sexes, String hours, String contact, Integer capacityTotal,
            Integer capacityFree, Instant capacityUpdatedAt, int version) {
    }

    /** Publishes (or replaces) the current user's organisation's entry for a service type. */
    @Transactional
    public UUID publish(PublishService cmd) {
        CurrentUser user = requirePublisher();
        validate(cmd);
        UUID existing = jdbc.sql("select id from directory_service where organisation_id = ? and service_type = ?")
                .params(user.organisationId(), cmd.serviceType()).query(UUID.class).optional().orElse(null);
        UUID id = existing == null ? UUID.randomUUID() : existing;
        jdbc.sql("""
                insert into directory_service (id, organisation_id, service_type, places, languages, min_age, max_age,
                  sexes, hours, contact, capacity_total, capacity_free, capacity_updated_at, active)
                values (:id, :org, :type, :places, :languages, :minAge, :maxAge, :sexes, :hours, :contact, :total, :free,
                  case when cast(:free as integer) is null then null else now() end, true)
                on conflict (organisation_id, service_type) do update set places = excluded.places,
                  languages = excluded.languages, min_age = excluded.min_age, max_age = excluded.max_age,
                  sexes = excluded.sexes, hours = excluded.hours, contact = excluded.contact,
                  capacity_total = excluded.capacity_total, capacity_free = excluded.capacity_free,
                  capacity_updated_at = excluded.capacity_updated_at, active = true,
                  version = directory_service.version + 1""")
                .param("id", id).param("org", user.organisationId()).param("type", cmd.serviceType())
                .param("places", cmd.places().toArray(String[]::new))
                .param("languages", cmd.languages().toArray(String[]::new)).param("minAge", cmd.minAge())
                .param("maxAge", cmd.maxAge()).param("sexes", cmd.sexes().toArray(String[]::new))
                .param("hours", blank(cmd.hours())).param("contact", blank(cmd.contact()))
                .param("total", cmd.capacityTotal()).param("free", cmd.capacityFree())
                .update();
        audit.record(AuditEntry.change("directory_service", "directory.publish", id));
        return id;
    }

    /** Updates free capacity (e.g. shelter beds) of one of the user's organisation's services; stale version → 409. */
    @Transactional
    public void updateCapacity(UUID serviceId, int capacityFree, int version) {
        CurrentUser user = requirePublisher();
        ServiceEntry entry = find(serviceId);
        if (!entry.organisationId().equals(user.organisationId())) {
            throw new NotFound("service");
        }
        if (capacityFree < 0 || (entry.capacityTotal() != null && capacityFree > entry.capacityTotal())) {
            new Errors().add("capacityFree", "referrals.error.capacity", "Free places must be between 0 and the total.")
                    .throwIfAny();
        }
        int n = jdbc.sql("update directory_service set capacity_free = ?, capacity_updated_at = now(), version = version + 1"
                + " where id = ? and version = ?").params(capacityFree, serviceId, version).update();
        if (n == 0) {
            throw new Conflict("referrals.stale", "Someone else changed this service; reload and try again.");
        }
        audit.record(AuditEntry.change("directory_service", "directory.capacity", serviceId));
    }

    /** Withdraws one of the user's organisation's services from the directory. */
    @Transactional
    public void withdraw(UUID serviceId) {
        CurrentUser user = requirePublisher();
        int n = jdbc.sql("update directory_service set active = false, version = version + 1 where id = ? and organisation_id = ?")
                .params(serviceId, user.organisationId()).update();
        if (n == 0) {
            throw new NotFound("service");
        }
        audit.record(AuditEntry.change("directory_service", "directory.withdraw", serviceId));
    }

    @Transactional(readOnly = true)
    public ServiceEntry find(UUID serviceId) {
        CurrentUser.require();
        return jdbc.sql(SELECT + " where s.id = ? and s.active").param(serviceId).query(ServiceDirectory::map).optional()
                .orElseThrow(() -> new NotFound("service"));
    }

    /** Active services of enabled organisations matching the search. */
    @Transactional(readOnly = true)
    public List<ServiceEntry> search(ServiceSearch search) {
        CurrentUser.require();
        StringBuilder sql = new StringBuilder(SELECT).append(" where s.active and o.enabled");
        List<Object> params = new ArrayList<>();
        if (search.serviceType() != null && !search.serviceType().isBlank()) {
            sql.append(" and s.service_type = ?");
            params.add(search.serviceType().trim());
        }
        if (search.placeCode() != null && !search.placeCode().isBlank()) {
            List<String> codes = new ArrayList<>();
            codes.add(search.placeCode().trim());
            gazetteer.ancestors(search.placeCode().trim()).stream().map(Place::code).forEach(codes::add);
            sql.append(" and (cardinality(s.places) = 0 or s.places && ?)");
            params.add(codes.toArray(String[]::new));
        }
        if (search.age() != null) {
            sql.append(" and (s.min_age is null or s.min_age <= ?) and (s.max_age is null or s.max_age >= ?)");
            params.add(search.age());
            params.add(search.age());
        }
        if (search.sex() != null && !search.sex().isBlank()) {
            sql.append(" and (cardinality(s.sexes) = 0 or ? = any(s.sexes))");
            params.add(search.sex().trim().toUpperCase(Locale.ROOT));
        }
        if (search.language() != null && !search.language().isBlank()) {
            sql.append(" and (cardinality(s.languages) = 0 or ? = any(s.languages))");
            params.add(search.language().trim().toLowerCase(Locale.ROOT));
        }
        if (Boolean.TRUE.equals(search.withCapacity())) {
            sql.append(" and (s.capacity_free is null or s.capacity_free > 0)");
        }
        sql.append(" order by o.name, s.service_type limit 500");
        return jdbc.sql(sql.toString()).params(params).query(ServiceDirectory::map).list();
    }

    /** Whether the organisation offers the service type (active entry). */
    @Transactional(readOnly = true)
    public boolean offers(UUID organisationId, String serviceType) {
        return jdbc.sql("select count(*) from directory_service where organisation_id = ? and service_type = ? and active")
                .params(organisationId, serviceType).query(Integer.class).single() > 0;
    }

    private void validate(PublishService cmd) {
        Errors e = new Errors();
        if (Vocabulary.find(ServiceType.class, cmd.serviceType()).isEmpty()) {
            e.add("serviceType", "referrals.error.unknownCode", "Unknown value.");
        }
        for (String p : cmd.places()) {
            if (gazetteer.find(p).isEmpty()) {
                e.add("places", "referrals.error.unknownPlace", "Unknown place.");
                break;
            }
        }
        for (String s : cmd.sexes()) {
            if (!SEXES.contains(s)) {
                e.add("sexes", "referrals.error.unknownCode", "Unknown value.");
                break;
            }
        }
        for (String l : cmd.languages()) {
            if (!l.matches("[a-z]{2,3}")) {
                e.add("languages", "referrals.error.unknownCode", "Unknown value.");
                break;
            }
        }
        if ((cmd.minAge() != null && (cmd.minAge() < 0 || cmd.minAge() > 120))
                || (cmd.maxAge() != null && (cmd.maxAge() < 0 || cmd.maxAge() > 120))
                || (cmd.minAge() != null && cmd.maxAge() != null && cmd.minAge() > cmd.maxAge())) {
            e.add("maxAge", "referrals.error.ageRange", "The age range is not valid.");
        }
        if ((cmd.capacityTotal() != null && cmd.capacityTotal() < 0) || (cmd.capacityFree() != null
                && (cmd.capacityFree() < 0 || (cmd.capacityTotal() != null && cmd.capacityFree() > cmd.capacityTotal())))) {
            e.add("capacityFree", "referrals.error.capacity", "Free places must be between 0 and the total.");
        }
        e.text("hours", cmd.hours(), 200, false).text("contact", cmd.contact(), 200, false);
        e.throwIfAny();
    }

    private static CurrentUser requirePublisher() {
        CurrentUser user = CurrentUser.require();
        if (!user.can(Permission.ADMIN_ORGANISATION) && !user.can(Permission.REFERRAL_RECEIVE)) {
            throw new Forbidden("Only administrators and referral receivers of an organisation publish its services.");
        }
        return user;
    }

    private static final String SELECT = """
            select s.id, s.organisation_id, o.name, o.type, o.country_code, s.service_type, s.places, s.languages,
              s.min_age, s.max_age, s.sexes, s.hours, s.contact, s.capacity_total, s.capacity_free,
              s.capacity_updated_at, s.version
            from directory_service s join organisation o on o.id = s.organisation_id""";

    private static ServiceEntry map(ResultSet rs, int n) throws SQLException {
        var updated = rs.getTimestamp(16);
        return new ServiceEntry(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                rs.getString(4), rs.getString(5).trim(), rs.getString(6), strings(rs.getArray(7)), strings(rs.getArray(8)),
                (Integer) rs.getObject(9), (Integer) rs.getObject(10), strings(rs.getArray(11)), rs.getString(12),
                rs.getString(13), (Integer) rs.getObject(14), (Integer) rs.getObject(15),
                updated == null ? null : updated.toInstant(), rs.getInt(17));
    }

    static List<String> strings(Array a) throws SQLException {
        return a == null ? List.of() : List.of((String[]) a.getArray());
    }

    private static List<String> clean(List<String> values) {
        return values == null ? List.of()
                : values.stream().filter(v -> v != null && !v.isBlank()).map(String::trim).distinct().toList();
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
