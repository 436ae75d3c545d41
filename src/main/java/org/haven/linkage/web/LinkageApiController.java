package org.haven.linkage.web;

import java.util.List;
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

    record SuspectDecisionRequest(UUID suspectA, UUID proceedingA, UUID suspectB, UUID proceedingB, String decision,
            String reason) {
    }

    /** Pairs of suspect records proposed as one person, with the scope they were found in. */
    record SuspectPairs(List<OffenderNetwork.Pair> items, int proceedings, int proceedingsInScope,
            boolean truncated) {
    }

    /**
     * Suspects resolved across proceedings and the network (police investigators and prosecutors only), optionally
     * of a period, a province, and the connected groups of a person or phone.
     */
    @GetMapping("/network")
    OffenderNetwork.Network network(@RequestParam(name = "from", required = false) String from,
            @RequestParam(name = "to", required = false) String to,
            @RequestParam(name = "province", required = false) String province,
            @RequestParam(name = "person", required = false) String person,
            @RequestParam(name = "phone", required = false) String phone) {
        return network.network(NetworkFilters.of(from, to, province, person, phone));
    }

    /** Pairs of suspects proposed as the same person across proceedings, with reasons and any decision. */
    @GetMapping("/suspects")
    SuspectPairs suspects(@RequestParam(name = "from", required = false) String from,
            @RequestParam(name = "to", required = false) String to,
            @RequestParam(name = "province", required = false) String province,
            @RequestParam(name = "person", required = false) String person,
            @RequestParam(name = "phone", required = false) String phone) {
        OffenderNetwork.Network n = network.network(NetworkFilters.of(from, to, province, person, phone));
        return new SuspectPairs(n.pairs(), n.proceedings(), n.proceedingsInScope(), n.truncated());
    }

    /** An investigator's decision on a pair of suspects: CONFIRMED, NOT_SAME or UNSURE. */
    @PostMapping("/suspects/decision")
    OffenderNetwork.Pair decideSuspects(@RequestBody SuspectDecisionRequest request) {
        return network.decide(request.suspectA(), request.proceedingA(), request.suspectB(), request.proceedingB(),
                request.decision(), request.reason());
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
