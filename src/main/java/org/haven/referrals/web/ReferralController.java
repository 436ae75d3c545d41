package org.haven.referrals.web;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import org.haven.cases.CaseCommands.CaseSearch;
import org.haven.cases.CaseManagement;
import org.haven.cases.Vocabulary.ServiceType;
import org.haven.referrals.ReferralManagement;
import org.haven.referrals.ReferralViews.MakeReferral;
import org.haven.referrals.ReferralViews.RecordDelivery;
import org.haven.referrals.ReferralViews.ReturnStep;
import org.haven.referrals.ReferralViews.StepStatus;
import org.haven.referrals.ReferralViews.UpdateStep;
import org.haven.referrals.ReferralViews.Urgency;
import org.haven.referrals.ServiceDirectory;
import org.haven.referrals.ServiceDirectory.ServiceSearch;
import org.haven.referrals.web.ReferralForms.DeliveryForm;
import org.haven.referrals.web.ReferralForms.ReferralForm;
import org.haven.referrals.web.ReferralForms.StepForm;
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

/** Referral pages: lists, the referral form, a referral with its actions, indicators. Rules live in the service. */
@Controller
@RequestMapping("/referrals")
class ReferralController {

    private final ReferralManagement referrals;
    private final ServiceDirectory directory;
    private final CaseManagement cases;

    ReferralController(ReferralManagement referrals, ServiceDirectory directory, CaseManagement cases) {
        this.referrals = referrals;
        this.directory = directory;
        this.cases = cases;
    }

    @GetMapping
    String list(Model model) {
        model.addAttribute("outgoing", referrals.list(false, null));
        model.addAttribute("incoming", referrals.list(true, null));
        model.addAttribute("overdue", referrals.overdue());
        model.addAttribute("notifications", referrals.notifications(20));
        model.addAttribute("unread", referrals.unreadNotifications());
        model.addAttribute("supervisor", CurrentUser.require().can(Permission.CASE_SUPERVISE));
        return "referrals/list";
    }

    @PostMapping("/notifications/read")
    String markRead() {
        referrals.markNotificationsRead();
        return "redirect:/referrals";
    }

    @GetMapping("/new")
    @org.springframework.security.access.prepost.PreAuthorize("hasAuthority('REFERRAL_SEND')")
    String form(@RequestParam(required = false) UUID caseId, Model model) {
        return renderForm(ReferralForm.forCase(caseId), Map.of(), model);
    }

    @PostMapping
    String send(@ModelAttribute("form") ReferralForm form, Model model, RedirectAttributes redirect) {
        UUID id;
        try {
            id = referrals.send(new MakeReferral(form.caseId(), form.toOrganisationId(), form.services(), form.reason(),
                    form.urgency(), form.overrideReason()));
        } catch (InvalidInput e) {
            return renderForm(form, ReferralForms.errors(e), model);
        } catch (Conflict e) {
            return renderForm(form, ReferralForms.errors(e), model);
        }
        redirect.addFlashAttribute("done", "referrals.sent");
        return "redirect:/referrals/" + id;
    }

    @GetMapping("/{id}")
    String view(@PathVariable UUID id, Model model) {
        return renderDetail(id, Map.of(), model);
    }

    @PostMapping("/{id}/accept")
    String accept(@PathVariable UUID id, Model model, RedirectAttributes redirect) {
        return act(id, model, redirect, r -> referrals.accept(r));
    }

    @PostMapping("/{id}/decline")
    String decline(@PathVariable UUID id, @RequestParam(required = false) String reason, Model model,
            RedirectAttributes redirect) {
        return act(id, model, redirect, r -> referrals.decline(r, reason));
    }

    @PostMapping("/{id}/start")
    String start(@PathVariable UUID id, Model model, RedirectAttributes redirect) {
        return act(id, model, redirect, r -> referrals.start(r));
    }

    @PostMapping("/{id}/complete")
    String complete(@PathVariable UUID id, Model model, RedirectAttributes redirect) {
        return act(id, model, redirect, r -> referrals.complete(r));
    }

    @PostMapping("/{id}/withdraw")
    String withdraw(@PathVariable UUID id, Model model, RedirectAttributes redirect) {
        return act(id, model, redirect, r -> referrals.withdraw(r));
    }

    @PostMapping("/{id}/deliveries")
    String deliver(@PathVariable UUID id, @ModelAttribute DeliveryForm form, Model model, RedirectAttributes redirect) {
        return act(id, model, redirect, r -> referrals.recordDelivery(r,
                new RecordDelivery(form.serviceType(), form.deliveredOn(), form.outcome())));
    }

    @PostMapping("/{id}/steps/{step}")
    String step(@PathVariable UUID id, @PathVariable String step, @ModelAttribute StepForm form, Model model,
            RedirectAttributes redirect) {
        return act(id, model, redirect, r -> referrals.updateStep(r, step,
                new UpdateStep(form.status(), form.dueOn(), form.doneOn())));
    }

    @GetMapping("/indicators")
    String indicators(Model model) {
        model.addAttribute("indicators", referrals.indicators());
        return "referrals/indicators";
    }

    private String act(UUID id, Model model, RedirectAttributes redirect, Consumer<UUID> action) {
        try {
            action.accept(id);
        } catch (InvalidInput e) {
            return renderDetail(id, ReferralForms.errors(e), model);
        } catch (Conflict e) {
            return renderDetail(id, ReferralForms.errors(e), model);
        }
        redirect.addFlashAttribute("done", "referrals.saved");
        return "redirect:/referrals/" + id;
    }

    private String renderDetail(UUID id, Map<String, String> errors, Model model) {
        CurrentUser user = CurrentUser.require();
        var details = referrals.view(id);
        model.addAttribute("r", details);
        model.addAttribute("errors", errors);
        model.addAttribute("myOrg", user.organisationId());
        model.addAttribute("canReceive", user.can(Permission.REFERRAL_RECEIVE) && details.summary().incoming());
        model.addAttribute("canWithdraw", user.can(Permission.REFERRAL_SEND) && !details.summary().incoming());
        model.addAttribute("stepStatuses", StepStatus.values());
        model.addAttribute("steps", ReturnStep.values());
        return "referrals/detail";
    }

    private String renderForm(ReferralForm form, Map<String, String> errors, Model model) {
        CurrentUser user = CurrentUser.require();
        var entries = directory.search(new ServiceSearch(null, null, null, null, null, null)).stream()
                .filter(s -> !s.organisationId().equals(user.organisationId())).toList();
        Map<UUID, String> organisations = new java.util.LinkedHashMap<>();
        entries.forEach(e -> organisations.putIfAbsent(e.organisationId(), e.organisationName() + " (" + e.countryCode() + ")"));
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        // Without a case chosen (e.g. from the navigation) the form offers the user's own open cases; listing them is
        // audited by the cases module as a read of those cases.
        model.addAttribute("cases", form.caseId() != null || !user.can(Permission.CASE_READ) ? List.of() : cases.findCases(CaseSearch.all(), 0, 100).items()
                .stream().filter(c -> !c.shared() && !"CLOSED".equals(c.status())).toList());
        model.addAttribute("organisations", organisations);
        model.addAttribute("entries", entries);
        model.addAttribute("types", ServiceType.values());
        model.addAttribute("urgencies", Urgency.values());
        model.addAttribute("canOverride", user.can(Permission.REFERRAL_OVERRIDE_CONSENT));
        return "referrals/form";
    }

}
