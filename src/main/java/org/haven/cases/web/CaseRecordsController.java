package org.haven.cases.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.haven.cases.CaseCommands.*;
import org.haven.cases.CaseManagement;
import org.haven.cases.CaseViews.AccessLevel;
import org.haven.cases.CaseViews.CaseDetails;
import org.haven.cases.CaseViews.EpisodeView;
import org.haven.cases.CaseViews.FollowUpView;
import org.haven.cases.CaseViews.GoalView;
import org.haven.cases.CaseViews.IdentificationView;
import org.haven.cases.CaseViews.NeedsView;
import org.haven.cases.Vocabulary;
import org.haven.shared.web.Conflict;
import org.haven.shared.web.Forbidden;
import org.haven.shared.web.InvalidInput;
import org.haven.shared.web.NotFound;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Case pages for the survivor's record: official identification decision (kept apart from screening), exploitation
 * episodes, needs assessments and care-plan goals (forms on the case page), and two pages of their own — completing a
 * follow-up with the reintegration assessment, and editing the survivor's identity under optimistic locking (a form
 * loaded before someone else's change is refused with a conflict message, never saved over it).
 */
@Controller
@RequestMapping("/cases/{id}")
@PreAuthorize("hasAuthority('CASE_READ')")
class CaseRecordsController {

    private final CaseManagement cases;
    private final CasePage page;

    CaseRecordsController(CaseManagement cases, CasePage page) {
        this.cases = cases;
        this.page = page;
    }

    /** The decision; {@code version} and {@code reason} are for a correction only. */
    record IdentificationForm(String decidedBy, String authority, String form, LocalDate decidedOn, String outcome,
            Integer version, String reason) {
        static IdentificationForm empty() {
            return new IdentificationForm(null, null, null, CasePage.today(), null, null, null);
        }

        static IdentificationForm of(IdentificationView d) {
            return new IdentificationForm(d.decidedBy(), d.authority(), d.form(), d.decidedOn(), d.outcome(),
                    d.version(), null);
        }
    }

    @PostMapping("/identifications")
    String identify(@PathVariable UUID id, @ModelAttribute("identificationForm") IdentificationForm form,
            BindingResult binding, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        return page.submit(id, "identification", binding, () -> cases.recordIdentification(id,
                new RecordIdentification(blank(form.decidedBy()), form.authority(), blank(form.form()), form.decidedOn(),
                        form.outcome())), model, response, redirect);
    }

    /** An episode; {@code version} is for a correction only. */
    record EpisodeForm(String stage, LocalDate startedOn, LocalDate endedOn, String countryCode, String placeCode,
            String form, String sector, Set<String> meansOfControl, String recruiterRelation, String notes,
            Integer version) {
        static EpisodeForm empty() {
            return new EpisodeForm("RECRUITMENT", null, null, "KHM", null, null, null, Set.of(), null, null, null);
        }

        static EpisodeForm of(EpisodeView e) {
            return new EpisodeForm(e.stage(), e.startedOn(), e.endedOn(), e.countryCode(), e.placeCode(), e.form(),
                    e.sector(), Set.copyOf(e.meansOfControl()), e.recruiterRelation(), e.notes(), e.version());
        }

        RecordEpisode command() {
            return new RecordEpisode(stage, startedOn, endedOn, countryCode, blank(placeCode), blank(form),
                    blank(sector), meansOfControl == null ? Set.of() : meansOfControl, blank(recruiterRelation),
                    blank(notes));
        }

        public boolean means(Object code) {
            return meansOfControl != null && meansOfControl.contains(String.valueOf(code));
        }
    }

    @PostMapping("/episodes")
    String episode(@PathVariable UUID id, @ModelAttribute("episodeForm") EpisodeForm form, BindingResult binding,
            Model model, HttpServletResponse response, RedirectAttributes redirect) {
        return page.submit(id, "episode", binding, () -> cases.recordEpisode(id, form.command()), model, response,
                redirect);
    }

    /** A needs assessment; {@code version} is for a correction only. */
    record NeedsForm(LocalDate assessedOn, Set<String> needs, String notes, Integer version) {
        static NeedsForm empty() {
            return new NeedsForm(CasePage.today(), Set.of(), null, null);
        }

        static NeedsForm of(NeedsView n) {
            return new NeedsForm(n.assessedOn(), Set.copyOf(n.needs()), n.notes(), n.version());
        }

        public boolean has(Object code) {
            return needs != null && needs.contains(String.valueOf(code));
        }
    }

    @PostMapping("/needs")
    String needs(@PathVariable UUID id, @ModelAttribute("needsForm") NeedsForm form, BindingResult binding,
            Model model, HttpServletResponse response, RedirectAttributes redirect) {
        return page.submit(id, "needs", binding, () -> {
            if (form.needs() == null || form.needs().isEmpty()) {
                throw InvalidInput.of("needs", "cases.error.required", "This field is required.");
            }
            cases.recordNeedsAssessment(id, new RecordNeeds(form.assessedOn(), form.needs(), blank(form.notes())));
        }, model, response, redirect);
    }

    record GoalForm(String area, String goal, LocalDate targetOn) {
        static GoalForm empty() {
            return new GoalForm(null, null, null);
        }
    }

    @PostMapping("/goals")
    String goal(@PathVariable UUID id, @ModelAttribute("goalForm") GoalForm form, BindingResult binding, Model model,
            HttpServletResponse response, RedirectAttributes redirect) {
        return page.submit(id, "goal", binding, () -> cases.addCarePlanGoal(id, new AddGoal(form.area(),
                blank(form.goal()), form.targetOn())), model, response, redirect);
    }

    // ---------------------------------------------------------------- corrections (docs/decisions/0004)
    //
    // The case page opens one record's correction form at a time (GET /cases/{id}?edit={recordId}). A rejected or
    // stale correction re-renders the case page with that form open and the user's input kept (400 or 409).

    @PostMapping("/episodes/{episodeId}")
    String updateEpisode(@PathVariable UUID id, @PathVariable UUID episodeId,
            @ModelAttribute("episodeEdit") EpisodeForm form, BindingResult binding, Model model,
            HttpServletResponse response, RedirectAttributes redirect) {
        model.addAttribute("editId", episodeId);
        return page.submit(id, "episodeEdit", binding, () -> {
            RecordEpisode e = form.command();
            cases.updateEpisode(id, episodeId, new UpdateEpisode(form.version(), e.stage(), e.startedOn(),
                    e.endedOn(), e.countryCode(), e.placeCode(), e.form(), e.sector(), e.meansOfControl(),
                    e.recruiterRelation(), e.notes()));
        }, model, response, redirect);
    }

    record VersionForm(Integer version) {
    }

    @PostMapping("/episodes/{episodeId}/deletion")
    String deleteEpisode(@PathVariable UUID id, @PathVariable UUID episodeId, @ModelAttribute VersionForm form,
            BindingResult binding, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        model.addAttribute("editId", episodeId);
        return page.submit(id, "episodeEdit", binding, () -> cases.deleteEpisode(id, episodeId, form.version()),
                model, response, redirect);
    }

    @PostMapping("/needs/{assessmentId}")
    String updateNeeds(@PathVariable UUID id, @PathVariable UUID assessmentId,
            @ModelAttribute("needsEdit") NeedsForm form, BindingResult binding, Model model,
            HttpServletResponse response, RedirectAttributes redirect) {
        model.addAttribute("editId", assessmentId);
        return page.submit(id, "needsEdit", binding, () -> cases.updateNeedsAssessment(id, assessmentId,
                new UpdateNeeds(form.version(), form.assessedOn(), form.needs() == null ? Set.of() : form.needs(),
                        blank(form.notes()))), model, response, redirect);
    }

    @PostMapping("/needs/{assessmentId}/deletion")
    String deleteNeeds(@PathVariable UUID id, @PathVariable UUID assessmentId, @ModelAttribute VersionForm form,
            BindingResult binding, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        model.addAttribute("editId", assessmentId);
        return page.submit(id, "needsEdit", binding, () -> cases.deleteNeedsAssessment(id, assessmentId,
                form.version()), model, response, redirect);
    }

    @PostMapping("/identifications/{identificationId}")
    String correctIdentification(@PathVariable UUID id, @PathVariable UUID identificationId,
            @ModelAttribute("identificationEdit") IdentificationForm form, BindingResult binding, Model model,
            HttpServletResponse response, RedirectAttributes redirect) {
        model.addAttribute("editId", identificationId);
        return page.submit(id, "identificationEdit", binding, () -> cases.correctIdentification(id, identificationId,
                new CorrectIdentification(form.version(), blank(form.decidedBy()), form.authority(), blank(form.form()),
                        form.decidedOn(), form.outcome(), blank(form.reason()))), model, response, redirect);
    }

    record VoidForm(Integer version, String reason) {
    }

    @PostMapping("/identifications/{identificationId}/voiding")
    String voidIdentification(@PathVariable UUID id, @PathVariable UUID identificationId,
            @ModelAttribute("voidForm") VoidForm form, BindingResult binding, Model model,
            HttpServletResponse response, RedirectAttributes redirect) {
        model.addAttribute("editId", identificationId);
        return page.submit(id, "identificationVoid", binding, () -> cases.voidIdentification(id, identificationId,
                new VoidIdentification(form.version(), blank(form.reason()))), model, response, redirect);
    }

    record GoalStatusForm(Integer version, String status, String reason) {
        static GoalStatusForm of(GoalView g) {
            return new GoalStatusForm(g.version(), null, null);
        }
    }

    @PostMapping("/goals/{goalId}/status")
    String goalStatus(@PathVariable UUID id, @PathVariable UUID goalId,
            @ModelAttribute("goalStatusForm") GoalStatusForm form, BindingResult binding, Model model,
            HttpServletResponse response, RedirectAttributes redirect) {
        model.addAttribute("editId", goalId);
        return page.submit(id, "goalStatus", binding, () -> cases.changeGoalStatus(id, goalId,
                new ChangeGoalStatus(form.version(), blank(form.status()), blank(form.reason()))), model, response,
                redirect);
    }

    // ---------------------------------------------------------------- follow-up

    /** The reintegration assessment: scores 1 (poor) to 5 (good) per area; optimistic on the follow-up's version. */
    record FollowUpForm(int version, LocalDate doneOn, Integer safety, Integer wellbeing, Integer economic,
            Integer education, Integer familyCommunity, Integer legalStatus, String notes) {
        static FollowUpForm of(FollowUpView f) {
            return new FollowUpForm(f.version(), f.doneOn() == null ? CasePage.today() : f.doneOn(), f.safety(),
                    f.wellbeing(), f.economic(), f.education(), f.familyCommunity(), f.legalStatus(), f.notes());
        }

        CompleteFollowUp command() {
            return new CompleteFollowUp(version, doneOn, safety, wellbeing, economic, education, familyCommunity,
                    legalStatus, blank(notes));
        }
    }

    /** The score fields of the assessment, in display order (message keys {@code cases.score.<field>}). */
    static final List<String> SCORES = List.of("safety", "wellbeing", "economic", "education", "familyCommunity",
            "legalStatus");

    @GetMapping("/follow-ups/{followUpId}")
    String followUpPage(@PathVariable UUID id, @PathVariable UUID followUpId, Model model) {
        requireWriter(id);
        CaseDetails c = cases.viewCase(id);
        FollowUpView f = followUp(c, followUpId);
        return followUpPage(model, c, f, FollowUpForm.of(f));
    }

    @PostMapping("/follow-ups/{followUpId}")
    String completeFollowUp(@PathVariable UUID id, @PathVariable UUID followUpId,
            @ModelAttribute("followUpForm") FollowUpForm form, BindingResult binding, Model model,
            HttpServletResponse response, RedirectAttributes redirect) {
        try {
            CasePage.throwIfUnbound(binding);
            cases.completeFollowUp(id, followUpId, form.command());
        } catch (InvalidInput e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            CasePage.rejected(model, "followUp", e);
            CaseDetails c = cases.viewCase(id);
            return followUpPage(model, c, followUp(c, followUpId), form == null ? FollowUpForm.of(followUp(c, followUpId)) : form);
        } catch (Conflict e) {
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            model.addAttribute("errorKey", e.code());
            CaseDetails c = cases.viewCase(id);
            return followUpPage(model, c, followUp(c, followUpId), form);
        }
        redirect.addFlashAttribute("messageKey", "cases.followUp.saved");
        return "redirect:/cases/" + id + "#follow-ups";
    }

    private String followUpPage(Model model, CaseDetails c, FollowUpView f, FollowUpForm form) {
        model.addAttribute("c", c);
        model.addAttribute("f", f);
        model.addAttribute("form", form);
        model.addAttribute("scores", SCORES);
        model.addAttribute("scale", List.of(1, 2, 3, 4, 5));
        CasePage.formErrors(model);
        return "cases/follow-up";
    }

    private static FollowUpView followUp(CaseDetails c, UUID followUpId) {
        return c.followUps().stream().filter(x -> x.id().equals(followUpId)).findFirst()
                .orElseThrow(() -> new NotFound("follow-up"));
    }

    // ---------------------------------------------------------------- survivor identity

    /**
     * The survivor's identity and profile. {@code version} is the survivor's version when the form was loaded: a
     * save against a newer record is refused ({@code cases.stale}). Identity documents come as parallel lists (one
     * row of type, number and country each); a row with neither type nor number is dropped.
     */
    record SurvivorForm(int version, String familyNameKhmer, String givenNameKhmer, String familyName,
            String givenName, String otherNames, LocalDate dateOfBirth, String phone, String address, String sex,
            String gender, Integer birthYear, String nationality, String languages, String disability,
            String originPlaceCode, List<String> documentType, List<String> documentNumber,
            List<String> documentCountry) {

        static SurvivorForm of(CaseDetails c) {
            SurvivorIdentity i = c.identity();
            SurvivorProfile p = c.profile();
            List<String> types = new ArrayList<>();
            List<String> numbers = new ArrayList<>();
            List<String> countries = new ArrayList<>();
            for (IdentityDocument d : i.documents()) {
                types.add(d.type());
                numbers.add(d.number());
                countries.add(d.issuingCountry());
            }
            return new SurvivorForm(c.survivorVersion(), i.familyNameKhmer(), i.givenNameKhmer(), i.familyName(),
                    i.givenName(), String.join("\n", i.otherNames()), i.dateOfBirth(), i.phone(), i.address(),
                    p.sex(), p.gender(), p.birthYear(), p.nationality(), String.join(", ", p.languages()),
                    p.disability(), p.originPlaceCode(), types, numbers, countries);
        }

        /** Document rows to show: the given ones and one empty row to add another. */
        public List<Integer> documentRows() {
            int n = documentType == null ? 0 : documentType.size();
            List<Integer> rows = new ArrayList<>();
            for (int k = 0; k <= n && k < 10; k++) {
                rows.add(k);
            }
            return rows;
        }

        public String at(List<String> list, int k) {
            return list == null || k >= list.size() ? null : list.get(k);
        }

        UpdateSurvivor command() {
            List<IdentityDocument> documents = new ArrayList<>();
            int n = documentType == null ? 0 : documentType.size();
            for (int k = 0; k < n; k++) {
                String type = blank(at(documentType, k));
                String number = blank(at(documentNumber, k));
                if (type != null || number != null) {
                    documents.add(new IdentityDocument(type, number, blank(at(documentCountry, k))));
                }
            }
            List<String> others = otherNames == null ? List.of() : Arrays.stream(otherNames.split("\\R"))
                    .map(String::strip).filter(s -> !s.isEmpty()).toList();
            List<String> langs = languages == null ? List.of() : Arrays.stream(languages.split("[,\\s]+"))
                    .map(String::strip).filter(s -> !s.isEmpty()).toList();
            return new UpdateSurvivor(version,
                    new SurvivorIdentity(blank(familyName), blank(givenName), blank(familyNameKhmer),
                            blank(givenNameKhmer), others, dateOfBirth, blank(phone), blank(address), documents),
                    new SurvivorProfile(sex, blank(gender), birthYear, null, blank(nationality), langs,
                            blank(disability), blank(originPlaceCode)));
        }
    }

    static final List<String> DOCUMENT_TYPES = List.of("NATIONAL_ID", "PASSPORT", "BIRTH_CERTIFICATE", "FAMILY_BOOK",
            "RESIDENCE_BOOK", "LAISSEZ_PASSER", "OTHER");

    @GetMapping("/survivor")
    String survivorPage(@PathVariable UUID id, Model model) {
        requireWriter(id);
        CaseDetails c = cases.viewCase(id);
        return survivorPage(model, c, SurvivorForm.of(c));
    }

    @PostMapping("/survivor")
    String updateSurvivor(@PathVariable UUID id, @ModelAttribute("survivorForm") SurvivorForm form,
            BindingResult binding, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        try {
            CasePage.throwIfUnbound(binding);
            cases.updateSurvivor(id, form.command());
        } catch (InvalidInput e) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            CasePage.rejected(model, "survivor", e);
            CaseDetails c = cases.viewCase(id);
            return survivorPage(model, c, form == null ? SurvivorForm.of(c) : form);
        } catch (Conflict e) {
            // Stale: keep what the user typed, say that the record changed, and offer the current one to reload.
            response.setStatus(HttpServletResponse.SC_CONFLICT);
            model.addAttribute("errorKey", e.code());
            return survivorPage(model, cases.viewCase(id), form);
        }
        redirect.addFlashAttribute("messageKey", "cases.survivor.saved");
        return "redirect:/cases/" + id + "#details";
    }

    private String survivorPage(Model model, CaseDetails c, SurvivorForm form) {
        model.addAttribute("c", c);
        model.addAttribute("form", form);
        model.addAttribute("sexes", Vocabulary.Sex.values());
        model.addAttribute("genders", Vocabulary.Gender.values());
        model.addAttribute("disabilities", Vocabulary.Disability.values());
        model.addAttribute("documentTypes", DOCUMENT_TYPES);
        model.addAttribute("countries", CasePage.allCountries());
        CasePage.formErrors(model);
        return "cases/survivor";
    }

    /** The edit pages are for those who may change the case; a read-only reader gets 403 before any data is read. */
    private void requireWriter(UUID id) {
        if (cases.accessToCase(id) == AccessLevel.READ) {
            throw new Forbidden("You may read this case but not change it.");
        }
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
