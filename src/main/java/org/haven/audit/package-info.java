/**
 * The audit trail: append-only, hash-chained events for every read and change of survivor-level data and every
 * security event, written through {@code AuditLog} in the same transaction as the action (if the event cannot be
 * written, the action fails). Owns the {@code audit_event} table, the chain verifier ({@code audit verify}) and the
 * per-record access report. Depends only on {@code shared}; publishes no events.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"shared"})
package org.haven.audit;
