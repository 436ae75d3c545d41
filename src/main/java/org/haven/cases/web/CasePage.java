package org.haven.cases.web;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletResponse;

import org.haven.cases.CaseManagement;
import org.haven.cases.CaseQueries;
import org.haven.cases.CaseViews.AccessLevel;
import org.haven.cases.CaseViews.CaseDetails;
import org.haven.cases.Vocabulary;
import org.haven.security.CurrentUser;
import org.haven.security.OrganisationType;
import org.haven.shared.web.Conflict;
import org.haven.shared.web.InvalidInput;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Renders the case page and runs the forms on it, for the case controllers. A form that succeeds redirects back to
 * the case page (post-redirect-get) with a message; a form with bad input re-renders the case page with status 400,
 * the user's values kept and each message next to its field ({@code formErrors[form][field]} = message key, so the
 * text is in the reader's language); a refused change ({@link Conflict}) re-renders it with status 409 and the
 * conflict's message. Rendering the page reads the case through {@link CaseManagement#viewCase}, which audits it.
 */
@Component
class CasePage {

    /** Every form of the case page; each has an (empty) entry in {@code formErrors}. */
    static final List<String> FORMS = List.of("note", "screening", "service", "status", "identification", "episode",
            "needs", "goal", "consent", "share", "attachment", "closure", "approval", "reopen", "assignment", "returnToActive", "withdrawal",
            "episodeEdit", "needsEdit", "identificationEdit", "identificationVoid", "goalStatus");

    /** Countries listed first for episodes (ISO alpha-3): Cambodia and the places its survivors are taken to. */
    static final List<String> EPISODE_COUNTRIES = List.of("KHM", "THA", "VNM", "LAO", "MYS", "MMR", "CHN", "IDN",
            "SGP", "PHL", "KOR", "JPN", "TWN", "SAU", "ARE", "QAT");

    private static final Map<String, String> ALPHA3_TO_ALPHA2 = Arrays.stream(Locale.getISOCountries())
            .collect(Collectors.toMap(a2 -> new Locale("", a2).getISO3Country(), a2 -> a2, (a, b) -> a));

    private final CaseManagement cases;
    private final CaseQueries queries;

    CasePage(CaseManagement cases, CaseQueries queries) {
        this.cases = cases;
        this.queries = queries;
    }

    /** A code and its label in the reader's language. */
    record Option(String code, String label) {
    }

    static LocalDate today() {
        return LocalDate.now(CaseManagement.ZONE);
    }

    /** The case page: the case (audited read), the vocabularies of its forms and an empty value for each form. */
    String render(UUID id, Model model) {
        CaseDetails details = cases.viewCase(id);
        model.addAttribute("c", details);
        model.addAttribute("instrument", cases.currentInstrument());
        model.addAttribute("today", today());
        model.addAttribute("serviceTypes", Vocabulary.ServiceType.values());
        model.addAttribute("authorities", Vocabulary.IdentificationAuthority.values());
        model.addAttribute("identificationOutcomes", Vocabulary.IdentificationOutcome.values());
        model.addAttribute("stages", Vocabulary.EpisodeStage.values());
        model.addAttribute("forms", Vocabulary.ExploitationForm.values());
        model.addAttribute("sectors", Vocabulary.LabourSector.values());
        model.addAttribute("means", Vocabulary.MeansOfControl.values());
        model.addAttribute("relations", Vocabulary.RecruiterRelation.values());
        model.addAttribute("areas", Vocabulary.CareArea.values());
        model.addAttribute("scopes", Vocabulary.ConsentScope.values());
        model.addAttribute("givers", Vocabulary.ConsentGiver.values());
        model.addAttribute("methods", Vocabulary.ConsentMethod.values());
        model.addAttribute("closureReasons", Vocabulary.ClosureReason.values());
        model.addAttribute("organisationTypes", Arrays.stream(OrganisationType.values())
                .filter(t -> t != OrganisationType.SYSTEM).toList());
        // The region first, then every other country by name: an episode may be anywhere.
        List<Option> countries = new java.util.ArrayList<>(countries(EPISODE_COUNTRIES));
        allCountries().stream().filter(o -> !EPISODE_COUNTRIES.contains(o.code())).forEach(countries::add);
        model.addAttribute("countries", countries);
        model.addAttribute("countryNames", countryNames(details));
        boolean write = details.access() != AccessLevel.READ;
        model.addAttribute("recipients", write ? queries.consentRecipients(CurrentUser.require()) : List.of());
        model.addAttribute("staff", write && details.organisationId().equals(CurrentUser.require().organisationId())
                ? queries.assignableStaff(CurrentUser.require()) : List.of());
        model.addAttribute("risks", Vocabulary.RiskLevel.values());
        defaultForm(model, "identificationForm", CaseRecordsController.IdentificationForm::empty);
        defaultForm(model, "episodeForm", CaseRecordsController.EpisodeForm::empty);
        defaultForm(model, "needsForm", CaseRecordsController.NeedsForm::empty);
        defaultForm(model, "goalForm", CaseRecordsController.GoalForm::empty);
        defaultForm(model, "consentForm", CaseController.ConsentForm::empty);
        correctionForms(model, details);
        defaultForm(model, "shareForm", CaseController.ShareForm::empty);
        model.addAttribute("purposes", Arrays.stream(Vocabulary.Purpose.values())
                .filter(p -> p != Vocabulary.Purpose.STATISTICS).toList());
        defaultForm(model, "closureForm", () -> new CaseController.ClosureForm(details.version(), null, null));
        defaultForm(model, "reopenForm", () -> new CaseController.ReopenForm(details.version(), null));
        formErrors(model);
        if (model.getAttribute("errorForm") == null) {
            model.addAttribute("errorForm", "");
        }
        return "cases/case";
    }

    /**
     * The correction form of the one record named by {@code editId} (from {@code ?edit=} or a rejected correction),
     * filled from the record unless the user's rejected input is already in the model. An id of no record of the
     * case opens nothing.
     */
    private static void correctionForms(Model model, CaseDetails details) {
        if (!(model.getAttribute("editId") instanceof UUID editId) || details.access() == AccessLevel.READ) {
            model.addAttribute("editId", null);
            return;
        }
        details.episodes().stream().filter(e -> e.id().equals(editId)).findFirst()
                .ifPresent(e -> defaultForm(model, "episodeEdit", () -> CaseRecordsController.EpisodeForm.of(e)));
        details.needs().stream().filter(n -> n.id().equals(editId)).findFirst()
                .ifPresent(n -> defaultForm(model, "needsEdit", () -> CaseRecordsController.NeedsForm.of(n)));
        details.identifications().stream().filter(d -> d.id().equals(editId) && !d.voided()).findFirst()
                .ifPresent(d -> {
                    defaultForm(model, "identificationEdit", () -> CaseRecordsController.IdentificationForm.of(d));
                    defaultForm(model, "voidForm", () -> new CaseRecordsController.VoidForm(d.version(), null));
                });
        details.goals().stream().filter(g -> g.id().equals(editId)).findFirst()
                .ifPresent(g -> {
                    defaultForm(model, "goalStatusForm", () -> CaseRecordsController.GoalStatusForm.of(g));
                    Vocabulary.GoalStatus from = Vocabulary.GoalStatus.valueOf(g.status());
                    model.addAttribute("goalTargets", Arrays.stream(Vocabulary.GoalStatus.values())
                            .filter(to -> CaseManagement.goalMoveAllowed(from, to)).toList());
                });
    }

    /**
     * Runs a form's action: redirect to the case page on success; re-render it with 400 (field messages) or 409
     * (conflict message) otherwise. Binding failures (a date or number that does not parse) count as bad input.
     */
    String submit(UUID id, String form, BindingResult binding, Runnable action, Model model,
            HttpServletResponse response, RedirectAttributes redirect) {
        try {
            throwIfUnbound(binding);
            action.run();
        } catch (InvalidInput e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            rejected(model, form, e);
            return render(id, model);
        } catch (Conflict e) {
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            model.addAttribute("errorForm", form);
            model.addAttribute("errorKey", e.code());
            return render(id, model);
        }
        redirect.addFlashAttribute("messageKey", "cases.saved");
        return "redirect:/cases/" + id + "#" + anchor(form);
    }

    /** Records a rejected form in the model: its field messages, and a page message naming the first problem. */
    static void rejected(Model model, String form, InvalidInput e) {
        model.addAttribute("errorForm", form);
        model.addAttribute("errorKey", "cases.error.form");
        formErrors(model).put(form, errorKeys(e));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, String>> formErrors(Model model) {
        Object existing = model.getAttribute("formErrors");
        if (existing instanceof Map) {
            return (Map<String, Map<String, String>>) existing;
        }
        Map<String, Map<String, String>> all = new HashMap<>();
        for (String f : FORMS) {
            all.put(f, Map.of());
        }
        all.put("survivor", Map.of());
        all.put("followUp", Map.of());
        model.addAttribute("formErrors", all);
        return all;
    }

    static void throwIfUnbound(BindingResult binding) {
        if (binding != null && binding.hasErrors()) {
            throw new InvalidInput(binding.getFieldErrors().stream()
                    .map(f -> new InvalidInput.FieldError(f.getField(), "cases.error.format", "Not a valid value."))
                    .toList());
        }
    }

    static Map<String, String> errorKeys(InvalidInput e) {
        return e.errors().stream().filter(f -> f.field() != null)
                .collect(Collectors.toMap(InvalidInput.FieldError::field, InvalidInput.FieldError::code, (a, b) -> a,
                        LinkedHashMap::new));
    }

    /** Countries by code with their names in the reader's language, sorted as given. */
    static List<Option> countries(List<String> alpha3) {
        Locale locale = LocaleContextHolder.getLocale();
        return alpha3.stream().map(c -> new Option(c, countryName(c, locale))).toList();
    }

    /** All countries, by name in the reader's language (for the nationality and document fields). */
    static List<Option> allCountries() {
        Locale locale = LocaleContextHolder.getLocale();
        return ALPHA3_TO_ALPHA2.keySet().stream().map(c -> new Option(c, countryName(c, locale)))
                .sorted(Comparator.comparing(Option::label)).toList();
    }

    static String countryName(String alpha3, Locale locale) {
        if (alpha3 == null) {
            return "";
        }
        String a2 = ALPHA3_TO_ALPHA2.get(alpha3);
        String name = a2 == null ? "" : new Locale("", a2).getDisplayCountry(locale);
        return name.isBlank() ? alpha3 : name;
    }

    private static Map<String, String> countryNames(CaseDetails details) {
        Locale locale = LocaleContextHolder.getLocale();
        Map<String, String> names = new HashMap<>();
        details.episodes().forEach(e -> names.put(e.countryCode(), countryName(e.countryCode(), locale)));
        return names;
    }

    private static void defaultForm(Model model, String name, Supplier<Object> empty) {
        if (model.getAttribute(name) == null) {
            model.addAttribute(name, empty.get());
        }
    }

    private static String anchor(String form) {
        switch (form) {
            case "note":
                return "notes";
            case "screening":
            case "identification":
                return "screening";
            case "service":
                return "services";
            case "episode":
            case "episodeEdit":
                return "episodes";
            case "needs":
            case "goal":
            case "needsEdit":
            case "goalStatus":
                return "care";
            case "identificationEdit":
            case "identificationVoid":
                return "identification";
            case "consent":
            case "share":
            case "withdrawal":
                return "consent";
            case "attachment":
                return "attachments";
            default:
                return "details";
        }
    }
}
