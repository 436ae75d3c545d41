package org.haven.linkage.web;

import java.util.UUID;

import org.haven.linkage.RecordLinkage;
import org.haven.linkage.RecordLinkage.CandidatePage;
import org.haven.linkage.RecordLinkage.CandidateView;
import org.haven.linkage.RecordLinkage.DeduplicatedCounts;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/linkage}: the review queue of possible duplicate survivors (case supervisors) and the de-duplicated
 * counts (aggregate reports). Access and audit are enforced by {@link RecordLinkage}.
 */
@RestController
@RequestMapping("/api/v1/linkage")
class LinkageApiController {

    record DecisionRequest(String decision, String reason) {
    }

    private final RecordLinkage linkage;

    LinkageApiController(RecordLinkage linkage) {
        this.linkage = linkage;
    }

    @GetMapping("/candidates")
    CandidatePage candidates(@RequestParam(name = "status", required = false) String status,
            @RequestParam(name = "page", defaultValue = "0") int page,
            @RequestParam(name = "size", defaultValue = "20") int size) {
        return linkage.candidates(status, page, size);
    }

    @GetMapping("/candidates/{id}")
    CandidateView candidate(@PathVariable("id") UUID id) {
        return linkage.candidate(id);
    }

    @PostMapping("/candidates/{id}/decision")
    CandidateView decide(@PathVariable("id") UUID id, @RequestBody DecisionRequest request) {
        return linkage.decide(id, request.decision(), request.reason());
    }

    @GetMapping("/counts")
    DeduplicatedCounts counts() {
        return linkage.deduplicatedCounts();
    }
}
