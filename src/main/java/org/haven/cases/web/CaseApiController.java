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
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(name = "Cases", description = "Survivor case management (Protection): registration, screening and "
        + "identification, exploitation history, consent and sharing, care, services, follow-ups, lifecycle, notes, "
        + "attachments and the access log. Every call needs CASE_READ; record access is decided per case. Reads of "
        + "survivor data and every change are audited.")
@ApiResponse(responseCode = "401", description = "No valid bearer token.")
@ApiResponse(responseCode = "403", description = "The caller's roles do not allow this (no CASE_READ, or the case is "
        + "visible but may not be changed by the caller).")
class CaseApiController {

    private static final String NOT_FOUND = "No such case (or record of it) within the caller's reach; no data is "
            + "returned.";
    private static final String BAD_INPUT = "Bad input: problem+json with errors[] (field, code, message); nothing "
            + "is written.";
    private static final String MALFORMED = "Malformed body (not JSON of the expected shape).";
    private static final String STALE = "Refused: stale version (cases.stale) or a transition that is not allowed "
            + "(cases.lifecycle.*).";

    private final CaseManagement cases;
    private final CaseSharing sharing;
    private final CaseQueries queries;

    CaseApiController(CaseManagement cases, CaseSharing sharing, CaseQueries queries) {
        this.cases = cases;
        this.sharing = sharing;
        this.queries = queries;
    }

    @Operation(summary = "Search cases within the caller's reach",
            description = "By case code or name (romanisation-tolerant, Khmer script) and filters; paginated; audited as a read"
                    + " of the returned cases.")
    @ApiResponse(responseCode = "400", description = BAD_INPUT)
    @GetMapping
    Page<CaseSummary> list(@RequestParam(required = false) String q, @RequestParam(required = false) String status,
            @RequestParam(required = false) UUID caseworker, @RequestParam(required = false) LocalDate from,
            @RequestParam(required = false) LocalDate to, @RequestParam(required = false) String form,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        return cases.findCases(new CaseSearch(q, status, caseworker, from, to, form), page, size);
    }

    @Operation(summary = "Register a survivor and open a case",
            description = "Opens a case for the caller's organisation; 409 cases.duplicate when a possible duplicate exists and"
                    + " duplicatesAcknowledged is false.")
    @ApiResponse(responseCode = "400", description = BAD_INPUT)
    @ApiResponse(responseCode = "409", description = "Possible duplicate in the organisation (cases.duplicate); check, then acknowledge.")
    @PostMapping
    ResponseEntity<OpenedCase> register(@RequestBody RegisterSurvivor body) {
        OpenedCase opened = cases.registerSurvivor(body);
        return ResponseEntity.created(URI.create("/api/v1/cases/" + opened.caseId())).body(opened);
    }

    record DuplicateCheck(SurvivorIdentity identity, SurvivorProfile profile) {
    }

    @Operation(summary = "Check for possible duplicates before registering",
            description = "Case codes of survivors of the caller's organisation with the same name keys and birth year.")
    @ApiResponse(responseCode = "400", description = BAD_INPUT)
    @PostMapping("/duplicates")
    List<PossibleDuplicate> duplicates(@RequestBody DuplicateCheck body) {
        return cases.findPossibleDuplicates(body.identity(), body.profile());
    }

    @Operation(summary = "Read a case with everything the caller may see",
            description = "Survivor identity and profile, consents, grants, screenings, identifications, episodes, needs, "
                    + "goals, services, follow-ups, notes, attachments; audited.")
    @ApiResponse(responseCode = "404", description = NOT_FOUND)
    @GetMapping("/{id}")
    CaseDetails view(@PathVariable UUID id) {
        return cases.viewCase(id);
    }

    @Operation(summary = "Change the survivor's identity and profile",
            description = "Optimistic: send the survivor version you loaded; a newer record answers 409 cases.stale.")
    @ApiResponse(responseCode = "400", description = BAD_INPUT)
    @ApiResponse(responseCode = "404", description = NOT_FOUND)
    @ApiResponse(responseCode = "409", description = STALE)
    @PutMapping("/{id}/survivor")
    ResponseEntity<Void> updateSurvivor(@PathVariable UUID id, @RequestBody UpdateSurvivor body) {
        cases.updateSurvivor(id, body);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Assign the case to a caseworker and set the risk level")
    @ApiResponse(responseCode = "400", description = BAD_INPUT)
    @ApiResponse(responseCode = "404", description = NOT_FOUND)
    @ApiResponse(responseCode = "409", description = STALE)
    @PutMapping("/{id}/assignment")
    ResponseEntity<Void> assign(@PathVariable UUID id, @RequestBody AssignCase body) {
        cases.assignCase(id, body);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Move an open case to active")
    @ApiResponse(responseCode = "400", description = MALFORMED)
    @ApiResponse(responseCode = "404", description = NOT_FOUND)
    @ApiResponse(responseCode = "409", description = STALE)
    @PostMapping("/{id}/activation")
    ResponseEntity<Void> activate(@PathVariable UUID id, @RequestBody ChangeStatus body) {
        cases.activateCase(id, body);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Start reintegration and schedule the follow-ups",
            description = "Follow-ups are scheduled at haven.cases.follow-up-months after startedOn (default today).")
    @ApiResponse(responseCode = "400", description = BAD_INPUT)
    @ApiResponse(responseCode = "404", description = NOT_FOUND)
    @ApiResponse(responseCode = "409", description = STALE)
    @PostMapping("/{id}/reintegration")
    ResponseEntity<Void> reintegrate(@PathVariable UUID id, @RequestBody StartReintegration body) {
        cases.startReintegration(id, body);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Move a case in reintegration back to active")
    @ApiResponse(responseCode = "400", description = MALFORMED)
    @ApiResponse(responseCode = "404", description = NOT_FOUND)
    @ApiResponse(responseCode = "409", description = STALE)
    @PostMapping("/{id}/return-to-active")
    ResponseEntity<Void> returnToActive(@PathVariable UUID id, @RequestBody ChangeStatus body) {
        cases.returnToActive(id, body);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Ask to close the case, with a reason",
            description = "A supervisor's own request closes the case at once; anyone else's waits for approval.")
    @ApiResponse(responseCode = "400", description = BAD_INPUT)
    @ApiResponse(responseCode = "404", description = NOT_FOUND)
    @ApiResponse(responseCode = "409", description = STALE)
    @PostMapping("/{id}/closure-request")
    ResponseEntity<Void> requestClosure(@PathVariable UUID id, @RequestBody RequestClosure body) {
        cases.requestClosure(id, body);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Approve a pending closure (case supervisors)")
    @ApiResponse(responseCode = "400", description = MALFORMED)
    @ApiResponse(responseCode = "404", description = NOT_FOUND)
    @ApiResponse(responseCode = "409", description = STALE)
    @PostMapping("/{id}/closure-approval")
    ResponseEntity<Void> approveClosure(@PathVariable UUID id, @RequestBody ChangeStatus body) {
        cases.approveClosure(id, body);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Reopen a closed case, with a note of why")
    @ApiResponse(responseCode = "400", description = BAD_INPUT)
    @ApiResponse(responseCode = "404", description = NOT_FOUND)
    @ApiResponse(responseCode = "409", description = STALE)
    @PostMapping("/{id}/reopening")
    ResponseEntity<Void> reopen(@PathVariable UUID id, @RequestBody ChangeStatus body) {
        cases.reopenCase(id, body);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Record a consent",
            description = "Scope (services, sharing with a named organisation or type, legal proceedings, statistics), given by"
                    + " the survivor or a guardian, method, date, expiry.")
    @ApiResponse(responseCode = "400", description = BAD_INPUT)
    @ApiResponse(responseCode = "404", description = NOT_FOUND)
    @PostMapping("/{id}/consents")
    ResponseEntity<Map<String, UUID>> recordConsent(@PathVariable UUID id, @RequestBody RecordConsent body) {
        return created(id, "consents", cases.recordConsent(id, body));
    }

    @Operation(summary = "Withdraw a consent", description = "Access that rested on it ends on the next request.")
    @ApiResponse(responseCode = "404", description = NOT_FOUND)
    @PostMapping("/{id}/consents/{consentId}/withdrawal")
    ResponseEntity<Void> withdrawConsent(@PathVariable UUID id, @PathVariable UUID consentId) {
        cases.withdrawConsent(id, consentId);
        return ResponseEntity.noContent().build();
    }

    record ShareRequest(UUID organisationId, String purpose, LocalDate validTo, UUID consentId) {
    }

    @Operation(summary = "Share the case with another organisation",
            description = "Needs a consent that covers the organisation and purpose (else 409 cases.consent.notCovered).")
    @ApiResponse(responseCode = "400", description = BAD_INPUT)
    @ApiResponse(responseCode = "404", description = NOT_FOUND)
    @ApiResponse(responseCode = "409", description = "No consent covers this sharing (cases.consent.notCovered).")
    @PostMapping("/{id}/shares")
    ResponseEntity<Map<String, UUID>> share(@PathVariable UUID id, @RequestBody ShareRequest body) {
        Purpose purpose = Vocabulary.parse(Purpose.class, "purpose", body.purpose());
        return created(id, "shares", sharing.grant(id, body.organisationId(), purpose, null, body.validTo(),
                body.consentId(), "share", null));
    }

    @Operation(summary = "End a share now")
    @ApiResponse(responseCode = "404", description = NOT_FOUND)
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

    @Operation(summary = "The current screening instrument",
            description = "Version and indicators grouped by element (act, means, purpose, ilo).")
    @GetMapping("/screening-instrument")
    InstrumentView instrument() {
        ScreeningInstrument i = cases.currentInstrument();
        return new InstrumentView(i.version(), i.indicators().stream()
                .map(x -> new IndicatorView(x.code(), x.element(), x.label(), x.source())).toList());
    }

    @Operation(summary = "Screen the survivor against the current instrument",
            description = "Returns which Palermo elements are indicated and why; under 18 at recruitment, means are not "
                    + "required.")
    @ApiResponse(responseCode = "400", description = BAD_INPUT)
    @ApiResponse(responseCode = "404", description = NOT_FOUND)
    @PostMapping("/{id}/screenings")
    ScreeningResult screen(@PathVariable UUID id, @RequestBody RecordScreening body) {
        return cases.recordScreening(id, body);
    }

    @Operation(summary = "Record the official identification decision",
            description = "Who decided, authority, form, date and outcome; kept apart from screening.")
    @ApiResponse(responseCode = "400", description = BAD_INPUT)
    @ApiResponse(responseCode = "404", description = NOT_FOUND)
    @PostMapping("/{id}/identifications")
    ResponseEntity<Map<String, UUID>> identify(@PathVariable UUID id, @RequestBody RecordIdentification body) {
        return created(id, "identifications", cases.recordIdentification(id, body));
    }

    @Operation(summary = "Record an exploitation episode",
            description = "Recruitment, transit or exploitation: dates, country, gazetteer place (Cambodia), form, sector, "
                    + "means of control, recruiter relation.")
    @ApiResponse(responseCode = "400", description = BAD_INPUT)
    @ApiResponse(responseCode = "404", description = NOT_FOUND)
    @PostMapping("/{id}/episodes")
    ResponseEntity<Map<String, UUID>> episode(@PathVariable UUID id, @RequestBody RecordEpisode body) {
        return created(id, "episodes", cases.recordEpisode(id, body));
    }

    @Operation(summary = "Record a needs assessment")
    @ApiResponse(responseCode = "400", description = BAD_INPUT)
    @ApiResponse(responseCode = "404", description = NOT_FOUND)
    @PostMapping("/{id}/needs-assessments")
    ResponseEntity<Map<String, UUID>> needs(@PathVariable UUID id, @RequestBody RecordNeeds body) {
        return created(id, "needs-assessments", cases.recordNeedsAssessment(id, body));
    }

    @Operation(summary = "Add a care-plan goal")
    @ApiResponse(responseCode = "400", description = BAD_INPUT)
    @ApiResponse(responseCode = "404", description = NOT_FOUND)
    @PostMapping("/{id}/goals")
    ResponseEntity<Map<String, UUID>> goal(@PathVariable UUID id, @RequestBody AddGoal body) {
        return created(id, "goals", cases.addCarePlanGoal(id, body));
    }

    @Operation(summary = "Correct an exploitation episode",
            description = "The whole episode as it should read, with the version you loaded; a newer record answers 409 "
                    + "cases.stale. Audited.")
    @ApiResponse(responseCode = "400", description = BAD_INPUT)
    @ApiResponse(responseCode = "404", description = NOT_FOUND)
    @ApiResponse(responseCode = "409", description = STALE)
    @PutMapping("/{id}/episodes/{episodeId}")
    ResponseEntity<Void> updateEpisode(@PathVariable UUID id, @PathVariable UUID episodeId,
            @RequestBody UpdateEpisode body) {
        cases.updateEpisode(id, episodeId, body);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Delete an exploitation episode entered in error",
            description = "version (query) is the version you loaded; a newer record answers 409 cases.stale. The audit "
                    + "trail keeps the deletion.")
    @ApiResponse(responseCode = "400", description = BAD_INPUT)
    @ApiResponse(responseCode = "404", description = NOT_FOUND)
    @ApiResponse(responseCode = "409", description = STALE)
    @DeleteMapping("/{id}/episodes/{episodeId}")
    ResponseEntity<Void> deleteEpisode(@PathVariable UUID id, @PathVariable UUID episodeId,
            @RequestParam(required = false) Integer version) {
        cases.deleteEpisode(id, episodeId, version);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Correct a needs assessment",
            description = "Optimistic on the version you loaded (409 cases.stale). Audited.")
    @ApiResponse(responseCode = "400", description = BAD_INPUT)
    @ApiResponse(responseCode = "404", description = NOT_FOUND)
    @ApiResponse(responseCode = "409", description = STALE)
    @PutMapping("/{id}/needs-assessments/{assessmentId}")
    ResponseEntity<Void> updateNeeds(@PathVariable UUID id, @PathVariable UUID assessmentId,
            @RequestBody UpdateNeeds body) {
        cases.updateNeedsAssessment(id, assessmentId, body);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Delete a needs assessment entered in error",
            description = "version (query) is the version you loaded (409 cases.stale). Audited.")
    @ApiResponse(responseCode = "400", description = BAD_INPUT)
    @ApiResponse(responseCode = "404", description = NOT_FOUND)
    @ApiResponse(responseCode = "409", description = STALE)
    @DeleteMapping("/{id}/needs-assessments/{assessmentId}")
    ResponseEntity<Void> deleteNeeds(@PathVariable UUID id, @PathVariable UUID assessmentId,
            @RequestParam(required = false) Integer version) {
        cases.deleteNeedsAssessment(id, assessmentId, version);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Correct an official identification decision, with a reason",
            description = "Decisions are never deleted: the correction's reason is kept with the decision. A voided "
                    + "decision answers 409 cases.identification.alreadyVoid; a newer record 409 cases.stale.")
    @ApiResponse(responseCode = "400", description = BAD_INPUT)
    @ApiResponse(responseCode = "404", description = NOT_FOUND)
    @ApiResponse(responseCode = "409", description = STALE)
    @PutMapping("/{id}/identifications/{identificationId}")
    ResponseEntity<Void> correctIdentification(@PathVariable UUID id, @PathVariable UUID identificationId,
            @RequestBody CorrectIdentification body) {
        cases.correctIdentification(id, identificationId, body);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Void an identification decision recorded in error, with a reason",
            description = "The decision stays listed as void with the reason; statistics ignore it.")
    @ApiResponse(responseCode = "400", description = BAD_INPUT)
    @ApiResponse(responseCode = "404", description = NOT_FOUND)
    @ApiResponse(responseCode = "409", description = STALE)
    @PostMapping("/{id}/identifications/{identificationId}/voiding")
    ResponseEntity<Void> voidIdentification(@PathVariable UUID id, @PathVariable UUID identificationId,
            @RequestBody VoidIdentification body) {
        cases.voidIdentification(id, identificationId, body);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Change a care-plan goal's status",
            description = "PLANNED → IN_PROGRESS, ACHIEVED or DROPPED; IN_PROGRESS → ACHIEVED or DROPPED; ACHIEVED or "
                    + "DROPPED → IN_PROGRESS. DROPPED needs a reason. A move not allowed answers 409 cases.goal.transition; "
                    + "a newer record 409 cases.stale.")
    @ApiResponse(responseCode = "400", description = BAD_INPUT)
    @ApiResponse(responseCode = "404", description = NOT_FOUND)
    @ApiResponse(responseCode = "409", description = STALE)
    @PutMapping("/{id}/goals/{goalId}/status")
    ResponseEntity<Void> goalStatus(@PathVariable UUID id, @PathVariable UUID goalId,
            @RequestBody ChangeGoalStatus body) {
        cases.changeGoalStatus(id, goalId, body);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Record a service delivered", description = "Type, provider, dates and funding source.")
    @ApiResponse(responseCode = "400", description = BAD_INPUT)
    @ApiResponse(responseCode = "404", description = NOT_FOUND)
    @PostMapping("/{id}/services")
    ResponseEntity<Map<String, UUID>> service(@PathVariable UUID id, @RequestBody RecordService body) {
        return created(id, "services", cases.recordService(id, body));
    }

    @Operation(summary = "Complete a follow-up with the reintegration assessment",
            description = "Scores 1 to 5 for safety, wellbeing, economic, education, family and community, legal status; "
                    + "optimistic on the follow-up version.")
    @ApiResponse(responseCode = "400", description = BAD_INPUT)
    @ApiResponse(responseCode = "404", description = NOT_FOUND)
    @ApiResponse(responseCode = "409", description = STALE)
    @PostMapping("/{id}/follow-ups/{followUpId}")
    ResponseEntity<Void> followUp(@PathVariable UUID id, @PathVariable UUID followUpId,
            @RequestBody CompleteFollowUp body) {
        cases.completeFollowUp(id, followUpId, body);
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "The caller's overdue follow-ups", description = "Case codes and dates only.")
    @GetMapping("/follow-ups/overdue")
    List<OverdueFollowUp> overdue() {
        return queries.overdueFollowUps(CurrentUser.require());
    }

    record NoteRequest(String body) {
    }

    @Operation(summary = "Add a note (encrypted at rest)")
    @ApiResponse(responseCode = "400", description = BAD_INPUT)
    @ApiResponse(responseCode = "404", description = NOT_FOUND)
    @PostMapping("/{id}/notes")
    ResponseEntity<Map<String, UUID>> note(@PathVariable UUID id, @RequestBody NoteRequest body) {
        return created(id, "notes", cases.addNote(id, body.body()));
    }

    @Operation(summary = "Upload an attachment",
            description = "PDF, PNG or JPEG checked by content; the name must match the content; size limited; image metadata "
                    + "removed.")
    @ApiResponse(responseCode = "400", description = BAD_INPUT)
    @ApiResponse(responseCode = "404", description = NOT_FOUND)
    @PostMapping(path = "/{id}/attachments", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<Map<String, UUID>> attach(@PathVariable UUID id, @RequestParam("file") MultipartFile file)
            throws IOException {
        if (file.getSize() > 20L * 1024 * 1024) {
            throw InvalidInput.of("file", "cases.error.fileTooLarge", "The file is too large.");
        }
        return created(id, "attachments", cases.addAttachment(id, file.getOriginalFilename(), file.getBytes()));
    }

    @Operation(summary = "Download an attachment", description = "Decrypted; audited as a read of the case.")
    @ApiResponse(responseCode = "404", description = NOT_FOUND)
    @GetMapping("/{id}/attachments/{attachmentId}")
    ResponseEntity<byte[]> download(@PathVariable UUID id, @PathVariable UUID attachmentId) {
        AttachmentContent a = cases.readAttachment(id, attachmentId);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(a.mediaType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(a.fileName(), java.nio.charset.StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(a.content());
    }

    @Operation(summary = "Who viewed or changed the case",
            description = "For supervisors of the owning organisation; viewing it is audited.")
    @ApiResponse(responseCode = "404", description = NOT_FOUND)
    @GetMapping("/{id}/access-log")
    Page<AccessLogEntry> accessLog(@PathVariable UUID id, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        return cases.accessLog(id, page, size);
    }

    /** The survivor's copy of their access log (CSV, every entry). */
    @Operation(summary = "The access log as CSV, for the survivor",
            description = "For supervisors of the owning organisation; viewing it is audited.")
    @ApiResponse(responseCode = "404", description = NOT_FOUND)
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
