package org.haven.cases.web;

import java.io.IOException;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.haven.cases.CaseCommands.*;
import org.haven.cases.CaseManagement;
import org.haven.cases.CaseQueries;
import org.haven.cases.CaseSharing;
import org.haven.cases.CaseViews.*;
import org.haven.cases.ScreeningResult;
import org.haven.cases.Vocabulary;
import org.haven.cases.Vocabulary.Purpose;
import org.haven.cases.internal.ScreeningInstrument;
import org.haven.security.CurrentUser;
import org.haven.shared.web.InvalidInput;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.*;
import org.springframework.web.multipart.MultipartFile;

/**
 * JSON API of survivor cases under {@code /api/v1/cases}. Thin: every decision (record access, validation, audit)
 * is taken by {@link CaseManagement}. Errors are problem+json (see {@code ApiExceptionHandler}).
 */
@RestController
@RequestMapping("/api/v1/cases")
@PreAuthorize("hasAuthority('CASE_READ')")
class CaseApiController {

    private final CaseManagement cases;
    private final CaseSharing sharing;
    private final CaseQueries queries;

    CaseApiController(CaseManagement cases, CaseSharing sharing, CaseQueries queries) {
        this.cases = cases;
        this.sharing = sharing;
        this.queries = queries;
    }

    @GetMapping
    Page<CaseSummary> list(@RequestParam(required = false) String q, @RequestParam(required = false) String status,
            @RequestParam(required = false) UUID caseworker, @RequestParam(required = false) LocalDate from,
            @RequestParam(required = false) LocalDate to, @RequestParam(required = false) String form,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        return cases.findCases(new CaseSearch(q, status, caseworker, from, to, form), page, size);
    }

    @PostMapping
    ResponseEntity<OpenedCase> register(@RequestBody RegisterSurvivor body) {
        OpenedCase opened = cases.registerSurvivor(body);
        return ResponseEntity.created(URI.create("/api/v1/cases/" + opened.caseId())).body(opened);
    }

    record DuplicateCheck(SurvivorIdentity identity, SurvivorProfile profile) {
    }

    @PostMapping("/duplicates")
    List<PossibleDuplicate> duplicates(@RequestBody DuplicateCheck body) {
        return cases.findPossibleDuplicates(body.identity(), body.profile());
    }

    @GetMapping("/{id}")
    CaseDetails view(@PathVariable UUID id) {
        return cases.viewCase(id);
    }

    @PutMapping("/{id}/survivor")
    ResponseEntity<Void> updateSurvivor(@PathVariable UUID id, @RequestBody UpdateSurvivor body) {
        cases.updateSurvivor(id, body);
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/{id}/assignment")
    ResponseEntity<Void> assign(@PathVariable UUID id, @RequestBody AssignCase body) {
        cases.assignCase(id, body);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/activation")
    ResponseEntity<Void> activate(@PathVariable UUID id, @RequestBody ChangeStatus body) {
        cases.activateCase(id, body);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/reintegration")
    ResponseEntity<Void> reintegrate(@PathVariable UUID id, @RequestBody StartReintegration body) {
        cases.startReintegration(id, body);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/return-to-active")
    ResponseEntity<Void> returnToActive(@PathVariable UUID id, @RequestBody ChangeStatus body) {
        cases.returnToActive(id, body);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/closure-request")
    ResponseEntity<Void> requestClosure(@PathVariable UUID id, @RequestBody RequestClosure body) {
        cases.requestClosure(id, body);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/closure-approval")
    ResponseEntity<Void> approveClosure(@PathVariable UUID id, @RequestBody ChangeStatus body) {
        cases.approveClosure(id, body);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/reopening")
    ResponseEntity<Void> reopen(@PathVariable UUID id, @RequestBody ChangeStatus body) {
        cases.reopenCase(id, body);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/consents")
    ResponseEntity<Map<String, UUID>> recordConsent(@PathVariable UUID id, @RequestBody RecordConsent body) {
        return created(id, "consents", cases.recordConsent(id, body));
    }

    @PostMapping("/{id}/consents/{consentId}/withdrawal")
    ResponseEntity<Void> withdrawConsent(@PathVariable UUID id, @PathVariable UUID consentId) {
        cases.withdrawConsent(id, consentId);
        return ResponseEntity.noContent().build();
    }

    record ShareRequest(UUID organisationId, String purpose, LocalDate validTo, UUID consentId) {
    }

    @PostMapping("/{id}/shares")
    ResponseEntity<Map<String, UUID>> share(@PathVariable UUID id, @RequestBody ShareRequest body) {
        Purpose purpose = Vocabulary.parse(Purpose.class, "purpose", body.purpose());
        return created(id, "shares", sharing.grant(id, body.organisationId(), purpose, null, body.validTo(),
                body.consentId(), "share", null));
    }

    @DeleteMapping("/{id}/shares/{grantId}")
    ResponseEntity<Void> revokeShare(@PathVariable UUID id, @PathVariable UUID grantId) {
        cases.accessToCase(id);
        sharing.revoke(grantId);
        return ResponseEntity.noContent().build();
    }

    record IndicatorView(String code, String element, String label, String source) {
    }

    record InstrumentView(String version, List<IndicatorView> indicators) {
    }

    @GetMapping("/screening-instrument")
    InstrumentView instrument() {
        ScreeningInstrument i = cases.currentInstrument();
        return new InstrumentView(i.version(), i.indicators().stream()
                .map(x -> new IndicatorView(x.code(), x.element(), x.label(), x.source())).toList());
    }

    @PostMapping("/{id}/screenings")
    ScreeningResult screen(@PathVariable UUID id, @RequestBody RecordScreening body) {
        return cases.recordScreening(id, body);
    }

    @PostMapping("/{id}/identifications")
    ResponseEntity<Map<String, UUID>> identify(@PathVariable UUID id, @RequestBody RecordIdentification body) {
        return created(id, "identifications", cases.recordIdentification(id, body));
    }

    @PostMapping("/{id}/episodes")
    ResponseEntity<Map<String, UUID>> episode(@PathVariable UUID id, @RequestBody RecordEpisode body) {
        return created(id, "episodes", cases.recordEpisode(id, body));
    }

    @PostMapping("/{id}/needs-assessments")
    ResponseEntity<Map<String, UUID>> needs(@PathVariable UUID id, @RequestBody RecordNeeds body) {
        return created(id, "needs-assessments", cases.recordNeedsAssessment(id, body));
    }

    @PostMapping("/{id}/goals")
    ResponseEntity<Map<String, UUID>> goal(@PathVariable UUID id, @RequestBody AddGoal body) {
        return created(id, "goals", cases.addCarePlanGoal(id, body));
    }

    @PostMapping("/{id}/services")
    ResponseEntity<Map<String, UUID>> service(@PathVariable UUID id, @RequestBody RecordService body) {
        return created(id, "services", cases.recordService(id, body));
    }

    @PostMapping("/{id}/follow-ups/{followUpId}")
    ResponseEntity<Void> followUp(@PathVariable UUID id, @PathVariable UUID followUpId,
            @RequestBody CompleteFollowUp body) {
        cases.completeFollowUp(id, followUpId, body);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/follow-ups/overdue")
    List<OverdueFollowUp> overdue() {
        return queries.overdueFollowUps(CurrentUser.require());
    }

    record NoteRequest(String body) {
    }

    @PostMapping("/{id}/notes")
    ResponseEntity<Map<String, UUID>> note(@PathVariable UUID id, @RequestBody NoteRequest body) {
        return created(id, "notes", cases.addNote(id, body.body()));
    }

    @PostMapping(path = "/{id}/attachments", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<Map<String, UUID>> attach(@PathVariable UUID id, @RequestParam("file") MultipartFile file)
            throws IOException {
        if (file.getSize() > 20L * 1024 * 1024) {
            throw InvalidInput.of("file", "cases.error.fileTooLarge", "The file is too large.");
        }
        return created(id, "attachments", cases.addAttachment(id, file.getOriginalFilename(), file.getBytes()));
    }

    @GetMapping("/{id}/attachments/{attachmentId}")
    ResponseEntity<byte[]> download(@PathVariable UUID id, @PathVariable UUID attachmentId) {
        AttachmentContent a = cases.readAttachment(id, attachmentId);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(a.mediaType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(a.fileName(), java.nio.charset.StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(a.content());
    }

    @GetMapping("/{id}/access-log")
    Page<AccessLogEntry> accessLog(@PathVariable UUID id, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        return cases.accessLog(id, page, size);
    }

    /** The survivor's copy of their access log (CSV, every entry). */
    @GetMapping("/{id}/access-log.csv")
    ResponseEntity<String> accessLogCsv(@PathVariable UUID id) {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"access-log.csv\"")
                .body(AccessLogCsv.write(cases.accessLog(id, 0, 1000).items()));
    }

    private static ResponseEntity<Map<String, UUID>> created(UUID caseId, String what, UUID id) {
        return ResponseEntity.created(URI.create("/api/v1/cases/" + caseId + "/" + what + "/" + id)).body(Map.of("id", id));
    }
}
