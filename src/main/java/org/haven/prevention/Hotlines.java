package org.haven.prevention;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.haven.audit.AuditEntry;
import org.haven.audit.AuditLog;
import org.haven.security.Permission;
import org.haven.shared.web.InvalidInput;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The hotline numbers shown on the public pages, kept by system administrators. */
@Service
@Transactional
public class Hotlines {

    /** A hotline in both languages. */
    public record Hotline(UUID id, String nameEn, String nameKm, String phone, String descriptionEn,
            String descriptionKm, int sortOrder, boolean active) {

        public String name(Locale locale) {
            return "km".equals(locale.getLanguage()) ? nameKm : nameEn;
        }

        public String description(Locale locale) {
            return "km".equals(locale.getLanguage()) ? descriptionKm : descriptionEn;
        }
    }

    /** What an administrator enters. */
    public record HotlineDraft(String nameEn, String nameKm, String phone, String descriptionEn,
            String descriptionKm, Integer sortOrder) {
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;

    public Hotlines(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    /** The active hotlines in display order (public). */
    @Transactional(readOnly = true)
    public List<Hotline> active() {
        return jdbc.sql("select * from hotline where active order by sort_order, name_en").query(Hotline.class).list();
    }

    @Transactional(readOnly = true)
    public List<Hotline> all() {
        OutreachManagement.require(Permission.ADMIN_SYSTEM);
        return jdbc.sql("select * from hotline order by active desc, sort_order, name_en").query(Hotline.class).list();
    }

    public UUID add(HotlineDraft d) {
        OutreachManagement.require(Permission.ADMIN_SYSTEM);
        validate(d);
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into hotline (id, name_en, name_km, phone, description_en, description_km, sort_order)"
                + " values (?, ?, ?, ?, ?, ?, ?)")
                .params(id, d.nameEn().strip(), d.nameKm().strip(), d.phone().strip(),
                        OutreachManagement.blankToNull(d.descriptionEn()), OutreachManagement.blankToNull(d.descriptionKm()),
                        d.sortOrder() == null ? 0 : d.sortOrder()).update();
        audit.record(AuditEntry.change("hotline", "hotline.add", id));
        return id;
    }

    public void setActive(UUID id, boolean active) {
        OutreachManagement.require(Permission.ADMIN_SYSTEM);
        jdbc.sql("update hotline set active = ?, updated_at = now(), version = version + 1 where id = ?")
                .params(active, id).update();
        audit.record(AuditEntry.change("hotline", active ? "hotline.activate" : "hotline.deactivate", id));
    }

    private static void validate(HotlineDraft d) {
        List<InvalidInput.FieldError> errors = new java.util.ArrayList<>();
        if (d.nameEn() == null || d.nameEn().isBlank()) {
            errors.add(new InvalidInput.FieldError("nameEn", "hotlines.error.name", "name required"));
        }
        if (d.nameKm() == null || d.nameKm().isBlank()) {
            errors.add(new InvalidInput.FieldError("nameKm", "hotlines.error.name", "Khmer name required"));
        }
        if (d.phone() == null || !d.phone().strip().matches("[+0-9 ()\\-]{3,40}")) {
            errors.add(new InvalidInput.FieldError("phone", "hotlines.error.phone", "phone number: digits, spaces, + ( ) -"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
    }
}
