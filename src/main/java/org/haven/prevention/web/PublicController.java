package org.haven.prevention.web;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.haven.prevention.Hotlines;
import org.haven.prevention.TipCategory;
import org.haven.prevention.TipDesk;
import org.haven.prevention.TipStatus;
import org.haven.shared.web.InvalidInput;
import org.haven.shared.web.PublicPaths;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Public pages, no sign-in: safe-migration information with the hotlines, the tip form and the follow-up form.
 * Flood-limited by {@link TipFloodGuard}; CSRF-protected like every form; no network identifier is stored or logged.
 */
@Controller
class PublicController {

    record TipForm(TipCategory category, String placeCode, String description, String contact, boolean anonymous) {
    }

    record FollowUpForm(String reference, String text) {
    }

    private final Hotlines hotlines;
    private final TipDesk tips;
    private final TipFloodGuard guard;

    PublicController(Hotlines hotlines, TipDesk tips, TipFloodGuard guard) {
        this.hotlines = hotlines;
        this.tips = tips;
        this.guard = guard;
    }

    @ModelAttribute("hotlines")
    java.util.List<Hotlines.Hotline> hotlines() {
        return hotlines.active();
    }

    @GetMapping("/safe-migration")
    String safeMigration() {
        return "public/safe-migration";
    }

    @GetMapping("/tips/new")
    String tipForm(Model model) {
        return tipForm(model, new TipForm(null, null, null, null, true), java.util.Map.of());
    }

    @PostMapping("/tips")
    String submit(TipForm form, HttpServletRequest request, HttpServletResponse response, Model model,
            RedirectAttributes redirect) {
        if (!guard.allow(request.getRemoteAddr())) {
            response.setStatus(429);
            return "public/too-many";
        }
        try {
            String code = tips.submit(new TipDesk.NewTip(form.category(), form.placeCode(), form.description(),
                    form.anonymous() ? null : form.contact()));
            // Flash (session) rather than the URL: the code must not appear in addresses, history or logs.
            redirect.addFlashAttribute("reference", code);
            return "redirect:/tips/thanks";
        } catch (InvalidInput e) {
            response.setStatus(400);
            return tipForm(model, form, OutreachController.codes(e));
        }
    }

    @GetMapping("/tips/thanks")
    String thanks(Model model) {
        if (!model.containsAttribute("reference")) {
            return "redirect:/tips/new";
        }
        return "public/tip-thanks";
    }

    @GetMapping("/tips/follow-up")
    String followUpForm(Model model) {
        model.addAttribute("form", new FollowUpForm(null, null));
        model.addAttribute("errors", java.util.Map.of());
        return "public/follow-up";
    }

    @PostMapping("/tips/follow-up")
    String followUp(FollowUpForm form, HttpServletRequest request, HttpServletResponse response, Model model) {
        if (!guard.allow(request.getRemoteAddr())) {
            response.setStatus(429);
            return "public/too-many";
        }
        model.addAttribute("form", new FollowUpForm(null, form.text()));
        try {
            Optional<TipStatus> status = form.text() == null || form.text().isBlank()
                    ? tips.statusOf(form.reference())
                    : tips.addInformation(form.reference(), form.text());
            if (status.isEmpty()) {
                response.setStatus(404);
                model.addAttribute("notFound", true);
                model.addAttribute("errors", java.util.Map.of());
                return "public/follow-up";
            }
            model.addAttribute("status", status.get());
            model.addAttribute("added", form.text() != null && !form.text().isBlank());
            model.addAttribute("form", new FollowUpForm(null, null));
            model.addAttribute("errors", java.util.Map.of());
        } catch (InvalidInput e) {
            response.setStatus(400);
            model.addAttribute("errors", OutreachController.codes(e));
        }
        return "public/follow-up";
    }

    private String tipForm(Model model, TipForm form, java.util.Map<String, String> errors) {
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("categories", TipCategory.values());
        return "public/tip-form";
    }

    @Configuration(proxyBeanMethods = false)
    static class Paths {
        @Bean
        PublicPaths preventionPublicPaths() {
            return PublicPaths.of("/safe-migration", "/tips", "/tips/new", "/tips/thanks", "/tips/follow-up");
        }
    }
}
