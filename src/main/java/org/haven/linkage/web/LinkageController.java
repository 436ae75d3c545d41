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
import org.springframework.web.util.UriComponentsBuilder;

/** Pages of the review queue, the de-duplicated counts and the offender network. */
@Controller
class LinkageController {

    private final RecordLinkage linkage;
    private final OffenderNetwork network;

    LinkageController(RecordLinkage linkage, OffenderNetwork network) {
        this.linkage = linkage;
        this.network = network;
    }

    /** The filter form's values as typed, to show them again. */
    record FilterForm(String from, String to, String province, String person, String phone) {

        String query() {
            return UriComponentsBuilder.newInstance().queryParam("from", nonNull(from)).queryParam("to", nonNull(to))
                    .queryParam("province", nonNull(province)).queryParam("person", nonNull(person))
                    .queryParam("phone", nonNull(phone)).encode().build().getQuery();
        }

        private static String nonNull(String s) {
            return s == null ? "" : s;
        }
    }

    /** The offender network (police investigators and prosecutors), optionally filtered. */
    @GetMapping("/linkage/network")
    String network(@RequestParam(name = "from", required = false) String from,
            @RequestParam(name = "to", required = false) String to,
            @RequestParam(name = "province", required = false) String province,
            @RequestParam(name = "person", required = false) String person,
            @RequestParam(name = "phone", required = false) String phone, Model model) {
        FilterForm form = new FilterForm(from, to, province, person, phone);
        model.addAttribute("form", form);
        OffenderNetwork.Network n;
        try {
            n = network.network(NetworkFilters.of(from, to, province, person, phone));
        } catch (InvalidInput e) {
            model.addAttribute("errors", errors(e));
            return "linkage/network";
        }
        model.addAttribute("network", n);
        model.addAttribute("drawing", NetworkLayout.draw(n));
        model.addAttribute("people", n.nodes().stream().filter(x -> x.kind() == OffenderNetwork.Kind.PERSON)
                .toList());
        model.addAttribute("suspectsQuery", form.query());
        return "linkage/network";
    }

    /** Pairs of suspects proposed as one person, to review (police investigators and prosecutors). */
    @GetMapping("/linkage/suspects")
    String suspects(@RequestParam(name = "from", required = false) String from,
            @RequestParam(name = "to", required = false) String to,
            @RequestParam(name = "province", required = false) String province,
            @RequestParam(name = "person", required = false) String person,
            @RequestParam(name = "phone", required = false) String phone, Model model) {
        return suspectsPage(new FilterForm(from, to, province, person, phone), model);
    }

    @PostMapping("/linkage/suspects/decision")
    String decideSuspects(@RequestParam(name = "suspectA", required = false) UUID suspectA,
            @RequestParam(name = "proceedingA", required = false) UUID proceedingA,
            @RequestParam(name = "suspectB", required = false) UUID suspectB,
            @RequestParam(name = "proceedingB", required = false) UUID proceedingB,
            @RequestParam(name = "decision", required = false) String decision,
            @RequestParam(name = "reason", required = false) String reason,
            @RequestParam(name = "from", required = false) String from,
            @RequestParam(name = "to", required = false) String to,
            @RequestParam(name = "province", required = false) String province,
            @RequestParam(name = "person", required = false) String person,
            @RequestParam(name = "phone", required = false) String phone, Model model) {
        FilterForm form = new FilterForm(from, to, province, person, phone);
        try {
            network.decide(suspectA, proceedingA, suspectB, proceedingB, decision, reason);
        } catch (InvalidInput e) {
            model.addAttribute("errors", errors(e));
            model.addAttribute("failedA", suspectA);
            model.addAttribute("failedB", suspectB);
            model.addAttribute("decision", decision);
            model.addAttribute("reason", reason);
            return suspectsPage(form, model);
        }
        return "redirect:/linkage/suspects?decided&" + form.query();
    }

    private String suspectsPage(FilterForm form, Model model) {
        model.addAttribute("form", form);
        try {
            model.addAttribute("network", network.network(NetworkFilters.of(form.from(), form.to(),
                    form.province(), form.person(), form.phone())));
        } catch (InvalidInput e) {
            model.addAttribute("errors", errors(e));
        }
        return "linkage/suspects";
    }

    private static java.util.Map<String, String> errors(InvalidInput e) {
        return e.errors().stream().filter(x -> x.field() != null).collect(java.util.stream.Collectors.toMap(
                InvalidInput.FieldError::field, InvalidInput.FieldError::code, (a, b) -> a));
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
