package org.haven.referrals.web;

import java.util.Map;
import java.util.UUID;

import org.haven.cases.Vocabulary.ServiceType;
import org.haven.referrals.ServiceDirectory;
import org.haven.referrals.ServiceDirectory.PublishService;
import org.haven.referrals.ServiceDirectory.ServiceSearch;
import org.haven.referrals.web.ReferralForms.ServiceForm;
import org.haven.security.CurrentUser;
import org.haven.security.Permission;
import org.haven.shared.web.Conflict;
import org.haven.shared.web.InvalidInput;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The service directory page: search for everybody, publishing and capacity for the organisation's publishers. */
@Controller
@RequestMapping("/services")
class ServiceDirectoryController {

    private final ServiceDirectory directory;

    ServiceDirectoryController(ServiceDirectory directory) {
        this.directory = directory;
    }

    @GetMapping
    String search(@ModelAttribute("search") ServiceSearch search, Model model) {
        return render(search, ServiceForm.empty(), Map.of(), model);
    }

    @PostMapping
    String publish(@ModelAttribute("form") ServiceForm form, Model model, RedirectAttributes redirect) {
        try {
            directory.publish(new PublishService(form.serviceType(), form.places(), form.languageList(), form.minAge(),
                    form.maxAge(), form.sexes(), form.hours(), form.contact(), form.capacityTotal(), form.capacityFree()));
        } catch (InvalidInput e) {
            return render(new ServiceSearch(null, null, null, null, null, null), form, ReferralForms.errors(e), model);
        }
        redirect.addFlashAttribute("done", "referrals.services.published");
        return "redirect:/services";
    }

    @PostMapping("/{id}/capacity")
    String capacity(@PathVariable UUID id, @RequestParam(required = false) Integer capacityFree,
            @RequestParam int version, Model model, RedirectAttributes redirect) {
        try {
            directory.updateCapacity(id, capacityFree == null ? -1 : capacityFree, version);
        } catch (InvalidInput e) {
            redirect.addFlashAttribute("failed", "referrals.error.capacity");
            return "redirect:/services";
        } catch (Conflict e) {
            redirect.addFlashAttribute("failed", e.code());
            return "redirect:/services";
        }
        redirect.addFlashAttribute("done", "referrals.services.capacityUpdated");
        return "redirect:/services";
    }

    private String render(ServiceSearch search, ServiceForm form, Map<String, String> errors, Model model) {
        CurrentUser user = CurrentUser.require();
        model.addAttribute("search", search);
        model.addAttribute("results", directory.search(search));
        model.addAttribute("own", directory.search(new ServiceSearch(null, null, null, null, null, null)).stream()
                .filter(s -> s.organisationId().equals(user.organisationId())).toList());
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("types", ServiceType.values());
        model.addAttribute("sexes", new String[] {"FEMALE", "MALE", "INTERSEX"});
        model.addAttribute("canPublish", user.can(Permission.ADMIN_ORGANISATION) || user.can(Permission.REFERRAL_RECEIVE));
        return "referrals/services";
    }
}
