package org.haven.cases;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Aggregates over all cases for other modules (prevention targeting, reporting). Counts only, never ids or names;
 * callers apply their own small-cell suppression before showing them.
 */
@Service
public class CaseStatistics {

    private final JdbcClient jdbc;

    CaseStatistics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Distinct survivors by gazetteer code of the place of recruitment, for recruitment episodes that started between
     * {@code from} and {@code to} inclusive (episodes without a start date or place code are left out), largest first.
     */
    @Transactional(readOnly = true)
    public Map<String, Long> recruitmentCountsByPlace(LocalDate from, LocalDate to) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql("""
                select e.place_code, count(distinct sc.survivor_id) from case_episode e
                join survivor_case sc on sc.id = e.case_id
                where e.stage = 'RECRUITMENT' and e.place_code is not null and e.started_on between ? and ?
                group by e.place_code order by 2 desc, 1""")
                .params(from, to).query((rs, n) -> counts.put(rs.getString(1), rs.getLong(2))).list();
        return counts;
    }

    /**
     * Cases identified in a year, counted by the survivor's sex, age band at identification ({@code CHILD} under 18,
     * {@code ADULT}, {@code UNKNOWN} without a birth year), nationality (ISO 3166 alpha-3, empty if not recorded), form
     * of exploitation (from the case's episodes: the one form, {@code SEVERAL}, or empty), the latest screening
     * against the Palermo definition ({@code MEETS_DEFINITION}, {@code PARTIAL}, {@code NOT_MET},
     * {@code NOT_SCREENED}) and whether the latest official identification decision found a victim.
     *
     * @param region a gazetteer code prefix of the survivor's place of origin (a province "01"), or null for all
     */
    @Transactional(readOnly = true)
    public List<VictimCount> victimsIdentified(int year, String region) {
        return jdbc.sql("""
                select sex, age_band, nationality, form, definition, official, count(*) from (
                  select s.sex,
                         case when s.birth_year is null then 'UNKNOWN'
                              when extract(year from sc.identified_on) - s.birth_year < 18 then 'CHILD'
                              else 'ADULT' end as age_band,
                         coalesce(s.nationality, '') as nationality,
                         coalesce((select case when count(distinct e.form) > 1 then 'SEVERAL' else min(e.form) end
                                   from case_episode e where e.case_id = sc.id and e.form is not null), '') as form,
                         coalesce((select case x.outcome when 'INDICATORS_MET' then 'MEETS_DEFINITION'
                                                         when 'PARTIAL' then 'PARTIAL' else 'NOT_MET' end
                                   from case_screening x where x.case_id = sc.id
                                   order by x.screened_on desc, x.created_at desc limit 1), 'NOT_SCREENED') as definition,
                         coalesce((select i.outcome = 'IDENTIFIED_VICTIM' from case_identification i
                                   where i.case_id = sc.id and i.voided_at is null
                                   order by i.decided_on desc, i.created_at desc limit 1),
                                  false) as official
                  from survivor_case sc join survivor s on s.id = sc.survivor_id
                  where sc.identified_on >= make_date(:year, 1, 1) and sc.identified_on < make_date(:year + 1, 1, 1)
                    and (cast(:region as varchar) is null or s.origin_place_code like cast(:region as varchar) || '%')
                ) t group by 1, 2, 3, 4, 5, 6""")
                .param("year", year).param("region", region)
                .query((rs, n) -> new VictimCount(rs.getString(1), rs.getString(2), rs.getString(3).trim(),
                        rs.getString(4), rs.getString(5), rs.getBoolean(6), rs.getLong(7)))
                .list();
    }

    /** One group of {@link #victimsIdentified}. */
    public record VictimCount(String sex, String ageBand, String nationality, String form, String definition,
            boolean officiallyIdentified, long cases) {
    }

    /**
     * Services delivered during a period (started on or before {@code to}, not ended before {@code from}), by type
     * and funding source (empty if not recorded): how many services and how many distinct survivors received them.
     */
    @Transactional(readOnly = true)
    public List<ServiceCount> servicesDelivered(LocalDate from, LocalDate to) {
        return jdbc.sql("""
                select sv.service_type, coalesce(sv.funding_source, ''), count(*), count(distinct sc.survivor_id)
                from case_service sv join survivor_case sc on sc.id = sv.case_id
                where sv.started_on <= ? and (sv.ended_on is null or sv.ended_on >= ?)
                group by 1, 2""")
                .params(to, from)
                .query((rs, n) -> new ServiceCount(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4)))
                .list();
    }

    /** One group of {@link #servicesDelivered}. */
    public record ServiceCount(String serviceType, String fundingSource, long services, long people) {
    }

    /**
     * Every case whose survivor has an effective consent to the use of their data in statistics, as coded
     * attributes only — never a name, contact, note, exact place or date — for de-identified record-level exports
     * (the reporting module generalises and suppresses them further). Cases without that consent are counted in
     * {@link CodedVictims#withoutConsent()} and left out.
     */
    @Transactional(readOnly = true)
    public CodedVictims codedVictims(LocalDate today) {
        String consented = """
                exists (select 1 from case_consent c where c.case_id = sc.id and c.scope = 'STATISTICS'
                        and c.withdrawn_at is null and c.given_on <= :today
                        and (c.expires_on is null or c.expires_on >= :today))""";
        long without = jdbc.sql("select count(*) from survivor_case sc where not " + consented)
                .param("today", today).query(Long.class).single();
        List<CodedVictim> victims = jdbc.sql("""
                select sc.id, extract(year from sc.identified_on)::int, s.sex, s.gender,
                       extract(year from sc.identified_on)::int - s.birth_year, s.nationality,
                       (select e.country_code from case_episode e where e.case_id = sc.id and e.stage = 'EXPLOITATION'
                        order by e.started_on desc nulls last, e.created_at desc limit 1),
                       (select max(e.ended_on - e.started_on) from case_episode e
                        where e.case_id = sc.id and e.stage = 'EXPLOITATION'),
                       (select array_agg(distinct e.form) from case_episode e where e.case_id = sc.id and e.form is not null),
                       (select array_agg(distinct e.sector) from case_episode e
                        where e.case_id = sc.id and e.sector is not null),
                       (select array_agg(distinct m) from case_episode e, unnest(e.means_codes) m where e.case_id = sc.id),
                       (select array_agg(distinct e.recruiter_relation) from case_episode e
                        where e.case_id = sc.id and e.recruiter_relation is not null),
                       (select x.outcome from case_screening x where x.case_id = sc.id
                        order by x.screened_on desc, x.created_at desc limit 1)
                from survivor_case sc join survivor s on s.id = sc.survivor_id
                where """ + " " + consented + " order by sc.identified_on, sc.id")
                .param("today", today)
                .query((rs, n) -> new CodedVictim(rs.getObject(1, java.util.UUID.class), rs.getInt(2), rs.getString(3),
                        rs.getString(4), (Integer) rs.getObject(5), trim(rs.getString(6)), trim(rs.getString(7)),
                        (Integer) rs.getObject(8), strings(rs.getArray(9)), strings(rs.getArray(10)),
                        strings(rs.getArray(11)), strings(rs.getArray(12)), rs.getString(13)))
                .list();
        return new CodedVictims(victims, without);
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }

    private static java.util.Set<String> strings(java.sql.Array array) throws java.sql.SQLException {
        return array == null ? java.util.Set.of() : java.util.Set.of((String[]) array.getArray());
    }

    /** The result of {@link #codedVictims}: the consented cases, and how many were left out for want of consent. */
    public record CodedVictims(List<CodedVictim> victims, long withoutConsent) {
    }

    /**
     * One case, coded with the cases module's vocabulary ({@link Vocabulary}); null where not recorded.
     *
     * @param ageAtIdentification years, from the birth year (so ±1)
     * @param daysExploited       the longest exploitation episode with both dates, in days
     * @param screeningOutcome    the latest screening's outcome ({@code INDICATORS_MET}, {@code PARTIAL},
     *                            {@code NOT_MET}) or null if never screened
     */
    public record CodedVictim(java.util.UUID caseId, int identifiedYear, String sex, String gender,
            Integer ageAtIdentification, String nationality, String countryOfExploitation, Integer daysExploited,
            java.util.Set<String> forms, java.util.Set<String> sectors, java.util.Set<String> meansOfControl,
            java.util.Set<String> recruiterRelations, String screeningOutcome) {
    }
}
