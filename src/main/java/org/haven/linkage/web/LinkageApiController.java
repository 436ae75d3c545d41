package org.haven.linkage.web;

import java.util.UUID;

import org.haven.cases.CaseCommands.SurvivorIdentity;
import org.haven.cases.CaseCommands.SurvivorProfile;
import org.haven.linkage.OffenderNetwork;
import org.haven.linkage.RecordLinkage;
import org.haven.linkage.RegistrationCheck;
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
 * {@code /api/v1/linkage}: the review queue of possible duplicate survivors (case supervisors), the de-duplicated
 * counts (aggregate reports) and the duplicate check at registration (those who register survivors). Access and audit are enforced by {@link RecordLinkage}.
 */
@RestController
@RequestMapping("/api/v1/linkage")
class LinkageApiController {

    record DecisionRequest(String decision, String reason) {
    }

    record RegistrationCheckRequest(SurvivorIdentity identity, SurvivorProfile profile) {
    }

    private final RecordLinkage linkage;
    private final RegistrationCheck registrationCheck;
    private final OffenderNetwork network;

    LinkageApiController(RecordLinkage linkage, RegistrationCheck registrationCheck, OffenderNetwork network) {
        this.linkage = linkage;
        this.registrationCheck = registrationCheck;
        this.network = network;
    }

    /** Suspects resolved across proceedings and the network (police investigators and prosecutors only). */
    @GetMapping("/network")
    OffenderNetwork.Network network() {
        return network.network();
    }

    /** The duplicate check before registering: within the organisation and, without revealing it, elsewhere. */
    @PostMapping("/registration-check")
    RegistrationCheck.Result registrationCheck(@RequestBody RegistrationCheckRequest request) {
        return registrationCheck.check(request.identity(), request.profile());
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
