package org.haven.prosecution.web;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.haven.prosecution.ExploitationForm;
import org.haven.prosecution.OpenProceeding;
import org.haven.prosecution.ProsecutionTracking;
import org.haven.security.CurrentUser;
import org.haven.shared.web.InvalidInput;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jakarta.servlet.http.HttpServletResponse;

/**
 * Opening a proceeding from the pages (a complaint received by the police or the prosecutor): the same call as
 * {@code POST /api/v1/proceedings}, with the user's country, and the proceeding then shown on its own page.
 */
@Controller
@PreAuthorize("hasAuthority('PROCEEDING_WRITE')")
class ProceedingOpenController {

    private final ProsecutionTracking tracking;

    ProceedingOpenController(ProsecutionTracking tracking) {
        this.tracking = tracking;
    }

    /** The form; the country is the signed-in user's. */
    record OpenForm(@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate complaintOn, String provinceCode,
            String court, String policeReportNo, String courtCaseNo, String exploitationForm) {
    }

    @GetMapping("/proceedings/new")
    String form(Model model) {
        return render(new OpenForm(tracking.today(), null, null, null, null, null), List.of(), model);
    }

    @PostMapping("/proceedings/new")
    String open(@ModelAttribute OpenForm form, Model model, HttpServletResponse response, RedirectAttributes redirect) {
        ExploitationForm exploitation = null;
        if (form.exploitationForm() != null && !form.exploitationForm().isBlank()) {
            try {
                exploitation = ExploitationForm.valueOf(form.exploitationForm());
            } catch (IllegalArgumentException unknown) {
                response.setStatus(HttpStatus.BAD_REQUEST.value());
                return render(form, List.of(new InvalidInput.FieldError("exploitationForm", "form.choice.invalid",
                        "Choose one of the options.")), model);
            }
        }
        try {
            UUID id = tracking.open(new OpenProceeding(CurrentUser.require().countryCode(), blank(form.provinceCode()),
                    blank(form.court()), blank(form.policeReportNo()), blank(form.courtCaseNo()), exploitation,
                    form.complaintOn(), List.of()));
            redirect.addFlashAttribute("saved", true);
            return "redirect:/proceedings/" + id;
        } catch (InvalidInput e) {
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return render(form, e.errors(), model);
        }
    }

    private String render(OpenForm form, List<InvalidInput.FieldError> errors, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("forms", ExploitationForm.values());
        return "prosecution/new";
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
