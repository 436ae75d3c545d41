package org.haven.referrals.web;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.haven.referrals.ReferralManagement;
import org.haven.referrals.ReferralViews.Indicators;
import org.haven.referrals.ReferralViews.MakeReferral;
import org.haven.referrals.ReferralViews.Notification;
import org.haven.referrals.ReferralViews.RecordDelivery;
import org.haven.referrals.ReferralViews.ReferralDetails;
import org.haven.referrals.ReferralViews.ReferralSummary;
import org.haven.referrals.ReferralViews.UpdateStep;
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
 * JSON API of referrals under {@code /api/v1/referrals}. Thin: record access, validation, audit and notifications
 * are decided by {@link ReferralManagement}. Errors are problem+json.
 */
@RestController
@RequestMapping("/api/v1/referrals")
class ReferralApiController {

    private final ReferralManagement referrals;

    ReferralApiController(ReferralManagement referrals) {
        this.referrals = referrals;
    }

    @GetMapping
    List<ReferralSummary> list(@RequestParam(defaultValue = "outgoing") String direction,
            @RequestParam(required = false) String status) {
        return referrals.list("incoming".equals(direction), status);
    }

    @PostMapping
    ResponseEntity<ReferralDetails> send(@RequestBody MakeReferral body) {
        UUID id = referrals.send(body);
        return ResponseEntity.created(URI.create("/api/v1/referrals/" + id)).body(referrals.view(id));
    }

    @GetMapping("/{id}")
    ReferralDetails view(@PathVariable UUID id) {
        return referrals.view(id);
    }

    @PostMapping("/{id}/acceptance")
    ReferralDetails accept(@PathVariable UUID id) {
        referrals.accept(id);
        return referrals.view(id);
    }

    record Reason(String reason) {
    }

    @PostMapping("/{id}/decline")
    ReferralDetails decline(@PathVariable UUID id, @RequestBody Reason body) {
        referrals.decline(id, body.reason());
        return referrals.view(id);
    }

    @PostMapping("/{id}/start")
    ReferralDetails start(@PathVariable UUID id) {
        referrals.start(id);
        return referrals.view(id);
    }

    @PostMapping("/{id}/completion")
    ReferralDetails complete(@PathVariable UUID id) {
        referrals.complete(id);
        return referrals.view(id);
    }

    @PostMapping("/{id}/withdrawal")
    ReferralDetails withdraw(@PathVariable UUID id) {
        referrals.withdraw(id);
        return referrals.view(id);
    }

    @PostMapping("/{id}/deliveries")
    ResponseEntity<ReferralDetails> deliver(@PathVariable UUID id, @RequestBody RecordDelivery body) {
        referrals.recordDelivery(id, body);
        return ResponseEntity.status(201).body(referrals.view(id));
    }

    @PutMapping("/{id}/return-steps/{step}")
    ReferralDetails step(@PathVariable UUID id, @PathVariable String step, @RequestBody UpdateStep body) {
        referrals.updateStep(id, step, body);
        return referrals.view(id);
    }

    @GetMapping("/overdue")
    List<ReferralSummary> overdue() {
        return referrals.overdue();
    }

    @GetMapping("/notifications")
    List<Notification> notifications(@RequestParam(defaultValue = "50") int limit) {
        return referrals.notifications(limit);
    }

    @PostMapping("/notifications/read")
    ResponseEntity<Void> read() {
        referrals.markNotificationsRead();
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/indicators")
    Indicators indicators() {
        return referrals.indicators();
    }
}
