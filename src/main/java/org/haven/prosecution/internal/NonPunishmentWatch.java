package org.haven.prosecution.internal;

import java.util.List;
import java.util.UUID;

import org.haven.prosecution.NonPunishmentFlagRaised;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Raises non-punishment alerts: whenever a survivor (case id) is linked as a victim, or a suspect record carries a
 * case id, every (victim link, suspect) pair with the same case id gets one alert — whichever was recorded first.
 * The survivor's caseworker and the legal officers (of the case's organisation and of legal-aid agencies of the
 * proceedings concerned) are notified once per pair.
 */
@Component
public class NonPunishmentWatch {

    private final JdbcClient jdbc;
    private final Notifier notifier;
    private final ApplicationEventPublisher events;

    NonPunishmentWatch(JdbcClient jdbc, Notifier notifier,
            ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.notifier = notifier;
        this.events = events;
    }

    record Pair(UUID victimId, UUID proceedingId, UUID suspectId, UUID caseOrganisationId, UUID caseworkerId) {
    }

    /** Checks one survivor; returns the number of new alerts. Call in the transaction that made the link. */
    public int check(UUID caseId) {
        if (caseId == null) {
            return 0;
        }
        List<Pair> pairs = jdbc.sql("""
                select v.id, v.proceeding_id, s.id, v.case_organisation_id, v.case_caseworker_id from proceeding_victim v
                join suspect s on s.linked_case_id = v.case_id
                where v.case_id = ? and v.role = 'VICTIM'
                  and not exists (select 1 from non_punishment_alert a where a.victim_id = v.id and a.suspect_id = s.id)""")
                .param(caseId).query((rs, n) -> new Pair(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class), rs.getObject(4, UUID.class), rs.getObject(5, UUID.class))).list();
        for (Pair p : pairs) {
            jdbc.sql("insert into non_punishment_alert (id, case_id, victim_id, suspect_id) values (?, ?, ?, ?) "
                    + "on conflict do nothing").params(UUID.randomUUID(), caseId, p.victimId(), p.suspectId()).update();
            if (p.caseworkerId() != null) {
                notifier.toUser(p.caseworkerId(), Notifier.NON_PUNISHMENT, p.proceedingId(), p.victimId(), null);
            } else {
                notifier.toRole(p.caseOrganisationId(), "CASEWORKER", Notifier.NON_PUNISHMENT, p.proceedingId(),
                        p.victimId(), null);
            }
            notifier.toRole(p.caseOrganisationId(), "LEGAL_OFFICER", Notifier.NON_PUNISHMENT, p.proceedingId(),
                    p.victimId(), null);
            // legal-aid organisations involved in either proceeding (the victim's and the suspect's)
            jdbc.sql("""
                    select distinct a.organisation_id from proceeding_agency a
                    where a.role = 'LEGAL_AID' and a.organisation_id <> :caseOrg and (a.proceeding_id = :p
                      or a.proceeding_id in (select d.proceeding_id from proceeding_defendant d where d.suspect_id = :s))""")
                    .param("caseOrg", p.caseOrganisationId()).param("p", p.proceedingId()).param("s", p.suspectId())
                    .query(UUID.class).list()
                    .forEach(org -> notifier.toRole(org, "LEGAL_OFFICER", Notifier.NON_PUNISHMENT, p.proceedingId(),
                            p.victimId(), null));
            events.publishEvent(new NonPunishmentFlagRaised(caseId, p.victimId(), p.suspectId()));
        }
        return pairs.size();
    }
}
