package org.haven.prevention.web;

import java.util.UUID;

import org.haven.prevention.TipDesk;
import org.haven.prevention.TipStatus;
import org.haven.shared.web.InvalidInput;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The tip triage queue, for TIP_TRIAGE users of designated organisations (the service enforces designation). */
@Controller
@RequestMapping("/tips/triage")
@PreAuthorize("hasAuthority('TIP_TRIAGE')")
class TipTriageController {

    record TriageForm(TipStatus status, String convertedTo, int version) {
    }

    private final TipDesk tips;

    TipTriageController(TipDesk tips) {
        this.tips = tips;
    }

    @GetMapping
    String queue(@RequestParam(required = false) TipStatus status, @RequestParam(defaultValue = "0") int page,
            Model model) {
        model.addAttribute("tips", tips.queue(status, page, 50));
        model.addAttribute("status", status);
        model.addAttribute("statuses", TipStatus.values());
        return "prevention/tips";
    }

    @GetMapping("/{id}")
    String open(@PathVariable UUID id, Model model) {
        model.addAttribute("tip", tips.open(id));
        model.addAttribute("statuses", new TipStatus[] {TipStatus.REVIEWED, TipStatus.DISMISSED, TipStatus.CONVERTED});
        return "prevention/tip";
    }

    @PostMapping("/{id}")
    String triage(@PathVariable UUID id, TriageForm form, Model model, RedirectAttributes redirect) {
        try {
            tips.triage(id, form.version(), form.status(), form.convertedTo());
            redirect.addFlashAttribute("saved", true);
            return "redirect:/tips/triage";
        } catch (InvalidInput e) {
            model.addAttribute("errors", OutreachController.codes(e));
            return open(id, model);
        }
    }
}
