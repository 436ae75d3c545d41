package org.haven.prosecution.web;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.haven.prosecution.Adjudication;
import org.haven.prosecution.Attrition;
import org.haven.prosecution.AttritionReport;
import org.haven.prosecution.ComplicityReport;
import org.haven.prosecution.Defendant;
import org.haven.prosecution.DropReason;
import org.haven.prosecution.ExploitationForm;
import org.haven.prosecution.Hearing;
import org.haven.prosecution.HearingCalendar;
import org.haven.prosecution.OfficialTrainings;
import org.haven.prosecution.OpenProceeding;
import org.haven.prosecution.ProceedingSummary;
import org.haven.prosecution.ProceedingView;
import org.haven.prosecution.ProsecutionTracking;
import org.haven.prosecution.ReopenReason;
import org.haven.prosecution.Stage;
import org.haven.prosecution.StatuteCatalogue;
import org.haven.prosecution.Suspect;
import org.haven.prosecution.VictimLink;
import org.haven.prosecution.VictimWitnessSupport;
import org.haven.security.CurrentUser;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * JSON API of proceedings ({@code /api/v1/proceedings}). Record-level access is decided by the services: a
 * proceeding out of reach answers 404; bad input 400, stale versions and refused transitions 409 (problem+json).
 */
@RestController
@RequestMapping("/api/v1/proceedings")
class ProceedingApiController {

    private final ProsecutionTracking tracking;
    private final Adjudication adjudication;
    private final HearingCalendar hearings;
    private final VictimWitnessSupport victims;
    private final AttritionReport attrition;
    private final StatuteCatalogue statutes;
    private final OfficialTrainings trainings;
    private final ComplicityReport complicity;

    ProceedingApiController(ProsecutionTracking tracking, Adjudication adjudication, HearingCalendar hearings,
            VictimWitnessSupport victims, AttritionReport attrition, StatuteCatalogue statutes,
            OfficialTrainings trainings, ComplicityReport complicity) {
        this.complicity = complicity;
        this.tracking = tracking;
        this.adjudication = adjudication;
        this.hearings = hearings;
        this.victims = victims;
        this.attrition = attrition;
        this.statutes = statutes;
        this.trainings = trainings;
    }

    record Created(UUID id) {
    }

    record Page<T>(List<T> items, int limit, int offset) {
    }

    @GetMapping
    Page<ProceedingSummary> list(@RequestParam(required = false) Stage stage,
            @RequestParam(defaultValue = "50") int limit, @RequestParam(defaultValue = "0") int offset) {
        return new Page<>(tracking.list(stage, limit, offset), limit, offset);
    }

    @PostMapping
    ResponseEntity<Created> open(@RequestBody OpenProceeding body) {
        UUID id = tracking.open(body);
        return ResponseEntity.created(URI.create("/api/v1/proceedings/" + id)).body(new Created(id));
    }

    @GetMapping("/{id}")
    ProceedingView get(@PathVariable UUID id) {
        return tracking.get(id);
    }

    record Edit(int version, String provinceCode, String court, String policeReportNo, String courtCaseNo,
            ExploitationForm exploitationForm) {
    }

    @PutMapping("/{id}")
    ProceedingView edit(@PathVariable UUID id, @RequestBody Edit body) {
        tracking.edit(id, body.version(), body.provinceCode(), body.court(), body.policeReportNo(), body.courtCaseNo(),
                body.exploitationForm());
        return tracking.get(id);
    }

    record Move(int version, Stage to, LocalDate on, DropReason reason) {
    }

    @PostMapping("/{id}/stage")
    ProceedingView move(@PathVariable UUID id, @RequestBody Move body) {
        tracking.move(id, body.version(), body.to(), body.on(), body.reason());
        return tracking.get(id);
    }

    record Reopen(int version, LocalDate on, ReopenReason reason) {
    }

    @PostMapping("/{id}/reopen")
    ProceedingView reopen(@PathVariable UUID id, @RequestBody Reopen body) {
        tracking.reopen(id, body.version(), body.on(), body.reason());
        return tracking.get(id);
    }

    @PostMapping("/{id}/agencies")
    ProceedingView agency(@PathVariable UUID id, @RequestBody OpenProceeding.Agency body) {
        tracking.addAgency(id, body.organisationId(), body.role());
        return tracking.get(id);
    }

    // --- suspects, charges, verdicts

    @GetMapping("/{id}/defendants")
    List<Defendant> defendants(@PathVariable UUID id) {
        return adjudication.defendants(id);
    }

    record NewDefendant(Suspect.RecordSuspect suspect, UUID existingSuspectId, Suspect.SchemeRole role) {
    }

    @PostMapping("/{id}/defendants")
    ResponseEntity<Created> addDefendant(@PathVariable UUID id, @RequestBody NewDefendant body) {
        if (body.existingSuspectId() != null) {
            adjudication.addDefendant(id, body.existingSuspectId(), body.role());
            return ResponseEntity.status(201).body(new Created(body.existingSuspectId()));
        }
        if (body.suspect() == null) {
            throw org.haven.shared.web.InvalidInput.of("suspect", "suspect.name.required",
                    "Give the suspect, or the id of one already recorded.");
        }
        return ResponseEntity.status(201).body(new Created(adjudication.recordSuspect(id, body.suspect(), body.role())));
    }

    record LinkCase(int version, UUID caseId) {
    }

    @PutMapping("/suspects/{suspectId}/case")
    ResponseEntity<Void> linkSuspectToCase(@PathVariable UUID suspectId, @RequestBody LinkCase body) {
        adjudication.linkSuspectToCase(suspectId, body.version(), body.caseId());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/suspects/search")
    List<Suspect> searchSuspects(@RequestBody Suspect.Identifier body) {
        return adjudication.findByIdentifier(body.kind(), body.value());
    }

    record NewCharge(String statuteCode, LocalDate filedOn) {
    }

    @PostMapping("/{id}/defendants/{suspectId}/charges")
    ResponseEntity<Created> charge(@PathVariable UUID id, @PathVariable UUID suspectId, @RequestBody NewCharge body) {
        return ResponseEntity.status(201)
                .body(new Created(adjudication.fileCharge(id, suspectId, body.statuteCode(), body.filedOn())));
    }

    record ChargeOutcome(int version, Defendant.ChargeOutcome outcome, String reducedTo) {
    }

    @PutMapping("/{id}/charges/{chargeId}")
    ResponseEntity<Void> chargeOutcome(@PathVariable UUID id, @PathVariable UUID chargeId,
            @RequestBody ChargeOutcome body) {
        adjudication.recordChargeOutcome(id, chargeId, body.version(), body.outcome(), body.reducedTo());
        return ResponseEntity.noContent().build();
    }

    record Verdict(int version, Defendant.Verdict verdict, LocalDate on, Integer prisonMonths, Boolean suspended,
            BigDecimal fineAmount, String fineCurrency) {
    }

    @PutMapping("/{id}/defendants/{suspectId}/verdict")
    ResponseEntity<Void> verdict(@PathVariable UUID id, @PathVariable UUID suspectId, @RequestBody Verdict body) {
        adjudication.recordVerdict(id, suspectId, body.version(), new Adjudication.RecordVerdict(body.verdict(),
                body.on(), body.prisonMonths(), body.suspended(), body.fineAmount(), body.fineCurrency()));
        return ResponseEntity.noContent().build();
    }

    record NewAppeal(UUID suspectId, Adjudication.AppellantSide lodgedBy, LocalDate lodgedOn) {
    }

    @PostMapping("/{id}/appeals")
    ResponseEntity<Created> appeal(@PathVariable UUID id, @RequestBody NewAppeal body) {
        return ResponseEntity.status(201)
                .body(new Created(adjudication.lodgeAppeal(id, body.suspectId(), body.lodgedBy(), body.lodgedOn())));
    }

    // --- hearings

    @GetMapping("/{id}/hearings")
    List<Hearing> hearings(@PathVariable UUID id) {
        return hearings.hearings(id);
    }

    record NewHearing(Instant scheduledAt, String court, Hearing.Type type, Boolean survivorTestifies,
            Set<Hearing.Measure> measures) {
    }

    @PostMapping("/{id}/hearings")
    ResponseEntity<Created> schedule(@PathVariable UUID id, @RequestBody NewHearing body) {
        return ResponseEntity.status(201).body(new Created(hearings.schedule(id, new HearingCalendar.ScheduleHearing(
                body.scheduledAt(), body.court(), body.type(), Boolean.TRUE.equals(body.survivorTestifies()), body.measures()))));
    }

    record HearingOutcome(int version, Hearing.Outcome outcome) {
    }

    @PutMapping("/{id}/hearings/{hearingId}")
    ResponseEntity<Void> hearingOutcome(@PathVariable UUID id, @PathVariable UUID hearingId,
            @RequestBody HearingOutcome body) {
        hearings.recordOutcome(id, hearingId, body.version(), body.outcome());
        return ResponseEntity.noContent().build();
    }

    // --- victims and witnesses

    @GetMapping("/{id}/victims")
    List<VictimLink> victims(@PathVariable UUID id) {
        return victims.victims(id);
    }

    record NewVictim(UUID caseId, VictimLink.Role role) {
    }

    @PostMapping("/{id}/victims")
    ResponseEntity<Created> link(@PathVariable UUID id, @RequestBody NewVictim body) {
        return ResponseEntity.status(201).body(new Created(victims.link(id, body.caseId(), body.role())));
    }

    record SafetyAndCooperation(int version, Set<VictimLink.SafetyConcern> safetyConcerns,
            VictimLink.Cooperation cooperation, LocalDate cooperationOn) {
    }

    @PutMapping("/{id}/victims/{victimId}")
    ResponseEntity<Void> cooperation(@PathVariable UUID id, @PathVariable UUID victimId,
            @RequestBody SafetyAndCooperation body) {
        victims.recordSafetyAndCooperation(id, victimId, body.version(), body.safetyConcerns(), body.cooperation(),
                body.cooperationOn());
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{id}/victims/{victimId}/support")
    ResponseEntity<Void> support(@PathVariable UUID id, @PathVariable UUID victimId,
            @RequestBody VictimLink.Support body) {
        victims.recordSupport(id, victimId, body.kind(), body.givenOn());
        return ResponseEntity.status(201).build();
    }

    @GetMapping("/{id}/compensation")
    List<VictimWitnessSupport.CompensationLine> compensation(@PathVariable UUID id) {
        return victims.compensation(id);
    }

    record NewCompensation(UUID victimId, UUID suspectId, BigDecimal amount, String currency, LocalDate orderedOn) {
    }

    @PostMapping("/{id}/compensation")
    ResponseEntity<Created> order(@PathVariable UUID id, @RequestBody NewCompensation body) {
        return ResponseEntity.status(201).body(new Created(victims.orderCompensation(id, body.victimId(),
                body.suspectId(), body.amount(), body.currency(), body.orderedOn())));
    }

    record Payment(BigDecimal amount, LocalDate paidOn) {
    }

    @PostMapping("/{id}/compensation/{compensationId}/payments")
    ResponseEntity<Void> pay(@PathVariable UUID id, @PathVariable UUID compensationId, @RequestBody Payment body) {
        victims.recordPayment(id, compensationId, body.amount(), body.paidOn());
        return ResponseEntity.status(201).build();
    }

    // --- catalogue, statistics, trainings

    @GetMapping("/statutes")
    List<StatuteCatalogue.Article> statutes(@RequestParam(required = false) String country) {
        return statutes.forCountry(country == null ? CurrentUser.require().countryCode() : country);
    }

    @GetMapping("/attrition")
    Attrition attrition(@RequestParam int year, @RequestParam(required = false) String country,
            @RequestParam(required = false) String province) {
        return attrition.attrition(year, country, province);
    }

    @GetMapping("/complicity")
    ComplicityReport.Complicity complicity(@RequestParam(required = false) Integer fromYear,
            @RequestParam(required = false) Integer toYear, @RequestParam(required = false) String country) {
        return complicity.complicity(fromYear, toYear, country);
    }

    /** The hearing calendar across the proceedings within reach, {@code days} from {@code from} (default today). */
    @GetMapping("/hearings")
    List<Hearing> calendar(@RequestParam(required = false) LocalDate from,
            @RequestParam(defaultValue = "60") int days) {
        return hearings.calendar(from == null ? org.haven.shared.HavenClock.today() : from, days);
    }

    record NewTraining(LocalDate heldOn, String provinceCode, String place, OfficialTrainings.Agency agency,
            Set<OfficialTrainings.Topic> topics, Integer female, Integer male, Integer other) {
    }

    @PostMapping("/trainings")
    ResponseEntity<Created> training(@RequestBody NewTraining body) {
        return ResponseEntity.status(201).body(new Created(trainings.record(body.heldOn(), body.provinceCode(),
                body.place(), body.agency(), body.topics(), n(body.female()), n(body.male()), n(body.other()))));
    }

    static int n(Integer i) {
        return i == null ? 0 : i;
    }

    @GetMapping("/trainings")
    Map<String, Object> trainings(@RequestParam int year) {
        List<OfficialTrainings.Training> list = trainings.year(year);
        return Map.of("year", year, "items", list,
                "female", list.stream().mapToInt(OfficialTrainings.Training::female).sum(),
                "male", list.stream().mapToInt(OfficialTrainings.Training::male).sum(),
                "other", list.stream().mapToInt(OfficialTrainings.Training::other).sum());
    }
}
