package org.haven.linkage;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.haven.audit.AuditEntry;
import org.haven.audit.AuditLog;
import org.haven.cases.SurvivorIdentities;
import org.haven.cases.SurvivorIdentities.CaseRef;
import org.haven.linkage.internal.LinkageSettings;
import org.haven.security.CurrentUser;
import org.haven.security.Permission;
import org.haven.shared.web.Conflict;
import org.haven.shared.web.Forbidden;
import org.haven.shared.web.InvalidInput;
import org.haven.shared.web.NotFound;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The in-application side of record linkage: the review queue of candidate survivor pairs for case supervisors and
 * the de-duplicated national count.
 *
 * <p>Access: the queue needs {@link Permission#CASE_SUPERVISE} and {@link Permission#LINKAGE_REVIEW} (otherwise
 * {@link Forbidden}); a pair is visible to an organisation when one of its two survivors is that organisation's own
 * (otherwise {@link NotFound}, also for a pair that does not exist). The other organisation's record is never shown:
 * only that organisation's name, the score and the per-field agreement levels computed from the encodings, so
 * supervisors can contact each other. Every list, view and decision is audited ({@code linkage_candidate.read},
 * {@code linkage.decide}) in the same transaction. The counts need {@link Permission#REPORT_AGGREGATE}.
 */
@Service
public class RecordLinkage {

    /** Review decisions; PENDING is the state before any. */
    public enum Decision { CONFIRMED, NOT_SAME, UNSURE }

    /** One side as the viewing organisation may see it: its own case (code, id) or only the other organisation. */
    public record Side(boolean own, UUID organisationId, String organisationName, UUID caseId, String caseCode) {
    }

    /** A candidate pair as shown to a supervisor of one of the two organisations. */
    public record CandidateView(UUID id, Side own, Side other, boolean sameOrganisation, double score,
            Map<String, String> fields, String status, String decidedByOrganisation, Instant decidedAt, String reason,
            Instant foundAt) {
    }

    public record CandidatePage(List<CandidateView> items, int page, int size, long total) {
        public int pages() {
            return (int) ((total + size - 1) / size);
        }
    }

    /** A figure that may be suppressed (value null then). */
    public record Figure(Long value, boolean suppressed) {
    }

    /** Survivors registered versus distinct people once confirmed links are merged. */
    public record DeduplicatedCounts(Figure survivorsRegistered, Figure distinctPeople, Figure confirmedLinks,
            int minCell) {
    }

    static final int REASON_MAX = 500;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final SurvivorIdentities identities;
    private final LinkageSettings settings;

    RecordLinkage(JdbcClient jdbc, AuditLog audit, SurvivorIdentities identities, LinkageSettings settings) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.identities = identities;
        this.settings = settings;
    }

    /** Candidates visible to the user's organisation; {@code status} null or blank means PENDING and UNSURE. */
    @Transactional
    public CandidatePage candidates(String status, int page, int size) {
        CurrentUser user = requireReviewer();
        List<String> statuses = statuses(status);
        int p = Math.max(0, page);
        int s = Math.max(1, Math.min(100, size));
        long total = jdbc.sql("""
                select count(*) from linkage_candidate
                where (organisation_a = :org or organisation_b = :org) and status in (:statuses)""")
                .param("org", user.organisationId()).param("statuses", statuses).query(Long.class).single();
        List<Row> rows = jdbc.sql(SELECT + """
                 where (c.organisation_a = :org or c.organisation_b = :org) and c.status in (:statuses)
                order by c.score desc, c.found_at, c.id limit :limit offset :offset""")
                .param("org", user.organisationId()).param("statuses", statuses).param("limit", s)
                .param("offset", (long) p * s).query((rs, n) -> row(rs)).list();
        List<CandidateView> views = views(user, rows);
        if (!views.isEmpty()) {
            audit.record(AuditEntry.read("linkage_candidate", views.stream().map(CandidateView::id).toList()));
        }
        return new CandidatePage(views, p, s, total);
    }

    /** One candidate visible to the user's organisation. */
    @Transactional
    public CandidateView candidate(UUID id) {
        CurrentUser user = requireReviewer();
        CandidateView v = views(user, List.of(load(user, id))).get(0);
        audit.record(AuditEntry.read("linkage_candidate", v.id()));
        return v;
    }

    /**
     * Records a decision on a candidate. {@code decision} is CONFIRMED, NOT_SAME or UNSURE; a reason is required for
     * CONFIRMED and NOT_SAME (max {@value #REASON_MAX} characters; it is shown to both organisations, so it must not
     * contain names). A pair already confirmed or declared not the same answers {@link Conflict}.
     */
    @Transactional
    public CandidateView decide(UUID id, String decision, String reason) {
        CurrentUser user = requireReviewer();
        Row row = load(user, id);
        List<InvalidInput.FieldError> errors = new ArrayList<>();
        Decision d = null;
        if (decision == null || decision.isBlank()) {
            errors.add(new InvalidInput.FieldError("decision", "linkage.error.decisionRequired",
                    "Choose a decision: CONFIRMED, NOT_SAME or UNSURE."));
        } else {
            try {
                d = Decision.valueOf(decision.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new InvalidInput.FieldError("decision", "linkage.error.decisionUnknown",
                        "Unknown decision. Use CONFIRMED, NOT_SAME or UNSURE."));
            }
        }
        String r = reason == null ? null : reason.strip();
        if (r != null && r.isEmpty()) {
            r = null;
        }
        if (r == null && d != null && d != Decision.UNSURE) {
            errors.add(new InvalidInput.FieldError("reason", "linkage.error.reasonRequired",
                    "Give the reason for this decision."));
        }
        if (r != null && r.length() > REASON_MAX) {
            errors.add(new InvalidInput.FieldError("reason", "linkage.error.reasonTooLong",
                    "At most 500 characters."));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        int n = jdbc.sql("""
                update linkage_candidate set status = ?, decided_by = ?, decided_org = ?, decided_at = now(),
                  reason = ?, version = version + 1
                where id = ? and version = ? and status in ('PENDING', 'UNSURE')""")
                .params(d.name(), user.userId(), user.organisationId(), r, id, row.version()).update();
        if (n == 0) {
            throw new Conflict("linkage.decided",
                    "This pair has already been decided or changed since you loaded it. Reload it.");
        }
        audit.record(AuditEntry.change("linkage_candidate", "linkage.decide", id).withDetail("decision", d.name()));
        return views(user, List.of(load(user, id))).get(0);
    }

    /**
     * Survivors registered in the installation and distinct people after merging confirmed links (connected groups of
     * confirmed pairs count once). Counts from 1 to {@code haven.linkage.min-cell} − 1 are suppressed.
     */
    @Transactional(readOnly = true)
    public DeduplicatedCounts deduplicatedCounts() {
        CurrentUser user = CurrentUser.require();
        if (!user.can(Permission.REPORT_AGGREGATE)) {
            throw new Forbidden("Aggregate reports are not available to your role.");
        }
        long registered = identities.count();
        List<UUID[]> pairs = jdbc.sql("select survivor_a, survivor_b from linkage_candidate where status = 'CONFIRMED'")
                .query((rs, n) -> new UUID[] {rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)}).list();
        Map<UUID, UUID> parent = new HashMap<>();
        long merges = 0;
        for (UUID[] p : pairs) {
            UUID a = find(parent, p[0]);
            UUID b = find(parent, p[1]);
            if (!a.equals(b)) {
                parent.put(a, b);
                merges++;
            }
        }
        return new DeduplicatedCounts(figure(registered), figure(registered - merges), figure(pairs.size()),
                settings.minCell());
    }

    /**
     * For de-duplicated national counts (reporting): each survivor's person key — the smallest survivor id (as
     * PostgreSQL orders uuids) of its group of survivors joined by confirmed links; a survivor without a confirmed link
     * is its own key. Count distinct values to count people instead of registrations. No user is checked (in-process
     * use by a module that enforces its own aggregate-only access); ids only, nothing about anybody is revealed.
     */
    @Transactional(readOnly = true)
    public Map<UUID, UUID> personKeys(java.util.Collection<UUID> survivorIds) {
        Map<UUID, UUID> parent = new HashMap<>();
        jdbc.sql("select survivor_a, survivor_b from linkage_candidate where status = 'CONFIRMED'")
                .query(rs -> {
                    UUID a = find(parent, rs.getObject(1, UUID.class));
                    UUID b = find(parent, rs.getObject(2, UUID.class));
                    if (!a.equals(b)) {
                        // the root is the smaller id, so a key does not depend on the order of the links
                        if (a.toString().compareTo(b.toString()) < 0) {
                            parent.put(b, a);
                        } else {
                            parent.put(a, b);
                        }
                    }
                });
        Map<UUID, UUID> out = new LinkedHashMap<>();
        for (UUID s : survivorIds) {
            out.put(s, find(parent, s));
        }
        return out;
    }

    /** The number of distinct people among these survivors once confirmed links are merged (see {@link #personKeys}). */
    @Transactional(readOnly = true)
    public long distinctPeople(java.util.Collection<UUID> survivorIds) {
        return personKeys(survivorIds).values().stream().distinct().count();
    }

    private Figure figure(long v) {
        return v > 0 && v < settings.minCell() ? new Figure(null, true) : new Figure(v, false);
    }

    private static UUID find(Map<UUID, UUID> parent, UUID x) {
        UUID root = x;
        while (parent.containsKey(root)) {
            root = parent.get(root);
        }
        return root;
    }

    // ---------------------------------------------------------------- internals

    private record Row(UUID id, UUID survivorA, UUID orgA, String orgAName, UUID survivorB, UUID orgB,
            String orgBName, double score, String explanation, String status, String decidedOrgName,
            Instant decidedAt, String reason, Instant foundAt, int version) {
    }

    private static final String SELECT = """
            select c.id, c.survivor_a, c.organisation_a, oa.name, c.survivor_b, c.organisation_b, ob.name, c.score,
              c.explanation::text, c.status, od.name, c.decided_at, c.reason, c.found_at, c.version
            from linkage_candidate c join organisation oa on oa.id = c.organisation_a
              join organisation ob on ob.id = c.organisation_b left join organisation od on od.id = c.decided_org""";

    private static Row row(java.sql.ResultSet rs) throws java.sql.SQLException {
        OffsetDateTime decided = rs.getObject(12, OffsetDateTime.class);
        return new Row(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                rs.getString(4), rs.getObject(5, UUID.class), rs.getObject(6, UUID.class), rs.getString(7),
                rs.getBigDecimal(8).doubleValue(), rs.getString(9), rs.getString(10), rs.getString(11),
                decided == null ? null : decided.toInstant(), rs.getString(13),
                rs.getObject(14, OffsetDateTime.class).toInstant(), rs.getInt(15));
    }

    private Row load(CurrentUser user, UUID id) {
        Row row = jdbc.sql(SELECT + " where c.id = :id and (c.organisation_a = :org or c.organisation_b = :org)")
                .param("id", id).param("org", user.organisationId()).query((rs, n) -> row(rs)).optional()
                .orElse(null);
        if (row == null) {
            throw new NotFound("linkage candidate");
        }
        return row;
    }

    private List<CandidateView> views(CurrentUser user, List<Row> rows) {
        List<UUID> own = new ArrayList<>();
        for (Row r : rows) {
            if (r.orgA().equals(user.organisationId())) {
                own.add(r.survivorA());
            }
            if (r.orgB().equals(user.organisationId())) {
                own.add(r.survivorB());
            }
        }
        Map<UUID, CaseRef> cases = identities.newestCases(own);
        List<CandidateView> out = new ArrayList<>();
        for (Row r : rows) {
            boolean aOwn = r.orgA().equals(user.organisationId());
            boolean same = r.orgA().equals(r.orgB());
            Side a = side(r.survivorA(), r.orgA(), r.orgAName(), aOwn, cases);
            Side b = side(r.survivorB(), r.orgB(), r.orgBName(), r.orgB().equals(user.organisationId()), cases);
            out.add(new CandidateView(r.id(), aOwn ? a : b, aOwn ? b : a, same, r.score(), fields(r.explanation()),
                    r.status(), r.decidedOrgName(), r.decidedAt(), r.reason(), r.foundAt()));
        }
        return out;
    }

    private static Side side(UUID survivor, UUID org, String orgName, boolean own, Map<UUID, CaseRef> cases) {
        if (!own) {
            return new Side(false, org, orgName, null, null);
        }
        CaseRef c = cases.get(survivor);
        return new Side(true, org, orgName, c == null ? null : c.caseId(), c == null ? null : c.caseCode());
    }

    private static Map<String, String> fields(String json) {
        Map<String, String> out = new LinkedHashMap<>();
        JSON.readTree(json).properties().forEach(e -> out.put(e.getKey(), e.getValue().asString()));
        return out;
    }

    private static List<String> statuses(String status) {
        if (status == null || status.isBlank()) {
            return List.of("PENDING", "UNSURE");
        }
        String s = status.strip().toUpperCase(Locale.ROOT);
        if (!List.of("PENDING", "CONFIRMED", "NOT_SAME", "UNSURE").contains(s)) {
            throw InvalidInput.of("status", "linkage.error.statusUnknown",
                    "Unknown status. Use PENDING, CONFIRMED, NOT_SAME or UNSURE.");
        }
        return List.of(s);
    }

    private static CurrentUser requireReviewer() {
        CurrentUser user = CurrentUser.require();
        if (!user.can(Permission.CASE_SUPERVISE) || !user.can(Permission.LINKAGE_REVIEW)) {
            throw new Forbidden("Reviewing possible duplicates needs the case supervisor role.");
        }
        return user;
    }
}
