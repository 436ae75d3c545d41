package org.haven.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

import org.haven.audit.internal.AuditHashing;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuditHashingTests {

    private static final Instant AT = Instant.parse("2026-01-02T03:04:05.123456Z");
    private static final AuditEvent BASE = new AuditEvent(7, AT, UUID.fromString("00000000-0000-0000-0000-000000000001"),
            "test.user", UUID.fromString("00000000-0000-0000-0000-000000000002"), Set.of("CASEWORKER", "SUPERVISOR"),
            "case.read", AuditOutcome.SUCCESS, "case", List.of("a", "b"), "follow-up", "req-1", Map.of("k", "v"));

    @Test
    void everyFieldAndThePreviousHashChangeTheHash() {
        byte[] prev = new byte[32];
        List<UnaryOperator<AuditEvent>> edits = List.of(
                e -> with(e, 8, e.occurredAt(), e.actorUsername(), e.action(), e.subjectIds(), e.purpose(), e.details()),
                e -> with(e, e.id(), AT.plusNanos(1000), e.actorUsername(), e.action(), e.subjectIds(), e.purpose(), e.details()),
                e -> with(e, e.id(), AT, "other", e.action(), e.subjectIds(), e.purpose(), e.details()),
                e -> with(e, e.id(), AT, e.actorUsername(), "case.update", e.subjectIds(), e.purpose(), e.details()),
                e -> with(e, e.id(), AT, e.actorUsername(), e.action(), List.of("b", "a"), e.purpose(), e.details()),
                e -> with(e, e.id(), AT, e.actorUsername(), e.action(), e.subjectIds(), null, e.details()),
                e -> with(e, e.id(), AT, e.actorUsername(), e.action(), e.subjectIds(), e.purpose(), Map.of("k", "w")));
        Set<String> hashes = new HashSet<>();
        hashes.add(hex(AuditHashing.hash(BASE, prev)));
        for (UnaryOperator<AuditEvent> edit : edits) {
            hashes.add(hex(AuditHashing.hash(edit.apply(BASE), prev)));
        }
        byte[] otherPrev = new byte[32];
        otherPrev[31] = 1;
        hashes.add(hex(AuditHashing.hash(BASE, otherPrev)));
        assertThat(hashes).hasSize(edits.size() + 2);
    }

    @Test
    void encodingIsUnambiguousAndStableUnderIrrelevantDifferences() {
        byte[] prev = new byte[32];
        AuditEvent ab = with(BASE, 7, AT, BASE.actorUsername(), BASE.action(), List.of("ab", "c"), null, Map.of());
        AuditEvent abc = with(BASE, 7, AT, BASE.actorUsername(), BASE.action(), List.of("a", "bc"), null, Map.of());
        AuditEvent emptyPurpose = with(BASE, 7, AT, BASE.actorUsername(), BASE.action(), List.of("a", "bc"), "", Map.of());
        assertThat(AuditHashing.hash(ab, prev)).isNotEqualTo(AuditHashing.hash(abc, prev));
        assertThat(AuditHashing.hash(abc, prev)).isNotEqualTo(AuditHashing.hash(emptyPurpose, prev)); // null ≠ ""
        // Role order and nanoseconds beyond PostgreSQL's microseconds do not matter.
        AuditEvent reordered = new AuditEvent(BASE.id(), AT.plusNanos(999), BASE.actorUserId(), BASE.actorUsername(),
                BASE.actorOrganisationId(), new java.util.LinkedHashSet<>(List.of("SUPERVISOR", "CASEWORKER")),
                BASE.action(), BASE.outcome(), BASE.subjectType(), BASE.subjectIds(), BASE.purpose(), BASE.requestId(),
                BASE.details());
        assertThat(AuditHashing.hash(reordered, prev)).isEqualTo(AuditHashing.hash(BASE, prev));
    }

    @Test
    void entryFactoriesAndCopies() {
        UUID id = UUID.randomUUID();
        AuditEntry read = AuditEntry.read("case", id);
        assertThat(read.action()).isEqualTo("case.read");
        assertThat(read.subjectIds()).containsExactly(id.toString());
        assertThat(AuditEntry.read("case", List.of(1, 2)).subjectIds()).containsExactly("1", "2");
        AuditEntry change = AuditEntry.change("case", "case.close", id).withPurpose("closed").withDetail("reason", "DONE")
                .withDetail("ignored", null);
        assertThat(change.details()).containsExactly(Map.entry("reason", "DONE"));
        assertThat(change.purpose()).isEqualTo("closed");
        assertThat(AuditEntry.security("auth.sign-in", AuditOutcome.FAILURE).subjectType()).isNull();
        assertThat(AuditEntry.denied("case", "case.read", id).outcome()).isEqualTo(AuditOutcome.DENIED);
        assertThatThrownBy(() -> AuditEntry.security(" ", AuditOutcome.SUCCESS)).isInstanceOf(IllegalArgumentException.class);
        List<Object> withNull = new ArrayList<>();
        withNull.add(null);
        assertThatThrownBy(() -> AuditEntry.read("case", withNull)).isInstanceOf(NullPointerException.class);
    }

    private static AuditEvent with(AuditEvent e, long id, Instant at, String username, String action, List<String> ids,
            String purpose, Map<String, String> details) {
        return new AuditEvent(id, at, e.actorUserId(), username, e.actorOrganisationId(), e.actorRoles(), action,
                e.outcome(), e.subjectType(), ids, purpose, e.requestId(), details);
    }

    private static String hex(byte[] b) {
        return java.util.HexFormat.of().formatHex(b);
    }
}
