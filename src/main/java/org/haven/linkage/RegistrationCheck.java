package org.haven.linkage;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.haven.audit.AuditEntry;
import org.haven.audit.AuditLog;
import org.haven.cases.CaseCommands.SurvivorIdentity;
import org.haven.cases.CaseCommands.SurvivorProfile;
import org.haven.cases.CaseManagement;
import org.haven.cases.CaseViews.PossibleDuplicate;
import org.haven.cases.RegistrationAdvisor;
import org.haven.cases.SurvivorIdentities;
import org.haven.cases.SurvivorIdentities.CaseRef;
import org.haven.cases.SurvivorIdentities.Identified;
import org.haven.linkage.internal.SurvivorEncodings;
import org.haven.security.CurrentUser;
import org.haven.security.Permission;
import org.haven.shared.web.Forbidden;
import org.haven.shared.web.InvalidInput;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The duplicate check at registration, before anything is saved: within the user's organisation (the cases module's
 * exact check on name keys and birth year, plus survivors of the organisation whose encodings match — romanisation
 * variants, Khmer script, swapped name order) and across organisations through the keyed Bloom-filter encodings. Of
 * another organisation's survivor nothing is revealed — not the organisation, not a case, not a score: only that a
 * possible match is registered elsewhere, and that a referral or a supervisor review can confirm it (the pair reaches
 * the supervisors' review queue once the survivor is registered).
 *
 * <p>Access: {@link Permission#CASE_WRITE} (those who register survivors), otherwise {@link Forbidden}. Audited in the
 * same transaction: the cases module audits its matches as reads of those cases; the encodings matched here are
 * recorded as {@code linkage.registration-check} with the matched survivor ids (ids only), so a user probing for
 * people shows in the audit log.
 */
@Service
public class RegistrationCheck implements RegistrationAdvisor {

    /** A survivor of the user's own organisation that may be the same person. */
    public record OwnMatch(UUID caseId, String caseCode, double score, Map<String, String> fields) {
    }

    /** The outcome; {@code message} is the English text of {@code messageCode} (null when nothing was found). */
    public record Result(List<PossibleDuplicate> withinOrganisation, List<OwnMatch> similarInOrganisation,
            boolean elsewhere, String messageCode, String message) {
    }

    static final String ELSEWHERE = "linkage.registration.elsewhere";
    static final String SIMILAR = "linkage.registration.similar";
    static final String CONFIRM = "linkage.registration.confirm";
    static final String ELSEWHERE_TEXT = "A possible match is registered at another organisation. A referral or a "
            + "supervisor review can confirm whether it is the same person.";

    private final CaseManagement cases;
    private final SurvivorEncodings encodings;
    private final SurvivorIdentities identities;
    private final AuditLog audit;

    RegistrationCheck(CaseManagement cases, SurvivorEncodings encodings, SurvivorIdentities identities,
            AuditLog audit) {
        this.cases = cases;
        this.encodings = encodings;
        this.identities = identities;
        this.audit = audit;
    }

    /** Checks a survivor about to be registered (nothing is written but the audit). */
    @Transactional
    public Result check(SurvivorIdentity identity, SurvivorProfile profile) {
        CurrentUser user = CurrentUser.require();
        if (!user.can(Permission.CASE_WRITE)) {
            throw new Forbidden("Your roles do not allow registering survivors.");
        }
        if (identity == null) {
            throw InvalidInput.of("identity", "cases.error.required", "This field is required.");
        }
        return check(user, identity, profile, cases.findPossibleDuplicates(identity, profile));
    }

    /**
     * Each other survivor record appears once, under its strongest reason: the cases module's exact match (same name
     * keys and birth year) before a match on the encodings (another spelling, order or script), and a record named in
     * the organisation's warnings never also counts as "registered elsewhere" (its encoding may still carry the
     * organisation it was encoded under).
     */
    private Result check(CurrentUser user, SurvivorIdentity identity, SurvivorProfile profile,
            List<PossibleDuplicate> exact) {
        Set<UUID> exactCases = new LinkedHashSet<>();
        Set<UUID> named = new LinkedHashSet<>();
        List<PossibleDuplicate> within = new ArrayList<>();
        for (PossibleDuplicate d : exact) {
            if (exactCases.add(d.caseId())) {
                within.add(d);
                identities.survivorOfCase(d.caseId()).ifPresent(named::add);
            }
        }
        List<SurvivorEncodings.Match> matches = encodings.matches(person(user, identity, profile));
        List<SurvivorEncodings.Match> own = new ArrayList<>();
        Set<UUID> others = new LinkedHashSet<>();
        for (SurvivorEncodings.Match m : matches) {
            if (m.other().organisationId().equals(user.organisationId())) {
                own.add(m);
            } else {
                others.add(m.other().survivorId());
            }
        }
        Map<UUID, CaseRef> refs = identities.newestCases(own.stream().map(m -> m.other().survivorId()).toList());
        List<OwnMatch> similar = new ArrayList<>();
        for (SurvivorEncodings.Match m : own) {
            CaseRef ref = refs.get(m.other().survivorId());
            if (ref != null && !exactCases.contains(ref.caseId()) && named.add(m.other().survivorId())) {
                exactCases.add(ref.caseId());
                Map<String, String> fields = new LinkedHashMap<>();
                m.scored().explanation().forEach((k, v) -> fields.put(k, v.name()));
                similar.add(new OwnMatch(ref.caseId(), ref.caseCode(),
                        Math.round(m.scored().score() * 10000) / 10000.0, fields));
            }
        }
        // a survivor already named above (its encoding may still carry the organisation it was encoded under)
        others.removeIf(named::contains);
        if (!similar.isEmpty()) {
            audit.record(AuditEntry.read("case", similar.stream().map(OwnMatch::caseId).toList()));
        }
        if (!others.isEmpty()) {
            audit.record(AuditEntry.change("survivor", "linkage.registration-check", List.copyOf(others))
                    .withDetail("scope", "other-organisations"));
        }
        boolean elsewhere = !others.isEmpty();
        return new Result(within, similar, elsewhere, elsewhere ? ELSEWHERE : null, elsewhere ? ELSEWHERE_TEXT : null);
    }

    /**
     * The registration page's extra warnings: survivors of the organisation found only on the encodings (those the
     * cases module's exact check names are its own warning, so they are left out here), and the possible match
     * elsewhere.
     */
    @Override
    @Transactional
    public List<Advice> advise(SurvivorIdentity identity, SurvivorProfile profile,
            List<PossibleDuplicate> alreadyNamed) {
        CurrentUser user = CurrentUser.find().orElse(null);
        if (user == null || !user.can(Permission.CASE_WRITE) || identity == null) {
            return List.of();
        }
        // The page shows the cases module's exact warning itself (found and audited once, there); this warning
        // leaves out the records that one already names.
        Result r = check(user, identity, profile, alreadyNamed == null ? List.of() : alreadyNamed);
        List<Advice> out = new ArrayList<>();
        if (!r.similarInOrganisation().isEmpty()) {
            out.add(new Advice(SIMILAR, List.of(String.join(", ",
                    r.similarInOrganisation().stream().map(OwnMatch::caseCode).toList())),
                    "cases.register.confirm"));
        }
        if (r.elsewhere()) {
            out.add(new Advice(ELSEWHERE, List.of(), CONFIRM));
        }
        return out;
    }

    private static Identified person(CurrentUser user, SurvivorIdentity identity, SurvivorProfile profile) {
        Integer birthYear = null;
        boolean estimated = false;
        if (identity.dateOfBirth() != null) {
            birthYear = identity.dateOfBirth().getYear();
        } else if (profile != null && profile.birthYear() != null) {
            birthYear = profile.birthYear();
        } else if (profile != null && profile.estimatedAge() != null) {
            birthYear = LocalDate.now(CaseManagement.ZONE).getYear() - profile.estimatedAge();
            estimated = true;
        }
        return new Identified(UUID.randomUUID(), user.organisationId(), 0, identity,
                profile == null ? null : profile.sex(), birthYear, estimated);
    }
}
