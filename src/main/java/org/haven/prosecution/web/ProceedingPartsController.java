package org.haven.prosecution.web;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.haven.prosecution.Adjudication;
import org.haven.prosecution.ComplicityReport;
import org.haven.prosecution.Defendant;
import org.haven.prosecution.Hearing;
import org.haven.prosecution.HearingCalendar;
import org.haven.prosecution.OfficialTrainings;
import org.haven.prosecution.ProceedingView;
import org.haven.prosecution.ProsecutionTracking;
import org.haven.prosecution.StatuteCatalogue;
import org.haven.prosecution.Suspect;
import org.haven.prosecution.VictimLink;
import org.haven.prosecution.VictimWitnessSupport;
import org.haven.prosecution.internal.ProceedingAccess;
import org.haven.security.CurrentUser;
import org.haven.security.Permission;
import org.haven.shared.web.Conflict;
import org.haven.shared.web.InvalidInput;
import org.haven.shared.web.NavItem;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Pages for the parts of a proceeding — suspects, charges, hearings, survivors (victims and witnesses), verdicts and
 * compensation — and for the hearing calendar, trainings of officials and the official-complicity report. Each page
 * calls the same service methods as the JSON API, so access (reach, consent, audit) is decided in one place; a form
 * posts, then redirects back to its page (POST-redirect-GET) with either "saved" or the field errors as message keys,
 * shown in the reader's language next to the fields, and the submitted values to fill the form again. Refusals of
 * access are the shared 403/404 pages.
 */
@Controller
class ProceedingPartsController {

    /** Hearings are entered and shown in Cambodian time (the first deployment); a known limit for other countries. */
    static final ZoneId COURT_ZONE = org.haven.shared.HavenClock.ZONE;

    private final ProsecutionTracking tracking;
    private final Adjudication adjudication;
    private final HearingCalendar hearings;
    private final VictimWitnessSupport victims;
    private final StatuteCatalogue statutes;
    private final OfficialTrainings trainings;
    private final ComplicityReport complicity;
    private final ProceedingAccess access;

    ProceedingPartsController(ProsecutionTracking tracking, Adjudication adjudication, HearingCalendar hearings,
            VictimWitnessSupport victims, StatuteCatalogue statutes, OfficialTrainings trainings,
            ComplicityReport complicity, ProceedingAccess access) {
        this.tracking = tracking;
        this.adjudication = adjudication;
        this.hearings = hearings;
        this.victims = victims;
        this.statutes = statutes;
        this.trainings = trainings;
        this.complicity = complicity;
        this.access = access;
    }

    @Bean
    static NavItem hearingCalendarNav() {
        return new NavItem(42, "/proceedings/hearings", "nav.hearings", "PROCEEDING_READ");
    }

    @Bean
    static NavItem trainingsNav() {
        return new NavItem(43, "/proceedings/trainings", "nav.trainings", "PROCEEDING_READ");
    }

    @Bean
    static NavItem complicityNav() {
        return new NavItem(44, "/proceedings/complicity", "nav.complicity", "PROCEEDING_READ");
    }

    // --- common

    /** The proceeding (an audited read, 404 out of reach) and what the forms of its pages need. */
    private ProceedingView proceeding(UUID id, Model model) {
        ProceedingView p = tracking.get(id);
        CurrentUser user = CurrentUser.require();
        model.addAttribute("p", p);
        model.addAttribute("canWrite", access.mayWrite(user, id));
        model.addAttribute("canSupport", access.mayWrite(user, id) || user.can(Permission.CASE_WRITE));
        model.addAttribute("today", tracking.today());
        defaults(model);
        return p;
    }

    private static void defaults(Model model) {
        if (!model.containsAttribute("fieldErrors")) {
            model.addAttribute("fieldErrors", Map.of());
        }
        if (!model.containsAttribute("formValues")) {
            model.addAttribute("formValues", Map.of());
        }
        if (!model.containsAttribute("formName")) {
            model.addAttribute("formName", "");
        }
    }

    /**
     * Runs a form's action; on bad input or a refused change, flashes the errors (message keys), the form's name and
     * its values for the page to show after the redirect. Access refusals (403/404) are left to the error pages.
     */
    private String submit(String back, String formName, MultiValueMap<String, String> params,
            RedirectAttributes redirect, Consumer<FormInput> action) {
        FormInput in = new FormInput(params.toSingleValueMap());
        try {
            action.accept(in);
            redirect.addFlashAttribute("saved", true);
        } catch (InvalidInput e) {
            flash(redirect, formName, in, e.errors());
        } catch (Conflict e) {
            flash(redirect, formName, in, List.of(new InvalidInput.FieldError(null, e.code(), e.getMessage())));
        } catch (OptimisticLockingFailureException e) {
            flash(redirect, formName, in, List.of(new InvalidInput.FieldError(null, "proceeding.stale",
                    "Someone else changed this proceeding; here it is as it is now.")));
        }
        return "redirect:" + back;
    }

    private static void flash(RedirectAttributes redirect, String formName, FormInput in,
            List<InvalidInput.FieldError> errors) {
        redirect.addFlashAttribute("errors", errors);
        redirect.addFlashAttribute("fieldErrors", errors.stream().filter(e -> e.field() != null)
                .collect(Collectors.toMap(InvalidInput.FieldError::field, InvalidInput.FieldError::code, (a, b) -> a,
                        LinkedHashMap::new)));
        redirect.addFlashAttribute("formName", formName);
        Map<String, String> values = new LinkedHashMap<>(in.values());
        values.remove("_csrf");
        redirect.addFlashAttribute("formValues", values);
    }

    // --- suspects

    @GetMapping("/proceedings/{id}/suspects")
    String suspects(@PathVariable UUID id, Model model) {
        proceeding(id, model);
        model.addAttribute("defendants", adjudication.defendants(id));
        model.addAttribute("schemeRoles", Suspect.SchemeRole.values());
        model.addAttribute("officialAgencies", Suspect.OfficialAgency.values());
        model.addAttribute("identifierKinds", Suspect.IdentifierKind.values());
        return "prosecution/suspects";
    }

    @PostMapping("/proceedings/{id}/suspects")
    String recordSuspect(@PathVariable UUID id, @RequestParam MultiValueMap<String, String> params,
            RedirectAttributes redirect) {
        return submit("/proceedings/" + id + "/suspects", "suspect", params, redirect, in -> {
            Suspect.SchemeRole role = in.choice("role", Suspect.SchemeRole.class);
            Suspect.OfficialAgency agency = in.choice("officialAgency", Suspect.OfficialAgency.class);
            Integer birthYear = in.integer("birthYear");
            List<Suspect.Identifier> identifiers = new ArrayList<>();
            for (int i = 1; i <= 3; i++) {
                Suspect.IdentifierKind kind = in.choice("identifierKind" + i, Suspect.IdentifierKind.class);
                String value = in.text("identifierValue" + i);
                if (value != null || kind != null) {
                    identifiers.add(new Suspect.Identifier(kind, value));
                }
            }
            List<String> aliases = in.text("aliases") == null ? List.of()
                    : in.text("aliases").lines().map(String::trim).filter(s -> !s.isEmpty()).toList();
            in.check();
            adjudication.recordSuspect(id, new Suspect.RecordSuspect(in.text("name"), aliases,
                    in.text("nationality") == null ? null : in.text("nationality").toUpperCase(), in.text("sex"),
                    birthYear, in.checked("official"), agency, null, identifiers), role);
        });
    }

    // --- charges

    @GetMapping("/proceedings/{id}/charges")
    String charges(@PathVariable UUID id, Model model) {
        ProceedingView p = proceeding(id, model);
        model.addAttribute("defendants", adjudication.defendants(id));
        model.addAttribute("articles", statutes.forCountry(p.countryCode()).stream()
                .filter(StatuteCatalogue.Article::chargeable).toList());
        model.addAttribute("outcomes", Defendant.ChargeOutcome.values());
        return "prosecution/charges";
    }

    @PostMapping("/proceedings/{id}/charges")
    String fileCharge(@PathVariable UUID id, @RequestParam MultiValueMap<String, String> params,
            RedirectAttributes redirect) {
        return submit("/proceedings/" + id + "/charges", "charge", params, redirect, in -> {
            UUID suspect = in.id("suspectId");
            LocalDate filedOn = in.date("filedOn");
            in.check();
            adjudication.fileCharge(id, suspect, in.text("statuteCode"), filedOn);
        });
    }

    @PostMapping("/proceedings/{id}/charges/{chargeId}/outcome")
    String chargeOutcome(@PathVariable UUID id, @PathVariable UUID chargeId,
            @RequestParam MultiValueMap<String, String> params, RedirectAttributes redirect) {
        return submit("/proceedings/" + id + "/charges", "outcome-" + chargeId, params, redirect, in -> {
            Defendant.ChargeOutcome outcome = in.choice("outcome", Defendant.ChargeOutcome.class);
            in.check();
            adjudication.recordChargeOutcome(id, chargeId, in.version(), outcome, in.text("reducedTo"));
        });
    }

    // --- hearings

    @GetMapping("/proceedings/{id}/hearings")
    String hearings(@PathVariable UUID id, Model model) {
        proceeding(id, model);
        model.addAttribute("hearings", hearings.hearings(id));
        hearingChoices(model);
        return "prosecution/hearings";
    }

    private static void hearingChoices(Model model) {
        model.addAttribute("types", Hearing.Type.values());
        model.addAttribute("measures", Hearing.Measure.values());
        model.addAttribute("outcomes", Hearing.Outcome.values());
        model.addAttribute("zone", COURT_ZONE);
    }

    @PostMapping("/proceedings/{id}/hearings")
    String schedule(@PathVariable UUID id, @RequestParam MultiValueMap<String, String> params,
            RedirectAttributes redirect) {
        return submit("/proceedings/" + id + "/hearings", "hearing", params, redirect, in -> {
            var at = in.dateTime("scheduledAt", COURT_ZONE);
            Hearing.Type type = in.choice("type", Hearing.Type.class);
            var measures = in.choices(params.get("measures"), "measures", Hearing.Measure.class);
            in.check();
            hearings.schedule(id, new HearingCalendar.ScheduleHearing(at, in.text("court"), type,
                    in.checked("survivorTestifies"), measures));
        });
    }

    @PostMapping("/proceedings/{id}/hearings/{hearingId}/outcome")
    String hearingOutcome(@PathVariable UUID id, @PathVariable UUID hearingId,
            @RequestParam MultiValueMap<String, String> params, RedirectAttributes redirect) {
        return submit("/proceedings/" + id + "/hearings", "outcome-" + hearingId, params, redirect, in -> {
            Hearing.Outcome outcome = in.choice("outcome", Hearing.Outcome.class);
            in.check();
            hearings.recordOutcome(id, hearingId, in.version(), outcome);
        });
    }

    @GetMapping("/proceedings/hearings")
    String calendar(@RequestParam(required = false) String from, @RequestParam(defaultValue = "60") int days,
            Model model) {
        LocalDate start;
        try {
            start = from == null || from.isBlank() ? tracking.today() : LocalDate.parse(from);
        } catch (RuntimeException e) {
            throw InvalidInput.of("from", "form.date.invalid", "Give a date as YYYY-MM-DD.");
        }
        model.addAttribute("items", hearings.calendar(start, days));
        model.addAttribute("from", start);
        model.addAttribute("days", days);
        model.addAttribute("zone", COURT_ZONE);
        return "prosecution/calendar";
    }

    // --- victims and witnesses

    @GetMapping("/proceedings/{id}/victims")
    String victims(@PathVariable UUID id, Model model) {
        proceeding(id, model);
        model.addAttribute("victims", victims.victims(id));
        model.addAttribute("roles", VictimLink.Role.values());
        model.addAttribute("supportKinds", VictimLink.SupportKind.values());
        model.addAttribute("concerns", VictimLink.SafetyConcern.values());
        model.addAttribute("cooperations", VictimLink.Cooperation.values());
        return "prosecution/victims";
    }

    @PostMapping("/proceedings/{id}/victims")
    String link(@PathVariable UUID id, @RequestParam MultiValueMap<String, String> params,
            RedirectAttributes redirect) {
        return submit("/proceedings/" + id + "/victims", "link", params, redirect, in -> {
            UUID caseId = in.id("caseId");
            VictimLink.Role role = in.choice("role", VictimLink.Role.class);
            in.check();
            victims.link(id, caseId, role);
        });
    }

    @PostMapping("/proceedings/{id}/victims/{victimId}/support")
    String support(@PathVariable UUID id, @PathVariable UUID victimId,
            @RequestParam MultiValueMap<String, String> params, RedirectAttributes redirect) {
        return submit("/proceedings/" + id + "/victims", "support-" + victimId, params, redirect, in -> {
            VictimLink.SupportKind kind = in.choice("kind", VictimLink.SupportKind.class);
            LocalDate on = in.date("givenOn");
            in.check();
            victims.recordSupport(id, victimId, kind, on);
        });
    }

    @PostMapping("/proceedings/{id}/victims/{victimId}/cooperation")
    String cooperation(@PathVariable UUID id, @PathVariable UUID victimId,
            @RequestParam MultiValueMap<String, String> params, RedirectAttributes redirect) {
        return submit("/proceedings/" + id + "/victims", "cooperation-" + victimId, params, redirect, in -> {
            var concerns = in.choices(params.get("safetyConcerns"), "safetyConcerns", VictimLink.SafetyConcern.class);
            VictimLink.Cooperation cooperation = in.choice("cooperation", VictimLink.Cooperation.class);
            LocalDate on = in.date("cooperationOn");
            in.check();
            victims.recordSafetyAndCooperation(id, victimId, in.version(), concerns, cooperation, on);
        });
    }

    // --- verdicts and compensation

    @GetMapping("/proceedings/{id}/verdicts")
    String verdicts(@PathVariable UUID id, Model model) {
        proceeding(id, model);
        model.addAttribute("defendants", adjudication.defendants(id));
        VictimWitnessSupport.SurvivorsAndCompensation shown = victims.victimsWithCompensation(id);
        model.addAttribute("victims", shown.victims().stream().filter(VictimLink::consentCovers).toList());
        model.addAttribute("compensation", shown.compensation());
        model.addAttribute("verdictChoices", Defendant.Verdict.values());
        return "prosecution/verdicts";
    }

    @PostMapping("/proceedings/{id}/verdicts/{suspectId}")
    String verdict(@PathVariable UUID id, @PathVariable UUID suspectId,
            @RequestParam MultiValueMap<String, String> params, RedirectAttributes redirect) {
        return submit("/proceedings/" + id + "/verdicts", "verdict-" + suspectId, params, redirect, in -> {
            Defendant.Verdict verdict = in.choice("verdict", Defendant.Verdict.class);
            LocalDate on = in.date("on");
            Integer months = in.integer("prisonMonths");
            var fine = in.amount("fineAmount");
            in.check();
            adjudication.recordVerdict(id, suspectId, in.version(), new Adjudication.RecordVerdict(verdict, on, months,
                    months == null ? null : in.checked("suspended"), fine,
                    in.text("fineCurrency") == null ? null : in.text("fineCurrency").toUpperCase()));
        });
    }

    @PostMapping("/proceedings/{id}/compensation")
    String order(@PathVariable UUID id, @RequestParam MultiValueMap<String, String> params,
            RedirectAttributes redirect) {
        return submit("/proceedings/" + id + "/verdicts", "compensation", params, redirect, in -> {
            UUID victim = in.id("victimId");
            UUID suspect = in.id("suspectId");
            var amount = in.amount("amount");
            LocalDate on = in.date("orderedOn");
            in.check();
            victims.orderCompensation(id, victim, suspect, amount,
                    in.text("currency") == null ? null : in.text("currency").toUpperCase(), on);
        });
    }

    @PostMapping("/proceedings/{id}/compensation/{compensationId}/payments")
    String pay(@PathVariable UUID id, @PathVariable UUID compensationId,
            @RequestParam MultiValueMap<String, String> params, RedirectAttributes redirect) {
        return submit("/proceedings/" + id + "/verdicts", "payment-" + compensationId, params, redirect, in -> {
            var amount = in.amount("amount");
            LocalDate on = in.date("paidOn");
            in.check();
            victims.recordPayment(id, compensationId, amount, on);
        });
    }

    // --- trainings of officials

    @GetMapping("/proceedings/trainings")
    String trainings(@RequestParam(required = false) Integer year, Model model) {
        int y = year == null ? tracking.today().getYear() : year;
        List<OfficialTrainings.Training> list = trainings.year(y);
        model.addAttribute("year", y);
        model.addAttribute("items", list);
        model.addAttribute("female", list.stream().mapToInt(OfficialTrainings.Training::female).sum());
        model.addAttribute("male", list.stream().mapToInt(OfficialTrainings.Training::male).sum());
        model.addAttribute("other", list.stream().mapToInt(OfficialTrainings.Training::other).sum());
        model.addAttribute("agencies", OfficialTrainings.Agency.values());
        model.addAttribute("topics", OfficialTrainings.Topic.values());
        CurrentUser user = CurrentUser.require();
        model.addAttribute("canRecord", user.can(Permission.PROCEEDING_WRITE) || user.can(Permission.OUTREACH_WRITE));
        defaults(model);
        return "prosecution/trainings";
    }

    @PostMapping("/proceedings/trainings")
    String recordTraining(@RequestParam MultiValueMap<String, String> params, RedirectAttributes redirect) {
        return submit("/proceedings/trainings", "training", params, redirect, in -> {
            LocalDate on = in.date("heldOn");
            OfficialTrainings.Agency agency = in.choice("agency", OfficialTrainings.Agency.class);
            var topics = in.choices(params.get("topics"), "topics", OfficialTrainings.Topic.class);
            Integer female = in.integer("female");
            Integer male = in.integer("male");
            Integer other = in.integer("other");
            in.check();
            trainings.record(on, in.text("provinceCode"), in.text("place"), agency, topics,
                    female == null ? 0 : female, male == null ? 0 : male, other == null ? 0 : other);
        });
    }

    // --- official complicity

    @GetMapping("/proceedings/complicity")
    String complicity(@RequestParam(required = false) Integer from, @RequestParam(required = false) Integer to,
            Model model) {
        model.addAttribute("r", complicity.complicity(from, to, null));
        return "prosecution/complicity";
    }
}
