package org.haven.prosecution;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.haven.prosecution.internal.Notifier;
import org.haven.prosecution.internal.ProceedingAccess;
import org.haven.prosecution.internal.ProsecutionAudit;
import org.haven.prosecution.internal.VictimDirectory;
import org.haven.shared.web.Conflict;
import org.haven.shared.web.InvalidInput;
import org.haven.shared.web.NotFound;
import org.haven.security.CurrentUser;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The hearing calendar of proceedings. Scheduling a hearing notifies the caseworker of every linked survivor whose
 * consent for legal proceedings covers the organisation running the proceeding (in-app notification), then publishes
 * {@link HearingScheduled}. A closed or dropped proceeding takes no hearing in the past (nor any new hearing at all:
 * only a reopening brings it back).
 */
@Service
public class HearingCalendar {

    private final JdbcClient jdbc;
    private final ProceedingAccess access;
    private final ProsecutionTracking tracking;
    private final ProsecutionAudit audit;
    private final VictimDirectory directory;
    private final Notifier notifier;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    HearingCalendar(JdbcClient jdbc, ProceedingAccess access, ProsecutionTracking tracking, ProsecutionAudit audit,
            VictimDirectory directory, Notifier notifier, ApplicationEventPublisher events,
            ObjectProvider<Clock> clock) {
        this.jdbc = jdbc;
        this.access = access;
        this.tracking = tracking;
        this.audit = audit;
        this.directory = directory;
        this.notifier = notifier;
        this.events = events;
        this.clock = clock.getIfAvailable(org.haven.shared.HavenClock::clock);
    }

    /** What to schedule. {@code scheduledAt} may be in the past only to record a hearing already held. */
    public record ScheduleHearing(Instant scheduledAt, String court, Hearing.Type type, boolean survivorTestifies,
            Set<Hearing.Measure> measures) {
    }

    @Transactional
    public UUID schedule(UUID proceedingId, ScheduleHearing cmd) {
        tracking.requireWritable(proceedingId);
        List<InvalidInput.FieldError> errors = new ArrayList<>();
        if (cmd.scheduledAt() == null) {
            errors.add(new InvalidInput.FieldError("scheduledAt", "hearing.date.required", "Give the date and time."));
        }
        if (cmd.court() == null || cmd.court().isBlank()) {
            errors.add(new InvalidInput.FieldError("court", "hearing.court.required", "Give the court."));
        }
        if (cmd.type() == null) {
            errors.add(new InvalidInput.FieldError("type", "hearing.type.required", "Give the type of hearing."));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        Stage stage = tracking.current(proceedingId).stage();
        if (stage.terminal()) {
            if (cmd.scheduledAt().isBefore(Instant.now(clock))) {
                throw new Conflict("hearing.pastForClosed", "The proceeding is " + stage.name().toLowerCase()
                        + "; a hearing in the past cannot be added to it.");
            }
            throw new Conflict("hearing.closedProceeding", "The proceeding is " + stage.name().toLowerCase()
                    + "; reopen it before scheduling a hearing.");
        }
        UUID id = UUID.randomUUID();
        Set<Hearing.Measure> measures = cmd.measures() == null ? Set.of() : cmd.measures();
        jdbc.sql("insert into hearing (id, proceeding_id, scheduled_at, court, type, survivor_testifies, measures) "
                + "values (?, ?, ?, ?, ?, ?, ?)").params(id, proceedingId, java.sql.Timestamp.from(cmd.scheduledAt()),
                        cmd.court().trim(), cmd.type().name(), cmd.survivorTestifies(), codes(measures)).update();
        audit.change("hearing", "hearing.schedule", List.of(id, proceedingId));
        List<UUID> notified = notifyCaseworkers(proceedingId, id, cmd.scheduledAt());
        events.publishEvent(new HearingScheduled(proceedingId, id, cmd.scheduledAt(), cmd.survivorTestifies(),
                notified));
        return id;
    }

    private List<UUID> notifyCaseworkers(UUID proceedingId, UUID hearingId, Instant at) {
        var owner = jdbc.sql("select p.owner_organisation_id, o.type from proceeding p join organisation o "
                + "on o.id = p.owner_organisation_id where p.id = ?").param(proceedingId)
                .query((rs, n) -> new Object[] {rs.getObject(1, UUID.class), rs.getString(2)}).single();
        List<UUID> notified = new ArrayList<>();
        LocalDate today = tracking.today();
        record Linked(UUID caseId, UUID organisationId, UUID caseworkerId) {
        }
        for (Linked v : jdbc.sql("select case_id, case_organisation_id, case_caseworker_id from proceeding_victim "
                + "where proceeding_id = ?").param(proceedingId).query((rs, n) -> new Linked(rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class), rs.getObject(3, UUID.class))).list()) {
            if (!directory.legalProceedingsConsent(v.caseId(), (UUID) owner[0],
                    org.haven.security.OrganisationType.valueOf((String) owner[1]), today)) {
                continue;
            }
            if (v.caseworkerId() != null) {
                notifier.toUser(v.caseworkerId(), Notifier.HEARING, proceedingId, hearingId, at);
            } else {
                notifier.toRole(v.organisationId(), "CASEWORKER", Notifier.HEARING, proceedingId, hearingId, at);
            }
            notified.add(v.caseId());
        }
        return notified;
    }

    /** Records what happened at a hearing (optimistic locking). */
    @Transactional
    public void recordOutcome(UUID proceedingId, UUID hearingId, int version, Hearing.Outcome outcome) {
        tracking.requireWritable(proceedingId);
        if (outcome == null) {
            throw InvalidInput.of("outcome", "hearing.outcome.required", "Give the outcome.");
        }
        Instant at = jdbc.sql("select scheduled_at from hearing where id = ? and proceeding_id = ?")
                .params(hearingId, proceedingId).query(java.sql.Timestamp.class).optional()
                .orElseThrow(() -> new NotFound("hearing")).toInstant();
        if (at.isAfter(Instant.now(clock)) && outcome != Hearing.Outcome.CANCELLED
                && outcome != Hearing.Outcome.ADJOURNED) {
            throw new Conflict("hearing.outcome.future", "A hearing that has not taken place cannot have been held.");
        }
        int n = jdbc.sql("update hearing set outcome = ?, version = version + 1 where id = ? and version = ?")
                .params(outcome.name(), hearingId, version).update();
        ProsecutionTracking.stale(n);
        audit.change("hearing", "hearing.outcome", List.of(hearingId, proceedingId));
    }

    @Transactional(readOnly = true)
    public List<Hearing> hearings(UUID proceedingId) {
        access.reach(CurrentUser.require(), proceedingId).orElseThrow(() -> new NotFound("proceeding"));
        return jdbc.sql("select * from hearing where proceeding_id = ? order by scheduled_at, id").param(proceedingId)
                .query((rs, n) -> row(rs, proceedingId)).list();
    }

    /**
     * The calendar: hearings of every proceeding within the user's reach (same rule as the proceedings list) from a
     * day on, for a number of days (at most a year), earliest first. No survivor-level data: ids, dates, courts, types.
     */
    @Transactional(readOnly = true)
    public List<Hearing> calendar(LocalDate from, int days) {
        CurrentUser user = CurrentUser.require();
        if (!user.can(org.haven.security.Permission.PROCEEDING_READ)
                && !user.can(org.haven.security.Permission.CASE_READ)) {
            throw new org.haven.shared.web.Forbidden("Your roles do not allow the hearing calendar.");
        }
        if (from == null || days < 1 || days > 366) {
            throw InvalidInput.of("days", "hearing.calendar.invalid", "Give a start date and 1 to 366 days.");
        }
        java.time.ZoneId zone = clock.getZone();
        return jdbc.sql("select h.* from hearing h join proceeding p on p.id = h.proceeding_id where "
                + ProceedingAccess.visibleSql(user) + " and h.scheduled_at >= :from and h.scheduled_at < :to "
                + "order by h.scheduled_at, h.id limit 500")
                .param("org", user.organisationId())
                .param("from", java.sql.Timestamp.from(from.atStartOfDay(zone).toInstant()))
                .param("to", java.sql.Timestamp.from(from.plusDays(days).atStartOfDay(zone).toInstant()))
                .query((rs, n) -> row(rs, rs.getObject("proceeding_id", UUID.class))).list();
    }

    private static Hearing row(java.sql.ResultSet rs, UUID proceedingId) throws java.sql.SQLException {
        return new Hearing(rs.getObject("id", UUID.class), rs.getInt("version"), proceedingId,
                rs.getTimestamp("scheduled_at").toInstant(), rs.getString("court"),
                Hearing.Type.valueOf(rs.getString("type")),
                rs.getString("outcome") == null ? null : Hearing.Outcome.valueOf(rs.getString("outcome")),
                rs.getBoolean("survivor_testifies"), measures(rs.getString("measures")));
    }

    static String codes(Set<Hearing.Measure> measures) {
        return measures.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
    }

    static Set<Hearing.Measure> measures(String codes) {
        if (codes == null || codes.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(codes.split(",")).map(Hearing.Measure::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Hearing.Measure.class)));
    }
}
