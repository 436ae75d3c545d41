package org.haven.prevention;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.haven.audit.AuditEntry;
import org.haven.audit.AuditLog;
import org.haven.places.Gazetteer;
import org.haven.places.Place;
import org.haven.security.CurrentUser;
import org.haven.security.FieldEncryption;
import org.haven.security.Permission;
import org.haven.shared.web.Conflict;
import org.haven.shared.web.Forbidden;
import org.haven.shared.web.InvalidInput;
import org.haven.shared.web.InvalidInput.FieldError;
import org.haven.shared.web.NotFound;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Campaigns and outreach activities. Anyone with {@code OUTREACH_READ} reads every organisation's activities (they
 * are not survivor data); only members of the owning organisation with {@code OUTREACH_WRITE} change them. Notes are
 * sealed with the owning organisation's field key and shown only to its members. Every change is audited in the same
 * transaction. Validation errors are thrown as {@link InvalidInput} before anything is written.
 */
@Service
@Transactional
public class OutreachManagement {

    static final String ACTIVITY_COLUMNS = "a.id, a.organisation_id, o.name as organisation_name, a.campaign_id,"
            + " c.name as campaign_name, a.method, a.activity_date, a.place_code, a.facilitators, a.materials,"
            + " a.notes_sealed, a.version, " + String.join(", ", Audience.COLUMNS.stream().map(x -> "a." + x).toList());
    static final String ACTIVITY_FROM = " from outreach_activity a join organisation o on o.id = a.organisation_id"
            + " left join campaign c on c.id = a.campaign_id";

    /** Filter for activity lists; null fields do not filter. {@code placeCode} includes the units below it. */
    public record ActivityFilter(LocalDate from, LocalDate to, String placeCode, UUID organisationId) {
    }

    private final JdbcClient jdbc;
    private final Gazetteer gazetteer;
    private final FieldEncryption encryption;
    private final AuditLog audit;

    public OutreachManagement(JdbcClient jdbc, Gazetteer gazetteer, FieldEncryption encryption, AuditLog audit) {
        this.jdbc = jdbc;
        this.gazetteer = gazetteer;
        this.encryption = encryption;
        this.audit = audit;
    }

    // ---- campaigns

    public UUID createCampaign(CampaignDraft draft) {
        CurrentUser user = require(Permission.OUTREACH_WRITE);
        validate(draft);
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into campaign (id, organisation_id, name, funder, approach, start_date, end_date, created_by)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(id, user.organisationId(), draft.name().strip(), blankToNull(draft.funder()),
                        blankToNull(draft.approach()), draft.startDate(), draft.endDate(), user.userId())
                .update();
        audit.record(AuditEntry.change("campaign", "campaign.create", id));
        return id;
    }

    public void updateCampaign(UUID id, int version, CampaignDraft draft) {
        CurrentUser user = require(Permission.OUTREACH_WRITE);
        Campaign existing = campaign(id);
        if (!existing.organisationId().equals(user.organisationId())) {
            throw new Forbidden("campaign of another organisation");
        }
        validate(draft);
        int n = jdbc.sql("update campaign set name = ?, funder = ?, approach = ?, start_date = ?, end_date = ?,"
                + " version = version + 1 where id = ? and version = ?")
                .params(draft.name().strip(), blankToNull(draft.funder()), blankToNull(draft.approach()),
                        draft.startDate(), draft.endDate(), id, version).update();
        if (n == 0) {
            throw new Conflict("stale", "the campaign was changed by someone else");
        }
        audit.record(AuditEntry.change("campaign", "campaign.update", id));
    }

    @Transactional(readOnly = true)
    public Campaign campaign(UUID id) {
        require(Permission.OUTREACH_READ);
        return jdbc.sql("select c.*, o.name as organisation_name from campaign c join organisation o"
                + " on o.id = c.organisation_id where c.id = ?").param(id).query(OutreachManagement::mapCampaign)
                .optional().orElseThrow(() -> new NotFound("campaign"));
    }

    @Transactional(readOnly = true)
    public List<Campaign> campaigns(UUID organisationId) {
        require(Permission.OUTREACH_READ);
        return jdbc.sql("select c.*, o.name as organisation_name from campaign c join organisation o"
                + " on o.id = c.organisation_id where (cast(:org as uuid) is null or c.organisation_id = :org)"
                + " order by c.start_date desc nulls last, c.name").param("org", organisationId)
                .query(OutreachManagement::mapCampaign).list();
    }

    /** The campaigns the current user may attach activities to (their organisation's). */
    @Transactional(readOnly = true)
    public List<Campaign> ownCampaigns() {
        return campaigns(require(Permission.OUTREACH_READ).organisationId());
    }

    // ---- activities

    public UUID recordActivity(ActivityDraft draft) {
        CurrentUser user = require(Permission.OUTREACH_WRITE);
        List<FieldError> errors = validate(draft, user, "");
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        UUID id = insert(draft, user);
        audit.record(AuditEntry.change("outreach_activity", "outreach.record", id));
        return id;
    }

    /**
     * Records many activities in one transaction: all or nothing. Every draft is validated first; any error (with
     * the row number as field prefix, {@code row 3: placeCode}) throws {@link InvalidInput} listing all of them.
     */
    public List<UUID> recordActivities(List<ActivityDraft> drafts) {
        CurrentUser user = require(Permission.OUTREACH_WRITE);
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            errors.addAll(validate(drafts.get(i), user, "row " + (i + 2) + ": "));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        List<UUID> ids = new ArrayList<>();
        for (ActivityDraft d : drafts) {
            ids.add(insert(d, user));
        }
        audit.record(AuditEntry.change("outreach_activity", "outreach.bulk_record", ids)
                .withDetail("rows", ids.size()));
        return ids;
    }

    public void updateActivity(UUID id, int version, ActivityDraft draft) {
        CurrentUser user = require(Permission.OUTREACH_WRITE);
        UUID owner = jdbc.sql("select organisation_id from outreach_activity where id = ?").param(id)
                .query(UUID.class).optional().orElseThrow(() -> new NotFound("activity"));
        if (!owner.equals(user.organisationId())) {
            throw new Forbidden("activity of another organisation");
        }
        List<FieldError> errors = validate(draft, user, "");
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        List<Object> params = new ArrayList<>(List.of(draft.method().name(), draft.date(), draft.placeCode().strip()));
        params.add(draft.campaignId());
        params.addAll(draft.audience().counts());
        params.add(blankToNull(draft.facilitators()));
        params.add(blankToNull(draft.materials()));
        params.add(seal(user.organisationId(), draft.notes()));
        params.add(id);
        params.add(version);
        int n = jdbc.sql("update outreach_activity set method = ?, activity_date = ?, place_code = ?, campaign_id = ?, "
                + String.join(", ", Audience.COLUMNS.stream().map(c -> c + " = ?").toList())
                + ", facilitators = ?, materials = ?, notes_sealed = ?, updated_at = now(), version = version + 1"
                + " where id = ? and version = ?").params(params).update();
        if (n == 0) {
            throw new Conflict("stale", "the activity was changed by someone else");
        }
        audit.record(AuditEntry.change("outreach_activity", "outreach.update", id));
    }

    @Transactional(readOnly = true)
    public Activity activity(UUID id) {
        CurrentUser user = require(Permission.OUTREACH_READ);
        return jdbc.sql("select " + ACTIVITY_COLUMNS + ACTIVITY_FROM + " where a.id = ?").param(id)
                .query((rs, n) -> mapActivity(rs, user)).optional().orElseThrow(() -> new NotFound("activity"));
    }

    @Transactional(readOnly = true)
    public List<Activity> activities(ActivityFilter filter, int page, int size) {
        CurrentUser user = require(Permission.OUTREACH_READ);
        StringBuilder sql = new StringBuilder("select " + ACTIVITY_COLUMNS + ACTIVITY_FROM + " where true");
        var params = new java.util.LinkedHashMap<String, Object>();
        if (filter.from() != null) {
            sql.append(" and a.activity_date >= :from");
            params.put("from", filter.from());
        }
        if (filter.to() != null) {
            sql.append(" and a.activity_date <= :to");
            params.put("to", filter.to());
        }
        if (filter.organisationId() != null) {
            sql.append(" and a.organisation_id = :org");
            params.put("org", filter.organisationId());
        }
        if (filter.placeCode() != null && !filter.placeCode().isBlank()) {
            // NCDD codes nest by prefix; other countries' codes too (TH, TH-10).
            sql.append(" and (a.place_code = :place or a.place_code like :placePrefix)");
            params.put("place", filter.placeCode().strip());
            params.put("placePrefix", filter.placeCode().strip() + "%");
        }
        sql.append(" order by a.activity_date desc, a.created_at desc offset :offset limit :limit");
        params.put("offset", Math.max(page, 0) * size);
        params.put("limit", size);
        return jdbc.sql(sql.toString()).params(params).query((rs, n) -> mapActivity(rs, user)).list();
    }

    /** One spreadsheet row as the preview shows it: row number (header = 1), cells, and every problem found. */
    public record UploadRow(int number, java.util.Map<String, String> cells, List<Problem> errors) {
    }

    /** A problem in one cell of an upload: the column, a message key ({@code outreach.error.*}), the value seen. */
    public record Problem(String column, String code, String value) {
    }

    /** The result of checking an upload without saving: all rows, and whether the file may be saved as it is. */
    public record UploadPreview(List<String> headers, List<UploadRow> rows, int errorRows) {

        public boolean savable() {
            return errorRows == 0 && !rows.isEmpty();
        }
    }

    /** Checks an uploaded CSV or XLSX file row by row; saves nothing. */
    @Transactional(readOnly = true)
    public UploadPreview previewUpload(String filename, byte[] content) {
        CurrentUser user = require(Permission.OUTREACH_WRITE);
        List<ActivitySpreadsheet.Row> rows = readUpload(filename, content, user);
        List<UploadRow> out = new ArrayList<>();
        int bad = 0;
        for (ActivitySpreadsheet.Row r : rows) {
            List<Problem> errors = new ArrayList<>(r.errors());
            if (r.draft() != null) {
                validate(r.draft(), user, "").forEach(e -> errors.add(new Problem(column(e.field()), e.code(),
                        "placeCode".equals(e.field()) ? r.draft().placeCode() : null)));
            } else {
                // The row did not parse; still report an unknown place so one round of corrections suffices.
                String place = r.cells().getOrDefault("place_code", "").strip();
                if (place.isEmpty()) {
                    errors.add(new Problem("place_code", "outreach.error.place", null));
                } else if (gazetteer.find(place).filter(Place::current).isEmpty()) {
                    errors.add(new Problem("place_code", "outreach.error.placeUnknown", place));
                }
            }
            if (!errors.isEmpty()) {
                bad++;
            }
            out.add(new UploadRow(r.number(), r.cells(), errors));
        }
        return new UploadPreview(ActivitySpreadsheet.HEADERS, out, bad);
    }

    /**
     * Saves every row of an uploaded file in one transaction, or nothing: if any row has a problem, throws
     * {@link InvalidInput} with one error per problem ({@code field = "row N"}).
     */
    public List<UUID> saveUpload(String filename, byte[] content) {
        UploadPreview preview = previewUpload(filename, content);
        if (preview.rows().isEmpty()) {
            throw InvalidInput.of("file", "outreach.upload.empty", "the file has no rows");
        }
        if (!preview.savable()) {
            List<FieldError> errors = new ArrayList<>();
            for (UploadRow r : preview.rows()) {
                r.errors().forEach(e -> errors.add(new FieldError("row " + r.number() + ": " + e.column(), e.code(),
                        e.value() == null ? e.code() : e.code() + " (" + e.value() + ")")));
            }
            throw new InvalidInput(errors);
        }
        CurrentUser user = require(Permission.OUTREACH_WRITE);
        List<ActivityDraft> drafts = readUpload(filename, content, user).stream().map(ActivitySpreadsheet.Row::draft)
                .toList();
        return recordActivities(drafts);
    }

    private static String column(String field) {
        return switch (field) {
            case "placeCode" -> "place_code";
            case "campaignId" -> "campaign";
            default -> field;
        };
    }

    private List<ActivitySpreadsheet.Row> readUpload(String filename, byte[] content, CurrentUser user) {
        java.util.Map<String, UUID> campaigns = new java.util.HashMap<>();
        for (Campaign c : campaigns(user.organisationId())) {
            campaigns.putIfAbsent(c.name().toLowerCase(Locale.ROOT), c.id());
        }
        try {
            return ActivitySpreadsheet.read(filename, content, campaigns);
        } catch (IllegalArgumentException e) {
            throw InvalidInput.of("file", "outreach.upload.unreadable", e.getMessage());
        }
    }

    /** A CSV template with the expected columns and one example row. */
    public String uploadTemplateCsv() {
        return ActivitySpreadsheet.templateCsv();
    }

    /** Validates one draft for the current user; field names prefixed (e.g. {@code "row 3: "}) for bulk uploads. */
    List<FieldError> validate(ActivityDraft d, CurrentUser user, String prefix) {
        List<FieldError> errors = new ArrayList<>();
        if (d.method() == null) {
            errors.add(new FieldError(prefix + "method", "outreach.error.method", "method is required"));
        }
        if (d.date() == null) {
            errors.add(new FieldError(prefix + "date", "outreach.error.date", "date is required"));
        } else if (d.date().isAfter(org.haven.shared.HavenClock.today().plusDays(1)) || d.date().isBefore(LocalDate.of(1990, 1, 1))) {
            errors.add(new FieldError(prefix + "date", "outreach.error.dateRange", "date must not be in the future"));
        }
        if (d.placeCode() == null || d.placeCode().isBlank()) {
            errors.add(new FieldError(prefix + "placeCode", "outreach.error.place", "place is required"));
        } else {
            Optional<Place> place = gazetteer.find(d.placeCode().strip());
            if (place.isEmpty() || !place.get().current()) {
                errors.add(new FieldError(prefix + "placeCode", "outreach.error.placeUnknown",
                        "unknown place code " + d.placeCode().strip()));
            }
        }
        if (d.audience() == null || !d.audience().valid()) {
            errors.add(new FieldError(prefix + "audience", "outreach.error.audience",
                    "audience counts must be whole numbers from 0"));
        }
        if (d.campaignId() != null) {
            UUID owner = jdbc.sql("select organisation_id from campaign where id = ?").param(d.campaignId())
                    .query(UUID.class).optional().orElse(null);
            if (owner == null || !owner.equals(user.organisationId())) {
                errors.add(new FieldError(prefix + "campaignId", "outreach.error.campaign",
                        "campaign not found in your organisation"));
            }
        }
        checkLength(errors, prefix + "facilitators", d.facilitators(), 1000);
        checkLength(errors, prefix + "materials", d.materials(), 1000);
        checkLength(errors, prefix + "notes", d.notes(), 4000);
        return errors;
    }

    private UUID insert(ActivityDraft d, CurrentUser user) {
        UUID id = UUID.randomUUID();
        List<Object> params = new ArrayList<>(List.of(id, user.organisationId()));
        params.add(d.campaignId());
        params.add(d.method().name());
        params.add(d.date());
        params.add(d.placeCode().strip());
        params.addAll(d.audience().counts());
        params.add(blankToNull(d.facilitators()));
        params.add(blankToNull(d.materials()));
        params.add(seal(user.organisationId(), d.notes()));
        params.add(user.userId());
        jdbc.sql("insert into outreach_activity (id, organisation_id, campaign_id, method, activity_date, place_code, "
                + String.join(", ", Audience.COLUMNS) + ", facilitators, materials, notes_sealed, created_by) values ("
                + "?, ".repeat(6 + Audience.COLUMNS.size() + 3) + "?)").params(params).update();
        return id;
    }

    private byte[] seal(UUID organisationId, String notes) {
        String text = blankToNull(notes);
        return text == null ? null : encryption.encrypt(organisationId, text);
    }

    private Activity mapActivity(ResultSet rs, CurrentUser user) throws SQLException {
        UUID org = rs.getObject("organisation_id", UUID.class);
        boolean own = org.equals(user.organisationId());
        List<Integer> counts = new ArrayList<>();
        for (String c : Audience.COLUMNS) {
            counts.add(rs.getInt(c));
        }
        byte[] sealed = rs.getBytes("notes_sealed");
        String notes = own && sealed != null ? encryption.decrypt(org, sealed) : null;
        String placeCode = rs.getString("place_code");
        Locale locale = LocaleContextHolder.getLocale();
        Optional<Place> place = gazetteer.find(placeCode);
        return new Activity(rs.getObject("id", UUID.class), org, rs.getString("organisation_name"),
                rs.getObject("campaign_id", UUID.class), rs.getString("campaign_name"),
                OutreachMethod.valueOf(rs.getString("method")), rs.getObject("activity_date", LocalDate.class),
                placeCode, place.map(p -> p.name(locale)).orElse(placeCode),
                place.map(p -> p.path(locale)).orElse(""), new Audience(counts), rs.getString("facilitators"),
                rs.getString("materials"), notes, own && user.can(Permission.OUTREACH_WRITE), rs.getInt("version"));
    }

    private static Campaign mapCampaign(ResultSet rs, int row) throws SQLException {
        return new Campaign(rs.getObject("id", UUID.class), rs.getObject("organisation_id", UUID.class),
                rs.getString("organisation_name"), rs.getString("name"), rs.getString("funder"),
                rs.getString("approach"), rs.getObject("start_date", LocalDate.class),
                rs.getObject("end_date", LocalDate.class), rs.getInt("version"));
    }

    private static void validate(CampaignDraft d) {
        List<FieldError> errors = new ArrayList<>();
        if (d.name() == null || d.name().isBlank()) {
            errors.add(new FieldError("name", "outreach.error.campaignName", "name is required"));
        }
        if (d.startDate() != null && d.endDate() != null && d.endDate().isBefore(d.startDate())) {
            errors.add(new FieldError("endDate", "outreach.error.campaignDates", "end before start"));
        }
        checkLength(errors, "name", d.name(), 200);
        checkLength(errors, "funder", d.funder(), 200);
        checkLength(errors, "approach", d.approach(), 2000);
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
    }

    private static void checkLength(List<FieldError> errors, String field, String value, int max) {
        if (value != null && value.length() > max) {
            errors.add(new FieldError(field, "outreach.error.tooLong", field + " longer than " + max));
        }
    }

    static CurrentUser require(Permission permission) {
        CurrentUser user = CurrentUser.find().orElseThrow(() -> new Forbidden("not signed in"));
        if (!user.can(permission)) {
            throw new Forbidden("missing " + permission);
        }
        return user;
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
