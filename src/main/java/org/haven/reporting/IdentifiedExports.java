package org.haven.reporting;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.haven.audit.AuditEntry;
import org.haven.audit.AuditLog;
import org.haven.cases.CaseCommands.SurvivorIdentity;
import org.haven.cases.CaseManagement;
import org.haven.cases.CaseViews.CaseDetails;
import org.haven.security.CurrentUser;
import org.haven.security.Permission;
import org.haven.shared.web.Conflict;
import org.haven.shared.web.Forbidden;
import org.haven.shared.web.InvalidInput;
import org.haven.shared.web.NotFound;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import net.lingala.zip4j.io.outputstream.ZipOutputStream;
import net.lingala.zip4j.model.ZipParameters;
import net.lingala.zip4j.model.enums.AesKeyStrength;
import net.lingala.zip4j.model.enums.CompressionMethod;
import net.lingala.zip4j.model.enums.EncryptionMethod;

/**
 * Identified exports, for a court say: the only way identifying survivor data leaves Haven as a file.
 *
 * <ol>
 * <li>{@link #request}: a user who reads cases names cases they can see, the proceeding and the purpose.</li>
 * <li>{@link #approve} or {@link #refuse}: a second person — a case supervisor or organisation administrator of the
 * same organisation, never the requester (the table refuses it too) — decides.</li>
 * <li>{@link #download}: the requester alone, once, gets an AES-256 encrypted ZIP (zip4j) of a CSV with the
 * survivors' identity; the cases are read through {@link CaseManagement#viewCase} as the requester at that moment, so
 * access is checked again and every case read is audited by the cases module.</li>
 * </ol>
 *
 * <p>The password is given by the requester (a form field; for a command line it would come from the console, never
 * an argument), used only to encrypt, and never stored, logged or audited; the caller's char array is wiped. Every
 * step writes an audit event ({@code export.identified.*}), refusals of the rules too (in their own transaction).
 */
@Service
public class IdentifiedExports {

    /** Shortest password accepted for an export file. */
    public static final int MIN_PASSWORD = 12;
    public static final int MAX_CASES = 100;

    public enum Status { REQUESTED, APPROVED, REFUSED, DOWNLOADED }

    /** A request as its organisation's staff see it: no survivor data, only how many cases it names. */
    public record ExportRequest(UUID id, UUID requestedBy, String requesterName, OffsetDateTime requestedAt,
            String proceedingReference, String purpose, int cases, Status status, UUID decidedBy,
            String deciderName, OffsetDateTime decidedAt, OffsetDateTime downloadedAt, int version) {
    }

    /** The encrypted file and its name. */
    public record ExportFile(String fileName, byte[] content) {
    }

    private final JdbcClient jdbc;
    private final CaseManagement cases;
    private final AuditLog audit;

    IdentifiedExports(JdbcClient jdbc, CaseManagement cases, AuditLog audit) {
        this.jdbc = jdbc;
        this.cases = cases;
        this.audit = audit;
    }

    /** Who may see the organisation's export requests: readers of cases, supervisors and administrators. */
    public static boolean mayList(CurrentUser user) {
        return user.can(Permission.CASE_READ) || mayDecide(user);
    }

    public static boolean mayDecide(CurrentUser user) {
        return user.can(Permission.CASE_SUPERVISE) || user.can(Permission.ADMIN_ORGANISATION);
    }

    /**
     * Files a request naming the cases by their codes ({@code HVN-XXXX-XXXX}, any case, hyphens optional). A code
     * that names no case and one that names a case the requester may not open are the same field error on
     * {@code caseCodes} ("no case you can open has this code"), so the answer never reveals that a case exists;
     * the second is audited as a denied access.
     */
    @Transactional
    public UUID requestByCodes(List<String> caseCodes, String proceedingReference, String purpose) {
        CurrentUser user = CurrentUser.require();
        if (!user.can(Permission.CASE_READ)) {
            throw new Forbidden("Your roles do not include reading cases.");
        }
        List<String> codes = new ArrayList<>(new LinkedHashSet<>((caseCodes == null ? List.<String>of() : caseCodes)
                .stream().filter(c -> c != null && !c.isBlank()).map(IdentifiedExports::normaliseCode).toList()));
        if (codes.isEmpty() || codes.size() > MAX_CASES) {
            List<InvalidInput.FieldError> errors = new ArrayList<>();
            errors.add(new InvalidInput.FieldError("caseCodes", "reporting.identified.codes.invalid",
                    "Give between 1 and " + MAX_CASES + " case codes, one per line."));
            try {
                request(List.of(UUID.randomUUID()), proceedingReference, purpose, false);
            } catch (InvalidInput e) {
                errors.addAll(e.errors());
            }
            throw new InvalidInput(errors);
        }
        java.util.Map<String, UUID> found = new java.util.HashMap<>();
        jdbc.sql("select case_code, id from survivor_case where case_code = any(?)").param(codes.toArray(String[]::new))
                .query(rs -> {
                    found.put(rs.getString(1), rs.getObject(2, UUID.class));
                });
        List<String> unknown = new ArrayList<>();
        List<UUID> ids = new ArrayList<>();
        for (String code : codes) {
            UUID id = found.get(code);
            if (id == null) {
                unknown.add(code);
                continue;
            }
            try {
                cases.accessToCase(id);
                ids.add(id);
            } catch (NotFound e) {
                audit.recordIndependently(AuditEntry.denied("export", "export.identified.request", id), user,
                        user.username());
                unknown.add(code);
            }
        }
        if (!unknown.isEmpty()) {
            List<InvalidInput.FieldError> errors = new ArrayList<>();
            errors.add(new InvalidInput.FieldError("caseCodes", "reporting.identified.codes.notFound",
                    "No case you can open has this code: " + String.join(", ", unknown)));
            try {
                request(ids, proceedingReference, purpose, false);
            } catch (InvalidInput e) {
                e.errors().stream().filter(f -> !"caseIds".equals(f.field())).forEach(errors::add);
            }
            throw new InvalidInput(errors);
        }
        return request(ids, proceedingReference, purpose);
    }

    /** Upper case, and the hyphens of {@code HVN-XXXX-XXXX} put back when left out. */
    static String normaliseCode(String code) {
        String c = code.strip().toUpperCase(java.util.Locale.ROOT);
        String compact = c.replace("-", "");
        if (compact.length() == 11 && compact.startsWith("HVN")) {
            return "HVN-" + compact.substring(3, 7) + "-" + compact.substring(7);
        }
        return c;
    }

    /** Files a request; every case must be one the requester may read ({@link NotFound} otherwise). */
    @Transactional
    public UUID request(List<UUID> caseIds, String proceedingReference, String purpose) {
        return request(caseIds, proceedingReference, purpose, true);
    }

    /** With {@code file} false, only checks the fields (throws {@link InvalidInput}) and writes nothing. */
    private UUID request(List<UUID> caseIds, String proceedingReference, String purpose, boolean file) {
        CurrentUser user = CurrentUser.require();
        if (!user.can(Permission.CASE_READ)) {
            throw new Forbidden("Your roles do not include reading cases.");
        }
        List<InvalidInput.FieldError> errors = new ArrayList<>();
        List<UUID> ids = caseIds == null ? List.of() : List.copyOf(new LinkedHashSet<>(caseIds));
        if (ids.isEmpty() || ids.size() > MAX_CASES) {
            errors.add(new InvalidInput.FieldError("caseIds", "reporting.identified.cases.invalid",
                    "Name between 1 and " + MAX_CASES + " cases."));
        }
        if (proceedingReference == null || proceedingReference.isBlank() || proceedingReference.length() > 200) {
            errors.add(new InvalidInput.FieldError("proceedingReference", "reporting.identified.reference.invalid",
                    "Give the proceeding or court case the export is for (at most 200 characters)."));
        }
        if (purpose == null || purpose.isBlank() || purpose.length() > 1000) {
            errors.add(new InvalidInput.FieldError("purpose", "reporting.identified.purpose.invalid",
                    "Say why the identified data are needed (at most 1000 characters)."));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        if (!file) {
            return null;
        }
        for (UUID caseId : ids) {
            try {
                cases.accessToCase(caseId);
            } catch (NotFound e) {
                audit.recordIndependently(AuditEntry.denied("export", "export.identified.request", caseId), user,
                        user.username());
                throw e;
            }
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into identified_export (id, organisation_id, requested_by, proceeding_reference, purpose, case_ids,
                  status) values (?, ?, ?, ?, ?, ?, 'REQUESTED')""")
                .params(id, user.organisationId(), user.userId(), proceedingReference.strip(), purpose.strip(),
                        ids.toArray(UUID[]::new))
                .update();
        List<Object> subjects = new ArrayList<>();
        subjects.add(id);
        subjects.addAll(ids);
        audit.record(AuditEntry.change("export", "export.identified.request", subjects).withPurpose(purpose.strip())
                .withDetail("cases", ids.size()));
        return id;
    }

    /** Approval by a second person of the requester's organisation. */
    @Transactional
    public void approve(UUID id, int version) {
        decide(id, version, Status.APPROVED, "export.identified.approve");
    }

    @Transactional
    public void refuse(UUID id, int version) {
        decide(id, version, Status.REFUSED, "export.identified.refuse");
    }

    private void decide(UUID id, int version, Status to, String action) {
        CurrentUser user = CurrentUser.require();
        if (!mayDecide(user)) {
            throw new Forbidden("Only a case supervisor or an organisation administrator decides on identified exports.");
        }
        ExportRequest r = visible(user, id, action);
        if (r.requestedBy().equals(user.userId())) {
            audit.recordIndependently(AuditEntry.denied("export", action, id).withDetail("reason", "self-approval"),
                    user, user.username());
            throw new Forbidden("A second person must decide on your own export request.");
        }
        if (r.status() != Status.REQUESTED) {
            throw new Conflict("export.decided", "This request has already been decided.");
        }
        int n = jdbc.sql("""
                update identified_export set status = ?, decided_by = ?, decided_at = now(), version = version + 1
                where id = ? and version = ? and status = 'REQUESTED'""")
                .params(to.name(), user.userId(), id, version).update();
        if (n == 0) {
            throw new Conflict("export.stale", "Someone else changed this request; reload it.");
        }
        audit.record(AuditEntry.change("export", action, id).withDetail("requestedBy", r.requestedBy()));
    }

    /**
     * The encrypted file of an approved request, for its requester, once. The password must be at least
     * {@link #MIN_PASSWORD} characters; the array is wiped before this method returns.
     */
    @Transactional
    public ExportFile download(UUID id, char[] password) {
        return download(id, password, "web");
    }

    /**
     * As {@link #download(UUID, char[])}, noting in the audit event the channel the file left by ({@code web},
     * {@code api} or {@code command-line}).
     */
    @Transactional
    public ExportFile download(UUID id, char[] password, String channel) {
        try {
            CurrentUser user = CurrentUser.require();
            if (!user.can(Permission.CASE_READ)) {
                throw new Forbidden("Your roles do not include reading cases.");
            }
            ExportRequest r = visible(user, id, "export.identified.download");
            if (!r.requestedBy().equals(user.userId())) {
                audit.recordIndependently(AuditEntry.denied("export", "export.identified.download", id)
                        .withDetail("reason", "not-requester"), user, user.username());
                throw new NotFound("export");
            }
            if (r.status() != Status.APPROVED) {
                throw new Conflict("export.notApproved", r.status() == Status.DOWNLOADED
                        ? "This export has already been downloaded; file a new request."
                        : "This export has not been approved by a second person.");
            }
            if (password == null || password.length < MIN_PASSWORD) {
                throw InvalidInput.of("password", "reporting.identified.password.short",
                        "Choose a password of at least " + MIN_PASSWORD + " characters.");
            }
            List<UUID> caseIds = caseIds(id);
            byte[] csv = csv(caseIds);
            byte[] zip = encrypt("identified-export-" + id + ".csv", csv, password);
            jdbc.sql("update identified_export set status = 'DOWNLOADED', downloaded_at = now(), version = version + 1 "
                    + "where id = ? and status = 'APPROVED'").param(id).update();
            List<Object> subjects = new ArrayList<>();
            subjects.add(id);
            subjects.addAll(caseIds);
            audit.record(AuditEntry.change("export", "export.identified.download", subjects)
                    .withPurpose(r.purpose()).withDetail("cases", caseIds.size()).withDetail("encryption", "zip-aes-256")
                    .withDetail("channel", channel));
            return new ExportFile("haven-identified-export-" + id + ".zip", zip);
        } finally {
            if (password != null) {
                Arrays.fill(password, '\0');
            }
        }
    }

    /** The requests of the user's organisation, newest first. */
    @Transactional(readOnly = true)
    public List<ExportRequest> list() {
        CurrentUser user = CurrentUser.require();
        if (!mayList(user)) {
            throw new Forbidden("Your roles do not include identified exports.");
        }
        return jdbc.sql(SELECT + " where e.organisation_id = ? order by e.requested_at desc, e.id limit 200")
                .param(user.organisationId()).query((rs, n) -> row(rs)).list();
    }

    /** One request of the user's organisation ({@link NotFound} for another organisation's). */
    @Transactional(readOnly = true)
    public ExportRequest get(UUID id) {
        CurrentUser user = CurrentUser.require();
        if (!mayList(user)) {
            throw new Forbidden("Your roles do not include identified exports.");
        }
        return find(user, id);
    }

    private ExportRequest visible(CurrentUser user, UUID id, String action) {
        try {
            return find(user, id);
        } catch (NotFound e) {
            audit.recordIndependently(AuditEntry.denied("export", action, id), user, user.username());
            throw e;
        }
    }

    private ExportRequest find(CurrentUser user, UUID id) {
        return jdbc.sql(SELECT + " where e.id = ? and e.organisation_id = ?").params(id, user.organisationId())
                .query((rs, n) -> row(rs)).optional().orElseThrow(() -> new NotFound("export"));
    }

    private List<UUID> caseIds(UUID id) {
        return jdbc.sql("select case_ids from identified_export where id = ?").param(id)
                .query((rs, n) -> Arrays.asList((UUID[]) rs.getArray(1).getArray())).single();
    }

    private static final String SELECT = """
            select e.id, e.requested_by, r.display_name, e.requested_at, e.proceeding_reference, e.purpose,
                   cardinality(e.case_ids), e.status, e.decided_by, d.display_name, e.decided_at, e.downloaded_at,
                   e.version
            from identified_export e join app_user r on r.id = e.requested_by
            left join app_user d on d.id = e.decided_by""";

    private static ExportRequest row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new ExportRequest(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3),
                rs.getObject(4, OffsetDateTime.class), rs.getString(5), rs.getString(6), rs.getInt(7),
                Status.valueOf(rs.getString(8)), rs.getObject(9, UUID.class), rs.getString(10),
                rs.getObject(11, OffsetDateTime.class), rs.getObject(12, OffsetDateTime.class), rs.getInt(13));
    }

    /** One line per case, read as the requester through the cases module (which checks access and audits). */
    private byte[] csv(List<UUID> caseIds) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
                CSVPrinter printer = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader("caseId", "caseCode",
                        "familyName", "givenName", "familyNameKhmer", "givenNameKhmer", "otherNames", "dateOfBirth",
                        "sex", "birthYear", "nationality", "identifiedOn").get())) {
            for (UUID caseId : caseIds) {
                CaseDetails c = cases.viewCase(caseId);
                SurvivorIdentity i = c.identity();
                printer.printRecord(c.caseId(), c.caseCode(), i == null ? null : i.familyName(),
                        i == null ? null : i.givenName(), i == null ? null : i.familyNameKhmer(),
                        i == null ? null : i.givenNameKhmer(), i == null ? null : String.join("; ", i.otherNames()),
                        i == null ? null : i.dateOfBirth(), c.profile().sex(), c.profile().birthYear(),
                        c.profile().nationality(), c.identifiedOn());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** An AES-256 encrypted ZIP (WinZip AE-2, which 7-Zip and most archive tools open) holding one file. */
    static byte[] encrypt(String entryName, byte[] content, char[] password) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ZipParameters parameters = new ZipParameters();
        parameters.setCompressionMethod(CompressionMethod.DEFLATE);
        parameters.setEncryptFiles(true);
        parameters.setEncryptionMethod(EncryptionMethod.AES);
        parameters.setAesKeyStrength(AesKeyStrength.KEY_STRENGTH_256);
        parameters.setFileNameInZip(entryName);
        // zip4j keeps a reference to the array it is given; hand it a copy and wipe that copy too.
        char[] copy = password.clone();
        try (ZipOutputStream zip = new ZipOutputStream(out, copy)) {
            zip.putNextEntry(parameters);
            zip.write(content);
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            Arrays.fill(copy, '\0');
        }
        return out.toByteArray();
    }
}
