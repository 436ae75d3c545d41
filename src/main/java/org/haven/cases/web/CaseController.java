package org.haven.cases.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.haven.cases.CaseCommands.*;
import org.haven.cases.CaseManagement;
import org.haven.cases.CaseSharing;
import org.haven.cases.CaseViews.AttachmentContent;
import org.haven.cases.CaseViews.OpenedCase;
import org.haven.cases.CaseViews.PossibleDuplicate;
import org.haven.cases.RegistrationAdvisor;
import org.haven.cases.Vocabulary;
import org.haven.security.CurrentUser;
import org.haven.shared.web.Conflict;
import org.haven.shared.web.InvalidInput;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.*;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Case pages: list and search, registration with a duplicate warning, the case page, and the forms on it that run
 * the case (note, screening, service, lifecycle with closure approval and reopening, consent and sharing,
 * attachments). Forms
 * bind to records, never to entities; every decision is {@link CaseManagement}'s, the same calls as the API. Errors
 * come back as field messages ({@link InvalidInput}) or a page message ({@link Conflict}), both by message key, so
 * they show in the reader's language (see {@link CasePage}). Identification, history, care, follow-ups and the
 * survivor's identity are in {@link CaseRecordsController}.
 */
@Controller
@RequestMapping("/cases")
@PreAuthorize("hasAuthority('CASE_READ')")
class CaseController {

    private final CaseManagement cases;
    private final CaseSharing sharing;
    private final CasePage page;
    private final List<RegistrationAdvisor> advisors;

    CaseController(CaseManagement cases, CaseSharing sharing, CasePage page,
            org.springframework.beans.factory.ObjectProvider<RegistrationAdvisor> advisors) {
        this.cases = cases;
        this.sharing = sharing;
        this.page = page;
        this.advisors = advisors.orderedStream().toList();
    }

    @GetMapping
    String list(@RequestParam(required = false) String q, @RequestParam(required = false) String status,
            @RequestParam(defaultValue = "0") int page, Model model) {
        String s = status == null || status.isBlank() ? null : status;
        model.addAttribute("page", cases.findCases(new CaseSearch(q, s, null, null, null, null), page, 20));
        model.addAttribute("q", q);
        model.addAttribute("status", s);
        model.addAttribute("statuses", Vocabulary.CaseStatus.values());
        model.addAttribute("canWrite", CurrentUser.require().can(org.haven.security.Permission.CASE_WRITE));
        return "cases/list";
    }

    /** The registration form. */
    record RegistrationForm(String familyName, String givenName, String familyNameKhmer, String givenNameKhmer,
            String sex, Integer birthYear, Integer estimatedAge, String nationality, String phone,
            String originPlaceCode, LocalDate identifiedOn, String identificationChannel, String riskLevel,
            Boolean confirmDuplicate) {

        static RegistrationForm empty() {
            return new RegistrationForm(null, null, null, null, "FEMALE", null, null, "KHM", null, null,
                    LocalDate.now(CaseManagement.ZONE), "HOTLINE", "MEDIUM", false);
        }

        boolean confirmed() {
            return Boolean.TRUE.equals(confirmDuplicate);
        }

        RegisterSurvivor command() {
            return new RegisterSurvivor(
                    new SurvivorIdentity(familyName, givenName, familyNameKhmer, givenNameKhmer, List.of(), null,
                            blank(phone), null, List.of()),
                    new SurvivorProfile(sex, null, birthYear, estimatedAge, blank(nationality), List.of("km"), null,
                            blank(originPlaceCode)),
                    identifiedOn, identificationChannel, riskLevel, null, confirmed());
        }
    }

    @GetMapping("/new")
    @PreAuthorize("hasAuthority('CASE_WRITE')")
    String registerForm(Model model) {
        return registerPage(model, RegistrationForm.empty(), Map.of(), List.of());
    }

    @PostMapping
    @PreAuthorize("hasAuthority('CASE_WRITE')")
    String register(@ModelAttribute("form") RegistrationForm form,
            org.springframework.validation.BindingResult binding, Model model, RedirectAttributes redirect) {
        if (binding.hasErrors()) {
            Map<String, String> errors = binding.getFieldErrors().stream().collect(Collectors.toMap(
                    org.springframework.validation.FieldError::getField, f -> "cases.error.unknownCode", (a, b) -> a));
            return registerPage(model, form == null ? RegistrationForm.empty() : form, errors, List.of());
        }
        RegisterSurvivor cmd = form.command();
        try {
            if (!form.confirmed()) {
                List<PossibleDuplicate> duplicates = cases.findPossibleDuplicates(cmd.identity(), cmd.profile());
                List<RegistrationAdvisor.Advice> advice = advisors.stream()
                        .flatMap(a -> a.advise(cmd.identity(), cmd.profile(), duplicates).stream()).toList();
                if (!duplicates.isEmpty() || !advice.isEmpty()) {
                    model.addAttribute("advice", advice);
                    return registerPage(model, form, Map.of(), duplicates);
                }
            }
            OpenedCase opened = cases.registerSurvivor(new RegisterSurvivor(cmd.identity(), cmd.profile(),
                    cmd.identifiedOn(), cmd.identificationChannel(), cmd.riskLevel(), null, true));
            redirect.addFlashAttribute("messageKey", "cases.register.done");
            redirect.addFlashAttribute("messageArg", opened.caseCode());
            return "redirect:/cases/" + opened.caseId();
        } catch (InvalidInput e) {
            return registerPage(model, form, CasePage.errorKeys(e), List.of());
        }
    }

    private String registerPage(Model model, RegistrationForm form, Map<String, String> errors,
            List<PossibleDuplicate> duplicates) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("duplicates", duplicates.stream().map(PossibleDuplicate::caseCode).collect(Collectors.joining(", ")));
        model.addAttribute("channels", Vocabulary.IdentificationChannel.values());
        model.addAttribute("sexes", Vocabulary.Sex.values());
        model.addAttribute("risks", Vocabulary.RiskLevel.values());
        return "cases/register";
    }


    /**
     * The case page; {@code edit} opens the correction form of one of its records (see {@link CaseRecordsController});
     * {@code upload=tooLarge} is where {@link AttachmentSizeGuard} sends an upload refused for its size.
     */
    @GetMapping("/{id}")
    String view(@PathVariable UUID id, @RequestParam(required = false) UUID edit,
            @RequestParam(required = false) String upload, Model model) {
        model.addAttribute("editId", edit);
        if ("tooLarge".equals(upload)) {
            CasePage.rejected(model, "attachment",
                    InvalidInput.of("file", "cases.error.fileTooLarge", "The file is too large."));
        }
        return page.render(id, model);
    }

    record NoteForm(String body) {
    }

    @PostMapping("/{id}/notes")
    String addNote(@PathVariable UUID id, @ModelAttribute("noteForm") NoteForm form, BindingResult binding, Model model,
            HttpServletResponse response, RedirectAttributes redirect) {
        return page.submit(id, "note", binding, () -> cases.addNote(id, form.body()), model, response, redirect);
    }

    record ScreeningForm(Integer ageAtRecruitment, Set<String> indicators) {
    }

    @PostMapping("/{id}/screenings")
    String screen(@PathVariable UUID id, @ModelAttribute("screeningForm") ScreeningForm form, BindingResult binding,
            Model model, HttpServletResponse response, RedirectAttributes redirect) {
        return page.submit(id, "screening", binding, () -> cases.recordScreening(id, new RecordScreening(
                CasePage.today(), form.ageAtRecruitment(), form.indicators() == null ? Set.of() : form.indicators(),
                null)), model, response, redirect);
    }

    record ServiceForm(String serviceType, LocalDate startedOn, LocalDate endedOn, String providerName,
            String fundingSource) {
    }

    @PostMapping("/{id}/services")
    String addService(@PathVariable UUID id, @ModelAttribute("serviceForm") ServiceForm form, BindingResult binding,
            Model model, HttpServletResponse response, RedirectAttributes redirect) {
        return page.submit(id, "service", binding, () -> cases.recordService(id, new RecordService(form.serviceType(),
                null, blank(form.providerName()), form.startedOn(), form.endedOn(), blank(form.fundingSource()), null)),
                model, response, redirect);
    }

    /** Open → active, active → reintegration (schedules the follow-ups from {@code startedOn}, default today). */
    record StatusForm(int version, String to, LocalDate startedOn) {
    }

    @PostMapping("/{id}/status")
    String changeStatus(@PathVariable UUID id, @ModelAttribute("statusForm") StatusForm form, BindingResult binding,
            Model model, HttpServletResponse response, RedirectAttributes redirect) {
        return page.submit(id, "status", binding, () -> {
            if ("REINTEGRATION".equals(form.to())) {
                cases.startReintegration(id, new StartReintegration(form.version(), form.startedOn()));
            } else if ("ACTIVE".equals(form.to())) {
                cases.activateCase(id, new ChangeStatus(form.version(), null));
            } else {
                throw InvalidInput.of("to", "cases.error.unknownCode", "Unknown value.");
            }
        }, model, response, redirect);
    }

    @PostMapping("/{id}/return-to-active")
    String returnToActive(@PathVariable UUID id, @ModelAttribute("statusForm") StatusForm form, BindingResult binding,
            Model model, HttpServletResponse response, RedirectAttributes redirect) {
        return page.submit(id, "returnToActive", binding,
                () -> cases.returnToActive(id, new ChangeStatus(form.version(), null)), model, response, redirect);
    }

    /** Assignment to a member of staff of the owning organisation, with the risk level (optimistic on the case). */
    record AssignmentForm(int version, UUID caseworkerId, String riskLevel) {
    }

    @PostMapping("/{id}/assignment")
    String assign(@PathVariable UUID id, @ModelAttribute("assignmentForm") AssignmentForm form, BindingResult binding,
            Model model, HttpServletResponse response, RedirectAttributes redirect) {
        return page.submit(id, "assignment", binding, () -> cases.assignCase(id,
                new AssignCase(form.version(), form.caseworkerId(), form.riskLevel())), model, response, redirect);
    }

    /** Who viewed or changed the case, newest first, 50 a page (case supervisors; viewing it is audited). */
    @GetMapping("/{id}/access-log")
    String accessLog(@PathVariable UUID id, @RequestParam(name = "page", defaultValue = "0") int pageNumber,
            Model model) {
        model.addAttribute("caseId", id);
        model.addAttribute("log", cases.accessLog(id, pageNumber, 50));
        return "cases/access-log";
    }

    /** Closure request with a reason (a supervisor's own request closes the case at once). */
    record ClosureForm(int version, String reason, String note) {
    }

    @PostMapping("/{id}/closure-request")
    String requestClosure(@PathVariable UUID id, @ModelAttribute("closureForm") ClosureForm form,
            BindingResult binding, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        return page.submit(id, "closure", binding, () -> cases.requestClosure(id,
                new RequestClosure(form.version(), form.reason(), blank(form.note()))), model, response, redirect);
    }

    @PostMapping("/{id}/closure-approval")
    String approveClosure(@PathVariable UUID id, @ModelAttribute("statusForm") StatusForm form, BindingResult binding,
            Model model, HttpServletResponse response, RedirectAttributes redirect) {
        return page.submit(id, "approval", binding, () -> cases.approveClosure(id, new ChangeStatus(form.version(), null)),
                model, response, redirect);
    }

    /** Reopening a closed case, with the reason why (required). */
    record ReopenForm(int version, String note) {
    }

    @PostMapping("/{id}/reopening")
    String reopen(@PathVariable UUID id, @ModelAttribute("reopenForm") ReopenForm form, BindingResult binding,
            Model model, HttpServletResponse response, RedirectAttributes redirect) {
        return page.submit(id, "reopen", binding, () -> cases.reopenCase(id, new ChangeStatus(form.version(),
                blank(form.note()))), model, response, redirect);
    }

    /**
     * A consent: scope; for sharing, a named organisation or a type of organisation; given by the survivor or a
     * guardian (named); how (signature, thumbprint, verbal with a named witness); date and optional expiry.
     */
    record ConsentForm(String scope, UUID recipientOrganisationId, String recipientOrganisationType, String givenBy,
            String guardianName, String method, String witnessName, LocalDate givenOn, LocalDate expiresOn) {

        static ConsentForm empty() {
            return new ConsentForm("SERVICES", null, null, "SURVIVOR", null, "SIGNATURE", null, CasePage.today(), null);
        }

        RecordConsent command() {
            return new RecordConsent(scope, recipientOrganisationId, blank(recipientOrganisationType), givenBy,
                    blank(guardianName), method, blank(witnessName), givenOn, expiresOn);
        }
    }

    @PostMapping("/{id}/consents")
    String recordConsent(@PathVariable UUID id, @ModelAttribute("consentForm") ConsentForm form, BindingResult binding,
            Model model, HttpServletResponse response, RedirectAttributes redirect) {
        return page.submit(id, "consent", binding, () -> cases.recordConsent(id, form.command()), model, response,
                redirect);
    }

    @PostMapping("/{id}/consents/{consentId}/withdrawal")
    String withdraw(@PathVariable UUID id, @PathVariable UUID consentId, Model model, HttpServletResponse response,
            RedirectAttributes redirect) {
        return page.submit(id, "withdrawal", null, () -> cases.withdrawConsent(id, consentId), model, response, redirect);
    }

    /** Read access for another organisation, for a purpose, until a date; refused unless a consent covers it. */
    record ShareForm(UUID organisationId, String purpose, LocalDate validTo) {
        static ShareForm empty() {
            return new ShareForm(null, "SERVICES", null);
        }
    }

    @PostMapping("/{id}/shares")
    String share(@PathVariable UUID id, @ModelAttribute("shareForm") ShareForm form, BindingResult binding,
            Model model, HttpServletResponse response, RedirectAttributes redirect) {
        return page.submit(id, "share", binding, () -> {
            Vocabulary.Purpose purpose = Vocabulary.find(Vocabulary.Purpose.class, form.purpose())
                    .orElseThrow(() -> InvalidInput.of("purpose", "cases.error.unknownCode", "Unknown value."));
            if (form.organisationId() == null) {
                throw InvalidInput.of("organisationId", "cases.error.required", "This field is required.");
            }
            sharing.grant(id, form.organisationId(), purpose, null, form.validTo(), null, "share", null);
        }, model, response, redirect);
    }

    @PostMapping("/{id}/shares/{grantId}/revocation")
    String revokeShare(@PathVariable UUID id, @PathVariable UUID grantId, Model model, HttpServletResponse response,
            RedirectAttributes redirect) {
        return page.submit(id, "share", null, () -> {
            cases.accessToCase(id);
            sharing.revoke(grantId);
        }, model, response, redirect);
    }

    /** Upload: the content is checked by {@code AttachmentInspector} in {@link CaseManagement#addAttachment}. */
    @PostMapping(path = "/{id}/attachments", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    String attach(@PathVariable UUID id, @RequestParam(name = "file", required = false) MultipartFile file,
            Model model, HttpServletResponse response, RedirectAttributes redirect) {
        return page.submit(id, "attachment", null, () -> {
            if (file == null || file.isEmpty()) {
                throw InvalidInput.of("file", "cases.error.fileEmpty", "The file is empty.");
            }
            try {
                cases.addAttachment(id, file.getOriginalFilename(), file.getBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, model, response, redirect);
    }

    /** Download, decrypted; audited as a read of the case. Never rendered inline. */
    @GetMapping("/{id}/attachments/{attachmentId}")
    ResponseEntity<byte[]> download(@PathVariable UUID id, @PathVariable UUID attachmentId) {
        AttachmentContent a = cases.readAttachment(id, attachmentId);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(a.mediaType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(a.fileName(), StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .body(a.content());
    }

    /**
     * The survivor's copy of the access log as CSV, for the case supervisor signed in on the web (the API's
     * {@code access-log.csv} takes bearer tokens only). Viewing it is audited by {@link CaseManagement#accessLog}.
     */
    @GetMapping("/{id}/access-log.csv")
    ResponseEntity<String> accessLogCsv(@PathVariable UUID id) {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/csv;charset=UTF-8"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"access-log.csv\"")
                .body(AccessLogCsv.write(cases.accessLog(id, 0, 1000).items()));
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
