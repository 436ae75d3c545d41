package org.haven.linkage.web;

import java.util.UUID;

import org.haven.linkage.OffenderNetwork;
import org.haven.linkage.RecordLinkage;
import org.haven.shared.web.InvalidInput;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Pages of the review queue, the de-duplicated counts and the offender network. */
@Controller
class LinkageController {

    private final RecordLinkage linkage;
    private final OffenderNetwork network;

    LinkageController(RecordLinkage linkage, OffenderNetwork network) {
        this.linkage = linkage;
        this.network = network;
    }

    /** The offender network (police investigators and prosecutors). */
    @GetMapping("/linkage/network")
    String network(Model model) {
        OffenderNetwork.Network n = network.network();
        model.addAttribute("network", n);
        model.addAttribute("drawing", NetworkLayout.draw(n));
        model.addAttribute("people", n.nodes().stream().filter(x -> x.kind() == OffenderNetwork.Kind.PERSON)
                .toList());
        return "linkage/network";
    }

    @GetMapping("/linkage/candidates")
    String queue(@RequestParam(name = "status", required = false) String status,
            @RequestParam(name = "page", defaultValue = "0") int page, Model model) {
        model.addAttribute("result", linkage.candidates(status, page, 20));
        model.addAttribute("status", status == null ? "" : status);
        return "linkage/candidates";
    }

    @GetMapping("/linkage/candidates/{id}")
    String candidate(@PathVariable("id") UUID id, Model model) {
        model.addAttribute("c", linkage.candidate(id));
        return "linkage/candidate";
    }

    @PostMapping("/linkage/candidates/{id}/decision")
    String decide(@PathVariable("id") UUID id, @RequestParam(name = "decision", required = false) String decision,
            @RequestParam(name = "reason", required = false) String reason, Model model) {
        try {
            linkage.decide(id, decision, reason);
        } catch (InvalidInput e) {
            model.addAttribute("c", linkage.candidate(id));
            model.addAttribute("errors", e.errors().stream().filter(x -> x.field() != null).collect(
                    java.util.stream.Collectors.toMap(InvalidInput.FieldError::field, InvalidInput.FieldError::code,
                            (a, b) -> a)));
            model.addAttribute("decision", decision);
            model.addAttribute("reason", reason);
            return "linkage/candidate";
        }
        return "redirect:/linkage/candidates/" + id + "?decided";
    }

    @GetMapping("/linkage/counts")
    String counts(Model model) {
        model.addAttribute("counts", linkage.deduplicatedCounts());
        return "linkage/counts";
    }
}
