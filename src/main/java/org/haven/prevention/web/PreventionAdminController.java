package org.haven.prevention.web;

import java.util.UUID;

import org.haven.prevention.Hotlines;
import org.haven.prevention.TipDesk;
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

/** System administrators: the hotlines shown to the public and the organisations designated to triage tips. */
@Controller
@RequestMapping("/admin/prevention")
@PreAuthorize("hasAuthority('ADMIN_SYSTEM')")
class PreventionAdminController {

    record HotlineForm(String nameEn, String nameKm, String phone, String descriptionEn, String descriptionKm,
            Integer sortOrder) {
    }

    private final Hotlines hotlines;
    private final TipDesk tips;

    PreventionAdminController(Hotlines hotlines, TipDesk tips) {
        this.hotlines = hotlines;
        this.tips = tips;
    }

    @GetMapping
    String page(Model model) {
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new HotlineForm(null, null, null, null, null, 0));
        }
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", java.util.Map.of());
        }
        model.addAttribute("hotlines", hotlines.all());
        model.addAttribute("designations", tips.designations());
        return "prevention/admin";
    }

    @PostMapping("/hotlines")
    String addHotline(HotlineForm form, Model model, RedirectAttributes redirect) {
        try {
            hotlines.add(new Hotlines.HotlineDraft(form.nameEn(), form.nameKm(), form.phone(), form.descriptionEn(),
                    form.descriptionKm(), form.sortOrder()));
            redirect.addFlashAttribute("saved", true);
            return "redirect:/admin/prevention";
        } catch (InvalidInput e) {
            model.addAttribute("form", form);
            model.addAttribute("errors", OutreachController.codes(e));
            return page(model);
        }
    }

    @PostMapping("/hotlines/{id}")
    String setActive(@PathVariable UUID id, @RequestParam boolean active, RedirectAttributes redirect) {
        hotlines.setActive(id, active);
        redirect.addFlashAttribute("saved", true);
        return "redirect:/admin/prevention";
    }

    @PostMapping("/designations")
    String designate(@RequestParam UUID organisationId, @RequestParam boolean designated,
            RedirectAttributes redirect) {
        tips.designate(organisationId, designated);
        redirect.addFlashAttribute("saved", true);
        return "redirect:/admin/prevention";
    }
}
