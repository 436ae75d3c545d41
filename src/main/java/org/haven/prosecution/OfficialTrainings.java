package org.haven.prosecution;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.haven.prosecution.internal.ProsecutionAudit;
import org.haven.security.CurrentUser;
import org.haven.security.Permission;
import org.haven.shared.web.Forbidden;
import org.haven.shared.web.InvalidInput;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Trainings of officials (police, prosecutors, judges, social workers): when, where, for which agency, on which topics
 * and how many participants by sex — the "law enforcement training" figures donors ask for. No personal data.
 */
@Service
public class OfficialTrainings {

    public enum Agency { POLICE, PROSECUTORS, JUDGES, SOCIAL_WORKERS, IMMIGRATION, LABOUR_INSPECTORS, MIXED }

    public enum Topic { VICTIM_IDENTIFICATION, NON_PUNISHMENT, TRAUMA_INFORMED_INTERVIEWING, LAW_2008, ACTIP,
        FINANCIAL_INVESTIGATION, ONLINE_SCAMS, CHILD_VICTIMS, VICTIM_WITNESS_PROTECTION }

    public record Training(UUID id, LocalDate heldOn, String provinceCode, String place, Agency agency,
            Set<Topic> topics, int female, int male, int other) {

        public int total() {
            return female + male + other;
        }
    }

    private final JdbcClient jdbc;
    private final ProsecutionAudit audit;

    OfficialTrainings(JdbcClient jdbc, ProsecutionAudit audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @Transactional
    public UUID record(LocalDate heldOn, String provinceCode, String place, Agency agency, Set<Topic> topics,
            int female, int male, int other) {
        CurrentUser user = CurrentUser.require();
        if (!user.can(Permission.PROCEEDING_WRITE) && !user.can(Permission.OUTREACH_WRITE)) {
            throw new Forbidden("Your roles do not allow recording trainings.");
        }
        List<InvalidInput.FieldError> errors = new ArrayList<>();
        if (heldOn == null) {
            errors.add(new InvalidInput.FieldError("heldOn", "training.date.required", "Give the date of the training."));
        }
        if (agency == null) {
            errors.add(new InvalidInput.FieldError("agency", "training.agency.required", "Give the agency trained."));
        }
        if (topics == null || topics.isEmpty()) {
            errors.add(new InvalidInput.FieldError("topics", "training.topics.required", "Give at least one topic."));
        }
        if (female < 0 || male < 0 || other < 0) {
            errors.add(new InvalidInput.FieldError("participants", "training.participants.negative",
                    "Participant counts cannot be negative."));
        }
        if (provinceCode != null && !provinceCode.isBlank() && !provinceCode.matches("\\d{2}|[A-Z]{2}-[A-Z0-9]{1,3}")) {
            errors.add(new InvalidInput.FieldError("provinceCode", "proceeding.province.invalid",
                    "Give the province as its two-digit gazetteer code."));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                insert into official_training (id, organisation_id, held_on, province_code, place, agency, topics,
                  participants_female, participants_male, participants_other, recorded_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, user.organisationId(), heldOn, ProsecutionTracking.blankToNull(provinceCode),
                        ProsecutionTracking.blankToNull(place), agency.name(),
                        topics.stream().map(Enum::name).sorted().collect(Collectors.joining(",")), female, male, other,
                        user.userId()).update();
        audit.change("training", "training.record", List.of(id));
        return id;
    }

    /** Trainings of a year (all organisations: they are aggregate figures). */
    @Transactional(readOnly = true)
    public List<Training> year(int year) {
        CurrentUser user = CurrentUser.require();
        if (!user.can(Permission.REPORT_AGGREGATE) && !user.can(Permission.PROCEEDING_READ)) {
            throw new Forbidden("Your roles do not allow statistics.");
        }
        return jdbc.sql("select * from official_training where extract(year from held_on) = ? order by held_on, id")
                .param(year).query((rs, n) -> new Training(rs.getObject("id", UUID.class),
                        rs.getObject("held_on", LocalDate.class), rs.getString("province_code"), rs.getString("place"),
                        Agency.valueOf(rs.getString("agency")),
                        Arrays.stream(rs.getString("topics").split(",")).map(Topic::valueOf)
                                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Topic.class))),
                        rs.getInt("participants_female"), rs.getInt("participants_male"),
                        rs.getInt("participants_other"))).list();
    }
}
