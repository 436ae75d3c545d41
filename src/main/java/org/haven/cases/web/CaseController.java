package org.haven.cases.web;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.haven.cases.CaseCommands.*;
import org.haven.cases.CaseManagement;
import org.haven.cases.CaseQueries;
import org.haven.cases.CaseViews.CaseDetails;
import org.haven.cases.CaseViews.OpenedCase;
import org.haven.cases.CaseViews.PossibleDuplicate;
import org.haven.cases.Vocabulary;
import org.haven.security.CurrentUser;
import org.haven.shared.web.Conflict;
import org.haven.shared.web.HomePanel;
import org.haven.shared.web.InvalidInput;
import org.haven.shared.web.NavItem;
import org.springframework.context.annotation.Bean;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.*;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Case pages: list and search, registration with a duplicate warning, the case page with its sections, and small
 * forms (note, screening, service, status). Forms bind to records, never to entities; every decision is
 * {@link CaseManagement}'s. Errors come back as field messages ({@link InvalidInput}) or a page message
 * ({@link Conflict}), both by message key, so they show in the reader's language.
 */
@Controller
@RequestMapping("/cases")
@PreAuthorize("hasAuthority('CASE_READ')")
class CaseController {

    private final CaseManagement cases;

    CaseController(CaseManagement cases) {
        this.cases = cases;
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
            return registerPage(model, form, errors, List.of());
        }
        RegisterSurvivor cmd = form.command();
        try {
            if (!form.confirmed()) {
                List<PossibleDuplicate> duplicates = cases.findPossibleDuplicates(cmd.identity(), cmd.profile());
                if (!duplicates.isEmpty()) {
                    return registerPage(model, form, Map.of(), duplicates);
                }
            }
            OpenedCase opened = cases.registerSurvivor(new RegisterSurvivor(cmd.identity(), cmd.profile(),
                    cmd.identifiedOn(), cmd.identificationChannel(), cmd.riskLevel(), null, true));
            redirect.addFlashAttribute("messageKey", "cases.register.done");
            redirect.addFlashAttribute("messageArg", opened.caseCode());
            return "redirect:/cases/" + opened.caseId();
        } catch (InvalidInput e) {
            return registerPage(model, form, errorKeys(e), List.of());
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

    @GetMapping("/{id}")
    String view(@PathVariable UUID id, Model model) {
        CaseDetails details = cases.viewCase(id);
        model.addAttribute("c", details);
        model.addAttribute("instrument", cases.currentInstrument());
        model.addAttribute("serviceTypes", Vocabulary.ServiceType.values());
        model.addAttribute("today", LocalDate.now(CaseManagement.ZONE));
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        return "cases/case";
    }

    record NoteForm(String body) {
    }

    @PostMapping("/{id}/notes")
    String addNote(@PathVariable UUID id, @ModelAttribute NoteForm form, RedirectAttributes redirect) {
        return act(id, redirect, () -> cases.addNote(id, form.body()));
    }

    record ScreeningForm(Integer ageAtRecruitment, Set<String> indicators) {
    }

    @PostMapping("/{id}/screenings")
    String screen(@PathVariable UUID id, @ModelAttribute ScreeningForm form, RedirectAttributes redirect) {
        return act(id, redirect, () -> cases.recordScreening(id, new RecordScreening(LocalDate.now(CaseManagement.ZONE),
                form.ageAtRecruitment(), form.indicators() == null ? Set.of() : form.indicators(), null)));
    }

    record ServiceForm(String serviceType, LocalDate startedOn, String fundingSource) {
    }

    @PostMapping("/{id}/services")
    String addService(@PathVariable UUID id, @ModelAttribute ServiceForm form, RedirectAttributes redirect) {
        return act(id, redirect, () -> cases.recordService(id, new RecordService(form.serviceType(), null, null,
                form.startedOn(), null, form.fundingSource(), null)));
    }

    record StatusForm(int version, String to) {
    }

    @PostMapping("/{id}/status")
    String changeStatus(@PathVariable UUID id, @ModelAttribute StatusForm form, RedirectAttributes redirect) {
        return act(id, redirect, () -> {
            if ("REINTEGRATION".equals(form.to())) {
                cases.startReintegration(id, new StartReintegration(form.version(), null));
            } else {
                cases.activateCase(id, new ChangeStatus(form.version(), null));
            }
        });
    }

    @PostMapping("/{id}/consents/{consentId}/withdrawal")
    String withdraw(@PathVariable UUID id, @PathVariable UUID consentId, RedirectAttributes redirect) {
        return act(id, redirect, () -> cases.withdrawConsent(id, consentId));
    }

    private String act(UUID id, RedirectAttributes redirect, Runnable action) {
        try {
            action.run();
        } catch (InvalidInput e) {
            redirect.addFlashAttribute("errors", errorKeys(e));
            redirect.addFlashAttribute("errorKey", e.errors().get(0).code());
        } catch (Conflict e) {
            redirect.addFlashAttribute("errorKey", e.code());
        }
        return "redirect:/cases/" + id;
    }

    private static Map<String, String> errorKeys(InvalidInput e) {
        return e.errors().stream().filter(f -> f.field() != null)
                .collect(Collectors.toMap(InvalidInput.FieldError::field, InvalidInput.FieldError::code, (a, b) -> a));
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
