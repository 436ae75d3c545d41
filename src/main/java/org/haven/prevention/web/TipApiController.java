package org.haven.prevention.web;

import java.util.List;
import java.util.UUID;

import org.haven.prevention.TipDesk;
import org.haven.prevention.TipStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/tips}: the triage queue for designated organisations (submission is the public HTML form). */
@RestController
@RequestMapping("/api/v1/tips")
@PreAuthorize("hasAuthority('TIP_TRIAGE')")
class TipApiController {

    record TriageRequest(TipStatus status, String convertedTo, Integer version) {
    }

    private final TipDesk tips;

    TipApiController(TipDesk tips) {
        this.tips = tips;
    }

    @GetMapping
    List<TipDesk.TipSummary> queue(@RequestParam(required = false) TipStatus status,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return tips.queue(status, page, Math.min(Math.max(size, 1), 200));
    }

    @GetMapping("/{id}")
    TipDesk.TipDetail tip(@PathVariable UUID id) {
        return tips.open(id);
    }

    @PostMapping("/{id}/triage")
    TipDesk.TipDetail triage(@PathVariable UUID id, @RequestBody TriageRequest request) {
        tips.triage(id, request.version() == null ? -1 : request.version(), request.status(), request.convertedTo());
        return tips.open(id);
    }
}
