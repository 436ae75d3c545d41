package org.haven.audit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What to write into the audit trail: an action, its outcome, the records it touched and why. Who did it, when and
 * in which request are added by {@link AuditLog} from the security context and the logging context.
 *
 * <p>Contract: {@code subjectIds} and {@code details} carry <em>identifiers and codes only</em> — never names,
 * contacts, notes or other personal data, because the trail is kept for years and shown to supervisors. Instances are
 * immutable; the {@code with…} methods return copies.
 *
 * @param action      dotted verb, e.g. {@code case.read}, {@code case.update}, {@code auth.sign-in} (max 100 chars)
 * @param outcome     how it ended
 * @param subjectType kind of record touched, e.g. {@code case}; null for events about no record (sign-in)
 * @param subjectIds  ids of the records touched (as strings); empty when none
 * @param purpose     why (for reads: the stated purpose or break-glass reason); may be null
 * @param details     extra codes, e.g. {@code field → status}; no personal data
 */
public record AuditEntry(String action, AuditOutcome outcome, String subjectType, List<String> subjectIds,
        String purpose, Map<String, String> details) {

    public AuditEntry {
        if (action == null || action.isBlank()) {
            throw new IllegalArgumentException("an audit entry needs an action");
        }
        Objects.requireNonNull(outcome, "outcome");
        subjectIds = subjectIds == null ? List.of() : List.copyOf(subjectIds);
        details = details == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(details));
    }

    /** A successful read of records of this type: action {@code <subjectType>.read}. */
    public static AuditEntry read(String subjectType, Collection<?> ids) {
        return new AuditEntry(subjectType + ".read", AuditOutcome.SUCCESS, subjectType, strings(ids), null, null);
    }

    /** A successful read of records of this type: action {@code <subjectType>.read}. */
    public static AuditEntry read(String subjectType, Object... ids) {
        return read(subjectType, Arrays.asList(ids));
    }

    /** A successful change (create, update, delete, …) of records of this type. */
    public static AuditEntry change(String subjectType, String action, Collection<?> ids) {
        return new AuditEntry(action, AuditOutcome.SUCCESS, subjectType, strings(ids), null, null);
    }

    /** A successful change (create, update, delete, …) of records of this type. */
    public static AuditEntry change(String subjectType, String action, Object... ids) {
        return change(subjectType, action, Arrays.asList(ids));
    }

    /** An access rule refused this action on these records. */
    public static AuditEntry denied(String subjectType, String action, Object... ids) {
        return new AuditEntry(action, AuditOutcome.DENIED, subjectType, strings(Arrays.asList(ids)), null, null);
    }

    /** A security event about no particular record: sign-in, second factor, lockout, token issue. */
    public static AuditEntry security(String action, AuditOutcome outcome) {
        return new AuditEntry(action, outcome, null, List.of(), null, null);
    }

    public AuditEntry withPurpose(String purpose) {
        return new AuditEntry(action, outcome, subjectType, subjectIds, purpose, details);
    }

    public AuditEntry withOutcome(AuditOutcome outcome) {
        return new AuditEntry(action, outcome, subjectType, subjectIds, purpose, details);
    }

    /** Adds one detail (a code or id, never personal data); a null value is left out. */
    public AuditEntry withDetail(String key, Object value) {
        if (value == null) {
            return this;
        }
        Map<String, String> copy = new TreeMap<>(details);
        copy.put(key, String.valueOf(value));
        return new AuditEntry(action, outcome, subjectType, subjectIds, purpose, copy);
    }

    private static List<String> strings(Collection<?> ids) {
        List<String> out = new ArrayList<>(ids == null ? 0 : ids.size());
        if (ids != null) {
            for (Object id : ids) {
                out.add(String.valueOf(Objects.requireNonNull(id, "subject id")));
            }
        }
        return out;
    }
}
