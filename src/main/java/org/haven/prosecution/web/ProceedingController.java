package org.haven.prosecution.web;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.haven.prosecution.Adjudication;
import org.haven.prosecution.Attrition;
import org.haven.prosecution.AttritionReport;
import org.haven.prosecution.DropReason;
import org.haven.prosecution.HearingCalendar;
import org.haven.prosecution.ProceedingView;
import org.haven.prosecution.ProsecutionTracking;
import org.haven.prosecution.Stage;
import org.haven.prosecution.VictimWitnessSupport;
import org.haven.shared.web.Conflict;
import org.haven.shared.web.InvalidInput;
import org.haven.shared.web.NavItem;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Pages of proceedings: the list, one proceeding (course, defendants, hearings, survivors, compensation) with the
 * stage form, and the attrition page with a server-rendered SVG funnel. Access is decided by the services; a
 * proceeding out of reach is the shared 404 page.
 */
@Controller
class ProceedingController {

    private final ProsecutionTracking tracking;
    private final Adjudication adjudication;
    private final HearingCalendar hearings;
    private final VictimWitnessSupport victims;
    private final AttritionReport attrition;

    ProceedingController(ProsecutionTracking tracking, Adjudication adjudication, HearingCalendar hearings,
            VictimWitnessSupport victims, AttritionReport attrition) {
        this.tracking = tracking;
        this.adjudication = adjudication;
        this.hearings = hearings;
        this.victims = victims;
        this.attrition = attrition;
    }

    @Bean
    static NavItem proceedingsNav() {
        return new NavItem(40, "/proceedings", "nav.proceedings", "PROCEEDING_READ");
    }

    @Bean
    static NavItem attritionNav() {
        return new NavItem(41, "/proceedings/attrition", "nav.attrition", "REPORT_AGGREGATE");
    }

    /** The stage form: the proceeding's version, the stage to move to, its date, and a reason when dropping. */
    record StageForm(Integer version, Stage to, @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate on,
            DropReason reason) {
    }

    @GetMapping("/proceedings")
    String list(@RequestParam(required = false) Stage stage, @RequestParam(defaultValue = "0") int page, Model model) {
        int size = 50;
        model.addAttribute("items", tracking.list(stage, size, page * size));
        model.addAttribute("stage", stage);
        model.addAttribute("stages", Stage.values());
        model.addAttribute("page", page);
        model.addAttribute("canOpen", org.haven.security.CurrentUser.require()
                .can(org.haven.security.Permission.PROCEEDING_WRITE));
        return "prosecution/list";
    }

    @GetMapping("/proceedings/{id}")
    String show(@PathVariable UUID id, Model model) {
        ProceedingView p = tracking.get(id);
        model.addAttribute("p", p);
        model.addAttribute("defendants", adjudication.defendants(id));
        model.addAttribute("hearings", hearings.hearings(id));
        VictimWitnessSupport.SurvivorsAndCompensation shown = victims.victimsWithCompensation(id);
        model.addAttribute("victims", shown.victims());
        model.addAttribute("compensation", shown.compensation());
        model.addAttribute("nextStages", p.stage().next());
        model.addAttribute("dropReasons", DropReason.values());
        if (!model.containsAttribute("stageForm")) {
            model.addAttribute("stageForm", new StageForm(p.version(), null, org.haven.shared.HavenClock.today(), null));
        }
        return "prosecution/show";
    }

    @PostMapping("/proceedings/{id}/stage")
    String move(@PathVariable UUID id, @ModelAttribute StageForm form, RedirectAttributes redirect) {
        try {
            tracking.move(id, form.version() == null ? -1 : form.version(), form.to(), form.on(), form.reason());
            redirect.addFlashAttribute("saved", true);
        } catch (InvalidInput e) {
            redirect.addFlashAttribute("errors", e.errors());
            redirect.addFlashAttribute("stageForm", form);
        } catch (Conflict e) {
            redirect.addFlashAttribute("errors", List.of(new InvalidInput.FieldError(null, e.code(), e.getMessage())));
        } catch (OptimisticLockingFailureException e) {
            redirect.addFlashAttribute("errors", List.of(new InvalidInput.FieldError(null, "proceeding.stale",
                    "Someone else changed this proceeding; here it is as it is now.")));
        }
        return "redirect:/proceedings/" + id;
    }

    @GetMapping("/proceedings/attrition")
    String attrition(@RequestParam(required = false) Integer year, @RequestParam(required = false) String province,
            Model model) {
        int y = year == null ? org.haven.shared.HavenClock.today().getYear() : year;
        Attrition a = attrition.attrition(y, null, province);
        model.addAttribute("a", a);
        model.addAttribute("year", y);
        model.addAttribute("province", province);
        model.addAttribute("steps", Attrition.STEPS);
        model.addAttribute("bars", FunnelChart.bars(a.total()));
        model.addAttribute("complicityAllowed",
                org.haven.prosecution.ComplicityReport.allowed(org.haven.security.CurrentUser.require()));
        return "prosecution/attrition";
    }
}
