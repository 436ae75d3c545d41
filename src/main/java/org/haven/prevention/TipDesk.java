package org.haven.prevention;

import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.haven.audit.AuditEntry;
import org.haven.audit.AuditLog;
import org.haven.places.Gazetteer;
import org.haven.security.CurrentUser;
import org.haven.security.FieldEncryption;
import org.haven.security.Permission;
import org.haven.shared.web.Conflict;
import org.haven.shared.web.Forbidden;
import org.haven.shared.web.InvalidInput;
import org.haven.shared.web.InvalidInput.FieldError;
import org.haven.shared.web.NotFound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tips from the public and their triage.
 *
 * <p>Anyone may {@link #submit} a tip (anonymously or with contact details) and receives a random reference code with
 * which to {@link #addInformation add information} later; the code is stored only as a keyed blind index. Nothing
 * about the reporter's connection is stored or logged. Text and contact details are sealed under
 * {@link #KEY_OWNER}. Only users with {@code TIP_TRIAGE} in an organisation a system administrator has designated
 * see tips; opening one is audited.
 */
@Service
@Transactional
public class TipDesk {

    /** The key owner id for sealing tips (not an organisation: several designated organisations read them). */
    public static final UUID KEY_OWNER = UUID.fromString("7e1d0000-0000-4000-8000-000000000001");
    private static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    private static final int CODE_LENGTH = 12;
    private static final Logger log = LoggerFactory.getLogger(TipDesk.class);

    /** A tip as the public form submits it. */
    public record NewTip(TipCategory category, String placeCode, String description, String contact) {
    }

    /** A line of the triage queue (no free text). */
    public record TipSummary(UUID id, TipCategory category, String placeCode, String placeName, TipStatus status,
            boolean anonymous, OffsetDateTime receivedAt, OffsetDateTime lastAdditionAt, int additions) {
    }

    /** One addition the reporter made with the reference code. */
    public record Addition(OffsetDateTime addedAt, String text) {
    }

    /** A tip opened for triage: the decrypted text, contact and additions. */
    public record TipDetail(TipSummary summary, String description, String contact, List<Addition> additions,
            String convertedTo, int version) {
    }

    private final JdbcClient jdbc;
    private final FieldEncryption encryption;
    private final Gazetteer gazetteer;
    private final AuditLog audit;
    private final PreventionSettings settings;
    private final SecureRandom random = new SecureRandom();

    public TipDesk(JdbcClient jdbc, FieldEncryption encryption, Gazetteer gazetteer, AuditLog audit,
            PreventionSettings settings) {
        this.jdbc = jdbc;
        this.encryption = encryption;
        this.gazetteer = gazetteer;
        this.audit = audit;
        this.settings = settings;
    }

    // ---- public side (no sign-in)

    /** Stores a tip and returns the reference code to show the reporter once (formatted {@code XXXX-XXXX-XXXX}). */
    public String submit(NewTip tip) {
        List<FieldError> errors = new ArrayList<>();
        if (tip.category() == null) {
            errors.add(new FieldError("category", "tips.error.category", "choose a category"));
        }
        String description = tip.description() == null ? "" : tip.description().strip();
        if (description.length() < 10) {
            errors.add(new FieldError("description", "tips.error.description", "describe what you saw"));
        } else if (description.length() > settings.tipMaxChars()) {
            errors.add(new FieldError("description", "tips.error.tooLong", "too long"));
        }
        String contact = tip.contact() == null ? null : tip.contact().strip();
        if (contact != null && contact.length() > 500) {
            errors.add(new FieldError("contact", "tips.error.tooLong", "too long"));
        }
        String place = tip.placeCode() == null || tip.placeCode().isBlank() ? null : tip.placeCode().strip();
        if (place != null && gazetteer.find(place).isEmpty()) {
            errors.add(new FieldError("placeCode", "tips.error.place", "unknown place"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        String code = newCode();
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into tip (id, reference_index, category, place_code, description_sealed, contact_sealed)"
                + " values (?, ?, ?, ?, ?, ?)")
                .params(id, referenceIndex(code), tip.category().name(), place,
                        encryption.encrypt(KEY_OWNER, description),
                        contact == null || contact.isEmpty() ? null : encryption.encrypt(KEY_OWNER, contact))
                .update();
        audit.record(AuditEntry.change("tip", "tip.submit", id));
        log.info("Tip received tipId={}", id);
        return format(code);
    }

    /** Adds information to the tip with this reference code; empty if no tip has it. */
    public Optional<TipStatus> addInformation(String referenceCode, String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            throw InvalidInput.of("text", "tips.error.addition", "write the information to add");
        }
        if (t.length() > settings.tipMaxChars()) {
            throw InvalidInput.of("text", "tips.error.tooLong", "too long");
        }
        Optional<Object[]> found = findByCode(referenceCode);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        UUID tipId = (UUID) found.get()[0];
        jdbc.sql("insert into tip_addition (id, tip_id, text_sealed) values (?, ?, ?)")
                .params(UUID.randomUUID(), tipId, encryption.encrypt(KEY_OWNER, t)).update();
        jdbc.sql("update tip set last_addition_at = now() where id = ?").param(tipId).update();
        audit.record(AuditEntry.change("tip", "tip.add_information", tipId));
        log.info("Tip addition tipId={}", tipId);
        return Optional.of((TipStatus) found.get()[1]);
    }

    /** The status of the tip with this reference code (what the reporter may see: nothing else). */
    @Transactional(readOnly = true)
    public Optional<TipStatus> statusOf(String referenceCode) {
        return findByCode(referenceCode).map(r -> (TipStatus) r[1]);
    }

    private Optional<Object[]> findByCode(String referenceCode) {
        String code = normaliseCode(referenceCode);
        if (code.length() != CODE_LENGTH) {
            return Optional.empty();
        }
        return jdbc.sql("select id, status from tip where reference_index = ?").param(referenceIndex(code))
                .query((rs, n) -> new Object[] {rs.getObject("id", UUID.class), TipStatus.valueOf(rs.getString("status"))})
                .optional();
    }

    // ---- triage (designated organisations only)

    /** Whether the current user may triage tips: TIP_TRIAGE in a designated organisation. */
    @Transactional(readOnly = true)
    public boolean mayTriage() {
        return CurrentUser.find().filter(u -> u.can(Permission.TIP_TRIAGE))
                .map(u -> isDesignated(u.organisationId())).orElse(false);
    }

    @Transactional(readOnly = true)
    public List<TipSummary> queue(TipStatus status, int page, int size) {
        requireTriager();
        Locale locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
        return jdbc.sql("select t.id, t.category, t.place_code, t.status, t.contact_sealed is null as anonymous,"
                + " t.received_at, t.last_addition_at, (select count(*) from tip_addition a where a.tip_id = t.id) as n"
                + " from tip t where (cast(:status as varchar) is null or t.status = :status)"
                + " order by (t.status = 'NEW') desc, t.received_at desc offset :offset limit :limit")
                .param("status", status == null ? null : status.name()).param("offset", Math.max(page, 0) * size)
                .param("limit", size)
                .query((rs, n) -> summary(rs, locale)).list();
    }

    public TipDetail open(UUID id) {
        CurrentUser user = requireTriager();
        Locale locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
        var row = jdbc.sql("select t.*, t.contact_sealed is null as anonymous,"
                + " (select count(*) from tip_addition a where a.tip_id = t.id) as n from tip t where t.id = ?")
                .param(id).query((rs, n) -> new Object[] {summary(rs, locale), rs.getBytes("description_sealed"),
                        rs.getBytes("contact_sealed"), rs.getString("converted_to"), rs.getInt("version")})
                .optional().orElseThrow(() -> new NotFound("tip"));
        List<Addition> additions = jdbc.sql("select added_at, text_sealed from tip_addition where tip_id = ?"
                + " order by added_at").param(id)
                .query((rs, n) -> new Addition(rs.getObject("added_at", OffsetDateTime.class),
                        encryption.decrypt(KEY_OWNER, rs.getBytes("text_sealed")))).list();
        audit.record(AuditEntry.read("tip", id).withDetail("organisation", user.organisationId().toString()));
        byte[] contact = (byte[]) row[2];
        return new TipDetail((TipSummary) row[0], encryption.decrypt(KEY_OWNER, (byte[]) row[1]),
                contact == null ? null : encryption.decrypt(KEY_OWNER, contact), additions, (String) row[3],
                (Integer) row[4]);
    }

    /** Marks a tip reviewed, dismissed or converted (then {@code convertedTo} names the case or proceeding). */
    public void triage(UUID id, int version, TipStatus status, String convertedTo) {
        CurrentUser user = requireTriager();
        if (status == null || status == TipStatus.NEW) {
            throw InvalidInput.of("status", "tips.error.status", "choose reviewed, dismissed or converted");
        }
        String link = convertedTo == null || convertedTo.isBlank() ? null : convertedTo.strip();
        if (status == TipStatus.CONVERTED && link == null) {
            throw InvalidInput.of("convertedTo", "tips.error.convertedTo", "name the case or proceeding");
        }
        if (link != null && link.length() > 100) {
            throw InvalidInput.of("convertedTo", "tips.error.tooLong", "too long");
        }
        int n = jdbc.sql("update tip set status = ?, converted_to = ?, triaged_by = ?, triaged_by_org = ?,"
                + " triaged_at = now(), version = version + 1 where id = ? and version = ?")
                .params(status.name(), status == TipStatus.CONVERTED ? link : null, user.userId(),
                        user.organisationId(), id, version).update();
        if (n == 0) {
            if (jdbc.sql("select count(*) from tip where id = ?").param(id).query(Integer.class).single() == 0) {
                throw new NotFound("tip");
            }
            throw new Conflict("stale", "the tip was triaged by someone else meanwhile");
        }
        audit.record(AuditEntry.change("tip", "tip.triage", id).withDetail("status", status.name()));
    }

    // ---- designation (system administrators)

    @Transactional(readOnly = true)
    public boolean isDesignated(UUID organisationId) {
        return jdbc.sql("select count(*) from tip_designation where organisation_id = ?").param(organisationId)
                .query(Integer.class).single() > 0;
    }

    /** Designates an organisation to triage tips, or withdraws the designation. */
    public void designate(UUID organisationId, boolean designated) {
        CurrentUser admin = OutreachManagement.require(Permission.ADMIN_SYSTEM);
        if (designated) {
            jdbc.sql("insert into tip_designation (organisation_id, designated_by) values (?, ?)"
                    + " on conflict (organisation_id) do nothing").params(organisationId, admin.userId()).update();
        } else {
            jdbc.sql("delete from tip_designation where organisation_id = ?").param(organisationId).update();
        }
        audit.record(AuditEntry.change("organisation", designated ? "tip.designate" : "tip.undesignate",
                organisationId));
    }

    /** An organisation and whether it is designated (for the administrators' page). */
    public record Designation(UUID organisationId, String name, String type, boolean designated) {
    }

    @Transactional(readOnly = true)
    public List<Designation> designations() {
        OutreachManagement.require(Permission.ADMIN_SYSTEM);
        return jdbc.sql("select o.id, o.name, o.type, d.organisation_id is not null as designated from organisation o"
                + " left join tip_designation d on d.organisation_id = o.id where o.enabled order by o.name")
                .query((rs, n) -> new Designation(rs.getObject("id", UUID.class), rs.getString("name"),
                        rs.getString("type"), rs.getBoolean("designated"))).list();
    }

    private CurrentUser requireTriager() {
        CurrentUser user = OutreachManagement.require(Permission.TIP_TRIAGE);
        if (!isDesignated(user.organisationId())) {
            throw new Forbidden("organisation not designated for tips");
        }
        return user;
    }

    private TipSummary summary(java.sql.ResultSet rs, Locale locale) throws java.sql.SQLException {
        String place = rs.getString("place_code");
        return new TipSummary(rs.getObject("id", UUID.class), TipCategory.valueOf(rs.getString("category")), place,
                place == null ? null : gazetteer.find(place).map(p -> p.name(locale)).orElse(place),
                TipStatus.valueOf(rs.getString("status")), rs.getBoolean("anonymous"),
                rs.getObject("received_at", OffsetDateTime.class),
                rs.getObject("last_addition_at", OffsetDateTime.class), rs.getInt("n"));
    }

    private String newCode() {
        StringBuilder sb = new StringBuilder(CODE_LENGTH);
        for (int i = 0; i < CODE_LENGTH; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    private String referenceIndex(String normalisedCode) {
        return encryption.blindIndex("tip.reference", normalisedCode);
    }

    /** Upper case, separators dropped; look-alike letters mapped to the digits the alphabet uses. */
    static String normaliseCode(String code) {
        if (code == null) {
            return "";
        }
        return code.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "").replace('O', '0').replace('I', '1')
                .replace('L', '1');
    }

    private static String format(String code) {
        return code.substring(0, 4) + "-" + code.substring(4, 8) + "-" + code.substring(8);
    }

}
