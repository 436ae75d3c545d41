package org.haven.prevention.web;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpSession;

import org.haven.prevention.Activity;
import org.haven.prevention.ActivityDraft;
import org.haven.prevention.Audience;
import org.haven.prevention.CampaignDraft;
import org.haven.prevention.OutreachManagement;
import org.haven.prevention.OutreachManagement.ActivityFilter;
import org.haven.prevention.OutreachMethod;
import org.haven.shared.web.Forbidden;
import org.haven.shared.web.InvalidInput;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Outreach pages: activity list, record/edit an activity, campaigns, spreadsheet upload with preview. */
@Controller
@RequestMapping("/outreach")
@PreAuthorize("hasAuthority('OUTREACH_READ')")
class OutreachController {

    /** The activity form. {@code audience} holds the 15 counts in {@link Audience#COLUMNS} order. */
    record ActivityForm(UUID campaignId, OutreachMethod method, @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
            String placeCode, List<Integer> audience, String facilitators, String materials, String notes,
            Integer version) {

        static ActivityForm empty() {
            return new ActivityForm(null, null, org.haven.shared.HavenClock.today(), null, Audience.none().counts(), null, null, null, null);
        }

        static ActivityForm of(Activity a) {
            return new ActivityForm(a.campaignId(), a.method(), a.date(), a.placeCode(), a.audience().counts(),
                    a.facilitators(), a.materials(), a.notes(), a.version());
        }

        ActivityDraft draft() {
            List<Integer> counts = audience == null || audience.size() != Audience.COLUMNS.size()
                    ? Audience.none().counts() : audience;
            return new ActivityDraft(campaignId, method, date, placeCode, new Audience(counts), facilitators,
                    materials, notes);
        }
    }

    record CampaignForm(String name, String funder, String approach,
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate startDate,
            @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate endDate) {

        CampaignDraft draft() {
            return new CampaignDraft(name, funder, approach, startDate, endDate);
        }
    }

    private static final String UPLOAD_KEY = "outreach.upload.";
    private static final int PAGE = 50;

    private final OutreachManagement outreach;

    OutreachController(OutreachManagement outreach) {
        this.outreach = outreach;
    }

    @ModelAttribute("methods")
    OutreachMethod[] methods() {
        return OutreachMethod.values();
    }

    @ModelAttribute("bands")
    List<String> bands() {
        return Audience.BANDS;
    }

    @ModelAttribute("sexes")
    Audience.Sex[] sexes() {
        return Audience.Sex.values();
    }

    @ModelAttribute("canWrite")
    boolean canWrite() {
        return org.haven.security.CurrentUser.find().map(u -> u.can(org.haven.security.Permission.OUTREACH_WRITE))
                .orElse(false);
    }

    @ModelAttribute("audienceColumns")
    List<String> audienceColumns() {
        return Audience.COLUMNS;
    }

    @GetMapping
    String list(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) String place, @RequestParam(defaultValue = "0") int page, Model model) {
        model.addAttribute("activities", outreach.activities(new ActivityFilter(from, to, place, null), page, PAGE + 1));
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("place", place);
        model.addAttribute("page", page);
        model.addAttribute("pageSize", PAGE);
        return "prevention/activities";
    }

    @GetMapping("/activities/new")
    @PreAuthorize("hasAuthority('OUTREACH_WRITE')")
    String newActivity(Model model) {
        return activityForm(model, ActivityForm.empty(), null, Map.of());
    }

    @PostMapping("/activities")
    @PreAuthorize("hasAuthority('OUTREACH_WRITE')")
    String create(ActivityForm form, Model model, RedirectAttributes redirect) {
        try {
            UUID id = outreach.recordActivity(form.draft());
            redirect.addFlashAttribute("saved", true);
            return "redirect:/outreach/activities/" + id;
        } catch (InvalidInput e) {
            return activityForm(model, form, null, codes(e));
        }
    }

    @GetMapping("/activities/{id}")
    String show(@PathVariable UUID id, Model model) {
        model.addAttribute("activity", outreach.activity(id));
        return "prevention/activity";
    }

    @GetMapping("/activities/{id}/edit")
    @PreAuthorize("hasAuthority('OUTREACH_WRITE')")
    String edit(@PathVariable UUID id, Model model) {
        Activity a = outreach.activity(id);
        if (!a.editable()) {
            throw new Forbidden("activity of another organisation");
        }
        return activityForm(model, ActivityForm.of(a), id, Map.of());
    }

    @PostMapping("/activities/{id}")
    @PreAuthorize("hasAuthority('OUTREACH_WRITE')")
    String update(@PathVariable UUID id, ActivityForm form, Model model, RedirectAttributes redirect) {
        try {
            outreach.updateActivity(id, form.version() == null ? -1 : form.version(), form.draft());
            redirect.addFlashAttribute("saved", true);
            return "redirect:/outreach/activities/" + id;
        } catch (InvalidInput e) {
            return activityForm(model, form, id, codes(e));
        }
    }

    private String activityForm(Model model, ActivityForm form, UUID id, Map<String, String> errors) {
        model.addAttribute("form", form);
        model.addAttribute("activityId", id);
        model.addAttribute("errors", errors);
        model.addAttribute("campaigns", outreach.ownCampaigns());
        return "prevention/activity-form";
    }

    // ---- campaigns

    @GetMapping("/campaigns")
    String campaigns(Model model) {
        model.addAttribute("campaigns", outreach.campaigns(null));
        return "prevention/campaigns";
    }

    @GetMapping("/campaigns/new")
    @PreAuthorize("hasAuthority('OUTREACH_WRITE')")
    String newCampaign(Model model) {
        model.addAttribute("form", new CampaignForm(null, null, null, null, null));
        model.addAttribute("errors", Map.of());
        return "prevention/campaign-form";
    }

    @PostMapping("/campaigns")
    @PreAuthorize("hasAuthority('OUTREACH_WRITE')")
    String createCampaign(CampaignForm form, Model model, RedirectAttributes redirect) {
        try {
            outreach.createCampaign(form.draft());
            redirect.addFlashAttribute("saved", true);
            return "redirect:/outreach/campaigns";
        } catch (InvalidInput e) {
            model.addAttribute("form", form);
            model.addAttribute("errors", codes(e));
            return "prevention/campaign-form";
        }
    }

    // ---- bulk upload: upload -> preview (file kept in the session) -> confirm

    @GetMapping("/upload")
    @PreAuthorize("hasAuthority('OUTREACH_WRITE')")
    String uploadForm() {
        return "prevention/upload";
    }

    @GetMapping(value = "/upload/template.csv")
    @PreAuthorize("hasAuthority('OUTREACH_WRITE')")
    ResponseEntity<String> template() {
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"outreach-activities.csv\"")
                .body(outreach.uploadTemplateCsv());
    }

    @PostMapping("/upload")
    @PreAuthorize("hasAuthority('OUTREACH_WRITE')")
    String preview(@RequestParam("file") MultipartFile file, HttpSession session, Model model) throws IOException {
        byte[] content = file.getBytes();
        try {
            OutreachManagement.UploadPreview preview = outreach.previewUpload(file.getOriginalFilename(), content);
            String token = UUID.randomUUID().toString();
            if (preview.savable()) {
                session.setAttribute(UPLOAD_KEY + token, new StoredUpload(file.getOriginalFilename(), content));
            }
            model.addAttribute("preview", preview);
            model.addAttribute("token", token);
            model.addAttribute("filename", file.getOriginalFilename());
        } catch (InvalidInput e) {
            model.addAttribute("fileError", e.errors().get(0).message());
        }
        return "prevention/upload";
    }

    @PostMapping("/upload/confirm")
    @PreAuthorize("hasAuthority('OUTREACH_WRITE')")
    String confirm(@RequestParam String token, HttpSession session, Model model, RedirectAttributes redirect) {
        Object stored = session.getAttribute(UPLOAD_KEY + token);
        session.removeAttribute(UPLOAD_KEY + token);
        if (!(stored instanceof StoredUpload upload)) {
            model.addAttribute("fileError", "expired");
            return "prevention/upload";
        }
        // Validated again on save: campaigns or places may have changed since the preview.
        try {
            List<UUID> ids = outreach.saveUpload(upload.filename(), upload.content());
            redirect.addFlashAttribute("uploaded", ids.size());
            return "redirect:/outreach";
        } catch (InvalidInput e) {
            model.addAttribute("preview", outreach.previewUpload(upload.filename(), upload.content()));
            return "prevention/upload";
        }
    }

    record StoredUpload(String filename, byte[] content) implements java.io.Serializable {
    }

    static Map<String, String> codes(InvalidInput e) {
        return e.errors().stream().filter(x -> x.field() != null)
                .collect(Collectors.toMap(InvalidInput.FieldError::field, InvalidInput.FieldError::code, (a, b) -> a));
    }

}
