package org.haven.security.web;

import java.util.Map;
import java.util.UUID;

import org.haven.security.CreateOrganisation;
import org.haven.security.CurrentUser;
import org.haven.security.OrganisationManagement;
import org.haven.security.OrganisationType;
import org.haven.security.Permission;
import org.haven.security.web.AdminForms.OrganisationForm;
import org.haven.shared.web.InvalidInput;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Administration pages for organisations. Access rules live in {@link OrganisationManagement}. */
@Controller
@RequestMapping("/admin/organisations")
class OrganisationAdminController {

    private final OrganisationManagement organisations;

    OrganisationAdminController(OrganisationManagement organisations) {
        this.organisations = organisations;
    }

    @GetMapping
    String list(@RequestParam(defaultValue = "0") int page, Model model) {
        return render(page, OrganisationForm.empty(), Map.of(), model);
    }

    @PostMapping
    String create(@ModelAttribute("form") OrganisationForm form, BindingResult binding, Model model,
            RedirectAttributes redirect) {
        if (binding.hasErrors()) {
            return render(0, form, AdminForms.errors(binding), model);
        }
        try {
            organisations.create(new CreateOrganisation(form.name(), form.type(), form.countryCode()));
        } catch (InvalidInput e) {
            return render(0, form, AdminForms.errors(e), model);
        }
        redirect.addFlashAttribute("done", "admin.organisation.created");
        return "redirect:/admin/organisations";
    }

    @PostMapping("/{id}/enabled")
    String setEnabled(@PathVariable UUID id, @RequestParam boolean enabled, RedirectAttributes redirect) {
        organisations.setEnabled(id, enabled);
        redirect.addFlashAttribute("done", enabled ? "admin.organisation.enabled" : "admin.organisation.disabled");
        return "redirect:/admin/organisations";
    }

    private String render(int page, OrganisationForm form, Map<String, String> errors, Model model) {
        model.addAttribute("page", organisations.list(page, 25));
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("types", OrganisationType.values());
        model.addAttribute("systemAdmin", CurrentUser.require().can(Permission.ADMIN_SYSTEM));
        return "security/admin/organisations";
    }
}
