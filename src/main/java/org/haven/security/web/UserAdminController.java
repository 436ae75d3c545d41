package org.haven.security.web;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.haven.security.CreateUser;
import org.haven.security.CurrentUser;
import org.haven.security.OrganisationManagement;
import org.haven.security.OrganisationSummary;
import org.haven.security.Permission;
import org.haven.security.Role;
import org.haven.security.UserManagement;
import org.haven.security.UserSummary;
import org.haven.security.web.AdminForms.ContactForm;
import org.haven.security.web.AdminForms.PasswordForm;
import org.haven.security.web.AdminForms.RolesForm;
import org.haven.security.web.AdminForms.UserForm;
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

/** Administration pages for users. Access rules (who may touch whom) live in {@link UserManagement}. */
@Controller
@RequestMapping("/admin/users")
class UserAdminController {

    private final UserManagement users;
    private final OrganisationManagement organisations;

    UserAdminController(UserManagement users, OrganisationManagement organisations) {
        this.users = users;
        this.organisations = organisations;
    }

    @GetMapping
    String list(@RequestParam(required = false) UUID organisation, @RequestParam(defaultValue = "0") int page,
            Model model) {
        model.addAttribute("page", users.list(organisation, page, 25));
        model.addAttribute("organisation", organisation);
        model.addAttribute("organisations", reachableOrganisations());
        return "security/admin/users";
    }

    @GetMapping("/new")
    String newUser(@RequestParam(required = false) UUID organisation, Model model) {
        UUID org = organisation != null ? organisation : CurrentUser.require().organisationId();
        return renderNew(UserForm.empty(org), Map.of(), model);
    }

    @PostMapping
    String create(@ModelAttribute("form") UserForm form, BindingResult binding, Model model,
            RedirectAttributes redirect) {
        if (binding.hasErrors()) {
            return renderNew(blankPassword(form), AdminForms.errors(binding), model);
        }
        try {
            UserSummary created = users.create(new CreateUser(form.username(), form.displayName(), form.organisationId(),
                    form.roles() == null ? Set.of() : form.roles(), form.password(), form.email()));
            redirect.addFlashAttribute("done", "admin.user.created");
            return "redirect:/admin/users/" + created.id();
        } catch (InvalidInput e) {
            return renderNew(blankPassword(form), AdminForms.errors(e), model);
        }
    }

    @GetMapping("/{id}")
    String show(@PathVariable UUID id, Model model) {
        return renderUser(users.get(id), Map.of(), model);
    }

    @PostMapping("/{id}/enabled")
    String setEnabled(@PathVariable UUID id, @RequestParam boolean enabled, RedirectAttributes redirect) {
        users.setEnabled(id, enabled);
        redirect.addFlashAttribute("done", enabled ? "admin.user.enabled" : "admin.user.disabled");
        return "redirect:/admin/users/" + id;
    }

    @PostMapping("/{id}/second-factor/reset")
    String resetSecondFactor(@PathVariable UUID id, RedirectAttributes redirect) {
        users.resetSecondFactor(id);
        redirect.addFlashAttribute("done", "admin.user.secondFactorReset");
        return "redirect:/admin/users/" + id;
    }

    @PostMapping("/{id}/roles")
    String assignRoles(@PathVariable UUID id, @ModelAttribute RolesForm form, BindingResult binding, Model model,
            RedirectAttributes redirect) {
        if (binding.hasErrors()) {
            return renderUser(users.get(id), Map.of("roles", "form.invalid"), model);
        }
        try {
            users.assignRoles(id, form.roles() == null ? Set.of() : form.roles());
        } catch (InvalidInput e) {
            return renderUser(users.get(id), AdminForms.errors(e), model);
        }
        redirect.addFlashAttribute("done", "admin.user.rolesSaved");
        return "redirect:/admin/users/" + id;
    }

    @PostMapping("/{id}/contact")
    String setContact(@PathVariable UUID id, @ModelAttribute ContactForm form, Model model,
            RedirectAttributes redirect) {
        try {
            users.setContact(id, form.email(), form.language());
        } catch (InvalidInput e) {
            return renderUser(users.get(id), AdminForms.errors(e), model);
        }
        redirect.addFlashAttribute("done", "admin.user.contactSaved");
        return "redirect:/admin/users/" + id;
    }

    @PostMapping("/{id}/password")
    String setPassword(@PathVariable UUID id, @ModelAttribute PasswordForm form, Model model,
            RedirectAttributes redirect) {
        try {
            users.setPassword(id, form.password());
        } catch (InvalidInput e) {
            return renderUser(users.get(id), AdminForms.errors(e), model);
        }
        redirect.addFlashAttribute("done", "admin.user.passwordSet");
        return "redirect:/admin/users/" + id;
    }

    private String renderNew(UserForm form, Map<String, String> errors, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("organisations", reachableOrganisations());
        model.addAttribute("grantable", List.copyOf(users.grantableRoles()));
        return "security/admin/user-new";
    }

    private String renderUser(UserSummary user, Map<String, String> errors, Model model) {
        model.addAttribute("user", user);
        model.addAttribute("errors", errors);
        Set<Role> grantable = users.grantableRoles();
        model.addAttribute("grantable", List.copyOf(grantable));
        model.addAttribute("allRoles", List.copyOf(EnumSet.allOf(Role.class)));
        model.addAttribute("self", user.id().equals(CurrentUser.require().userId()));
        return "security/admin/user";
    }

    private List<OrganisationSummary> reachableOrganisations() {
        // Organisation administrators reach one organisation; system administrators pick from up to 100 here
        // (the users list can also be filtered from the organisations page).
        return organisations.list(0, 100).items();
    }

    private static UserForm blankPassword(UserForm form) {
        return new UserForm(form.username(), form.displayName(), form.organisationId(), form.roles(), "",
                form.email());
    }

    static boolean systemAdmin() {
        return CurrentUser.require().can(Permission.ADMIN_SYSTEM);
    }
}
