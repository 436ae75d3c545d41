package org.haven.reporting.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.haven.reporting.IdentifiedExports;
import org.haven.security.CurrentUser;
import org.haven.shared.web.Conflict;
import org.haven.shared.web.InvalidInput;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Identified exports as pages: the organisation's requests, a form to request one, approve and refuse for a second
 * person, and the download (password typed into a form field, sent in the request body, never in a URL). The request
 * id travels as a form field rather than in the path so that no identifier of a request appears in access logs.
 */
@Controller
@PreAuthorize("hasAnyAuthority('CASE_READ', 'CASE_SUPERVISE', 'ADMIN_ORGANISATION')")
class IdentifiedExportController {

    private final IdentifiedExports exports;

    IdentifiedExportController(IdentifiedExports exports) {
        this.exports = exports;
    }

    @GetMapping("/reports/identified-exports")
    String page(Model model) {
        return render(model, Map.of(), "", "", "");
    }

    @PostMapping("/reports/identified-exports")
    @PreAuthorize("hasAuthority('CASE_READ')")
    String request(@RequestParam(name = "caseCodes", defaultValue = "") String caseCodes,
            @RequestParam(name = "proceedingReference", defaultValue = "") String reference,
            @RequestParam(name = "purpose", defaultValue = "") String purpose, Model model,
            RedirectAttributes redirect) {
        try {
            exports.requestByCodes(codes(caseCodes), reference, purpose);
        } catch (InvalidInput e) {
            Map<String, String> errors = new LinkedHashMap<>();
            e.errors().forEach(f -> errors.putIfAbsent(f.field(), f.code()));
            model.addAttribute("unknownCodes", unknownCodes(e));
            return render(model, errors, caseCodes, reference, purpose);
        }
        redirect.addFlashAttribute("done", "reporting.identified.requested");
        return "redirect:/reports/identified-exports";
    }

    @PostMapping("/reports/identified-exports/approve")
    @PreAuthorize("hasAnyAuthority('CASE_SUPERVISE', 'ADMIN_ORGANISATION')")
    String approve(@RequestParam("id") UUID id, @RequestParam(name = "version", defaultValue = "0") int version,
            RedirectAttributes redirect) {
        exports.approve(id, version);
        redirect.addFlashAttribute("done", "reporting.identified.approved");
        return "redirect:/reports/identified-exports";
    }

    @PostMapping("/reports/identified-exports/refuse")
    @PreAuthorize("hasAnyAuthority('CASE_SUPERVISE', 'ADMIN_ORGANISATION')")
    String refuse(@RequestParam("id") UUID id, @RequestParam(name = "version", defaultValue = "0") int version,
            RedirectAttributes redirect) {
        exports.refuse(id, version);
        redirect.addFlashAttribute("done", "reporting.identified.refused");
        return "redirect:/reports/identified-exports";
    }

    /** The encrypted file. The password arrives in the form body and goes straight to the service as a char array. */
    @PostMapping("/reports/identified-exports/download")
    @PreAuthorize("hasAuthority('CASE_READ')")
    Object download(@RequestParam("id") UUID id, @RequestParam(name = "password", defaultValue = "") String password,
            @RequestParam(name = "passwordRepeat", defaultValue = "") String repeat, Model model) {
        if (!password.equals(repeat)) {
            return render(model, Map.of("password", "reporting.identified.password.mismatch"), "", "", "");
        }
        IdentifiedExports.ExportFile file;
        try {
            file = exports.download(id, password.toCharArray(), "web");
        } catch (InvalidInput e) {
            return render(model, Map.of("password", "reporting.identified.password.short"), "", "", "");
        } catch (Conflict e) {
            return render(model, Map.of("global", "reporting.identified.notApproved"), "", "", "");
        }
        return ReportsController.download(file.content(), file.fileName(), MediaType.parseMediaType("application/zip"));
    }

    /** The codes of a text area: one per line (commas, semicolons and spaces separate too). */
    static List<String> codes(String text) {
        List<String> codes = new ArrayList<>();
        for (String token : text.split("[\\s,;]+")) {
            if (!token.isBlank()) {
                codes.add(token.strip());
            }
        }
        return codes;
    }

    /** The codes a "no case you can open has this code" error names (the codes the user typed), or "". */
    static String unknownCodes(InvalidInput e) {
        return e.errors().stream().filter(f -> "reporting.identified.codes.notFound".equals(f.code()))
                .map(f -> f.message().substring(f.message().indexOf(": ") + 2)).findFirst().orElse("");
    }

    private String render(Model model, Map<String, String> errors, String caseCodes, String reference, String purpose) {
        CurrentUser user = CurrentUser.require();
        model.addAttribute("requests", exports.list());
        model.addAttribute("myUserId", user.userId());
        model.addAttribute("mayRequest", user.can(org.haven.security.Permission.CASE_READ));
        model.addAttribute("mayDecide", IdentifiedExports.mayDecide(user));
        model.addAttribute("minPassword", IdentifiedExports.MIN_PASSWORD);
        model.addAttribute("errors", errors);
        model.addAttribute("caseCodes", caseCodes);
        model.addAttribute("proceedingReference", reference);
        model.addAttribute("purpose", purpose);
        return "reporting/identified-exports";
    }
}
