package org.haven.prevention.web;

import java.io.IOException;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.haven.prevention.Activity;
import org.haven.prevention.ActivityDraft;
import org.haven.prevention.Audience;
import org.haven.prevention.Campaign;
import org.haven.prevention.CampaignDraft;
import org.haven.prevention.OutreachManagement;
import org.haven.prevention.OutreachManagement.ActivityFilter;
import org.haven.prevention.OutreachMethod;
import org.haven.shared.web.InvalidInput;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** {@code /api/v1/outreach}: campaigns and outreach activities, and spreadsheet upload (dry run or save). */
@RestController
@RequestMapping("/api/v1/outreach")
@PreAuthorize("hasAuthority('OUTREACH_READ')")
class OutreachApiController {

    /** Audience as a map {@code f_0_11 -> 12}; missing keys are 0. */
    record ActivityRequest(UUID campaignId, OutreachMethod method, LocalDate date, String placeCode,
            Map<String, Integer> audience, String facilitators, String materials, String notes, Integer version) {

        ActivityDraft draft() {
            List<Integer> counts = Audience.COLUMNS.stream()
                    .map(c -> audience == null ? 0 : audience.getOrDefault(c, 0)).toList();
            return new ActivityDraft(campaignId, method, date, placeCode, new Audience(counts), facilitators,
                    materials, notes);
        }
    }

    record ActivityResponse(UUID id, UUID organisationId, String organisationName, UUID campaignId,
            OutreachMethod method, LocalDate date, String placeCode, String placeName, Map<String, Integer> audience,
            int audienceTotal, String facilitators, String materials, String notes, int version) {

        static ActivityResponse of(Activity a) {
            Map<String, Integer> audience = new java.util.LinkedHashMap<>();
            for (int i = 0; i < Audience.COLUMNS.size(); i++) {
                audience.put(Audience.COLUMNS.get(i), a.audience().counts().get(i));
            }
            return new ActivityResponse(a.id(), a.organisationId(), a.organisationName(), a.campaignId(), a.method(),
                    a.date(), a.placeCode(), a.placeName(), audience, a.audience().total(), a.facilitators(),
                    a.materials(), a.notes(), a.version());
        }
    }

    record ActivityPage(List<ActivityResponse> items, int page, int size, boolean hasMore) {
    }

    record CampaignRequest(String name, String funder, String approach, LocalDate startDate, LocalDate endDate,
            Integer version) {
    }

    record Created(UUID id) {
    }

    record UploadResult(boolean saved, int rows, int errorRows, List<UUID> ids,
            List<OutreachManagement.UploadRow> problems) {
    }

    private final OutreachManagement outreach;

    OutreachApiController(OutreachManagement outreach) {
        this.outreach = outreach;
    }

    @GetMapping("/activities")
    ActivityPage activities(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) String place, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "50") int size) {
        if (page < 0 || size < 1 || size > 500) {
            throw InvalidInput.of("size", "outreach.paging", "page >= 0 and size 1-500");
        }
        List<Activity> found = outreach.activities(new ActivityFilter(from, to, place, null), page, size + 1);
        boolean more = found.size() > size;
        return new ActivityPage((more ? found.subList(0, size) : found).stream().map(ActivityResponse::of).toList(),
                page, size, more);
    }

    @GetMapping("/activities/{id}")
    ActivityResponse activity(@PathVariable UUID id) {
        return ActivityResponse.of(outreach.activity(id));
    }

    @PostMapping("/activities")
    @PreAuthorize("hasAuthority('OUTREACH_WRITE')")
    ResponseEntity<Created> record(@RequestBody ActivityRequest request) {
        UUID id = outreach.recordActivity(request.draft());
        return ResponseEntity.created(URI.create("/api/v1/outreach/activities/" + id)).body(new Created(id));
    }

    @PutMapping("/activities/{id}")
    @PreAuthorize("hasAuthority('OUTREACH_WRITE')")
    ActivityResponse update(@PathVariable UUID id, @RequestBody ActivityRequest request) {
        if (request.version() == null) {
            throw InvalidInput.of("version", "outreach.version", "version is required");
        }
        outreach.updateActivity(id, request.version(), request.draft());
        return ActivityResponse.of(outreach.activity(id));
    }

    /** Checks ({@code dryRun=true}, the default) or saves a CSV/XLSX file; a file with any error saves nothing. */
    @PostMapping("/activities/upload")
    @PreAuthorize("hasAuthority('OUTREACH_WRITE')")
    UploadResult upload(@RequestParam("file") MultipartFile file, @RequestParam(defaultValue = "true") boolean dryRun)
            throws IOException {
        byte[] content = file.getBytes();
        OutreachManagement.UploadPreview preview = outreach.previewUpload(file.getOriginalFilename(), content);
        List<OutreachManagement.UploadRow> problems = preview.rows().stream().filter(r -> !r.errors().isEmpty())
                .map(r -> new OutreachManagement.UploadRow(r.number(), Map.of(), r.errors())).toList();
        if (dryRun || !preview.savable()) {
            if (!dryRun) {
                // Same shape as any 400: problem+json listing every bad cell.
                outreach.saveUpload(file.getOriginalFilename(), content);
            }
            return new UploadResult(false, preview.rows().size(), preview.errorRows(), List.of(), problems);
        }
        List<UUID> ids = outreach.saveUpload(file.getOriginalFilename(), content);
        return new UploadResult(true, ids.size(), 0, ids, List.of());
    }

    @GetMapping("/campaigns")
    List<Campaign> campaigns(@RequestParam(required = false) UUID organisationId) {
        return outreach.campaigns(organisationId);
    }

    @GetMapping("/campaigns/{id}")
    Campaign campaign(@PathVariable UUID id) {
        return outreach.campaign(id);
    }

    @PostMapping("/campaigns")
    @PreAuthorize("hasAuthority('OUTREACH_WRITE')")
    ResponseEntity<Created> createCampaign(@RequestBody CampaignRequest r) {
        UUID id = outreach.createCampaign(new CampaignDraft(r.name(), r.funder(), r.approach(), r.startDate(),
                r.endDate()));
        return ResponseEntity.created(URI.create("/api/v1/outreach/campaigns/" + id)).body(new Created(id));
    }

    @PutMapping("/campaigns/{id}")
    @PreAuthorize("hasAuthority('OUTREACH_WRITE')")
    Campaign updateCampaign(@PathVariable UUID id, @RequestBody CampaignRequest r) {
        if (r.version() == null) {
            throw InvalidInput.of("version", "outreach.version", "version is required");
        }
        outreach.updateCampaign(id, r.version(), new CampaignDraft(r.name(), r.funder(), r.approach(),
                r.startDate(), r.endDate()));
        return outreach.campaign(id);
    }
}
