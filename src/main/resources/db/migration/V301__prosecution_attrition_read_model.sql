-- Attrition read model: one narrow row per proceeding with what the attrition report aggregates (how far it got,
-- verdicts, why it was dropped, days spent in each stage, form, province, complaint year). Maintained by
-- prosecution_attrition_refresh(ids) in the same transaction as every change that affects it (open, edit, stage move,
-- reopening, defendants and verdicts), so the report reads one indexed row per proceeding instead of re-deriving the
-- cohort from the stage history on each request.

create table proceeding_attrition (
    proceeding_id          uuid primary key references proceeding(id) on delete cascade,
    country_code           char(2)     not null,
    province_code          varchar(10),
    complaint_year         integer     not null,
    exploitation_form      varchar(40) not null,
    stage                  varchar(20) not null,
    reached_investigation  boolean     not null,
    reached_arrest         boolean     not null,
    reached_charge         boolean     not null,
    reached_trial          boolean     not null,
    convicted              boolean     not null,
    decided                boolean     not null,
    drop_reason            varchar(40),
    dropped_from           varchar(20),
    -- days spent in each stage over its completed stays (a stage entered twice after a reopening: the sum);
    -- null while the stage was never left (the current stage's open stay does not count)
    days_complaint         integer,
    days_investigation     integer,
    days_arrest            integer,
    days_charge            integer,
    days_trial             integer,
    days_verdict           integer,
    days_appeal            integer,
    days_closed            integer,
    days_dropped           integer
);
create index proceeding_attrition_cohort_idx on proceeding_attrition (country_code, complaint_year, province_code);

create function prosecution_attrition_refresh(ids uuid[]) returns integer language plpgsql as $$
declare
    n integer;
begin
    insert into proceeding_attrition (proceeding_id, country_code, province_code, complaint_year, exploitation_form,
        stage, reached_investigation, reached_arrest, reached_charge, reached_trial, convicted, decided, drop_reason,
        dropped_from, days_complaint, days_investigation, days_arrest, days_charge, days_trial, days_verdict,
        days_appeal, days_closed, days_dropped)
    select p.id, p.country_code, p.province_code, extract(year from p.complaint_on)::integer, p.exploitation_form,
        p.stage, coalesce(h.inv, false), coalesce(h.arr, false), coalesce(h.chg, false), coalesce(h.tri, false),
        coalesce(v.convicted, false), coalesce(v.decided, false), p.drop_reason, p.dropped_from,
        h.d_complaint, h.d_investigation, h.d_arrest, h.d_charge, h.d_trial, h.d_verdict, h.d_appeal, h.d_closed,
        h.d_dropped
    from proceeding p
    left join lateral (
        select bool_or(s.stage = 'INVESTIGATION') inv, bool_or(s.stage = 'ARREST') arr,
               bool_or(s.stage = 'CHARGE') chg, bool_or(s.stage = 'TRIAL') tri,
               sum(s.days) filter (where s.stage = 'COMPLAINT') d_complaint,
               sum(s.days) filter (where s.stage = 'INVESTIGATION') d_investigation,
               sum(s.days) filter (where s.stage = 'ARREST') d_arrest,
               sum(s.days) filter (where s.stage = 'CHARGE') d_charge,
               sum(s.days) filter (where s.stage = 'TRIAL') d_trial,
               sum(s.days) filter (where s.stage = 'VERDICT') d_verdict,
               sum(s.days) filter (where s.stage = 'APPEAL') d_appeal,
               sum(s.days) filter (where s.stage = 'CLOSED') d_closed,
               sum(s.days) filter (where s.stage = 'DROPPED') d_dropped
        from (select x.stage, lead(x.entered_on) over (order by x.id) - x.entered_on days
              from proceeding_stage_history x where x.proceeding_id = p.id) s
    ) h on true
    left join lateral (
        select bool_or(d.verdict = 'CONVICTED') convicted, bool_or(d.verdict is not null) decided
        from proceeding_defendant d where d.proceeding_id = p.id
    ) v on true
    where p.id = any(ids)
    on conflict (proceeding_id) do update set country_code = excluded.country_code,
        province_code = excluded.province_code, complaint_year = excluded.complaint_year,
        exploitation_form = excluded.exploitation_form, stage = excluded.stage,
        reached_investigation = excluded.reached_investigation, reached_arrest = excluded.reached_arrest,
        reached_charge = excluded.reached_charge, reached_trial = excluded.reached_trial,
        convicted = excluded.convicted, decided = excluded.decided, drop_reason = excluded.drop_reason,
        dropped_from = excluded.dropped_from, days_complaint = excluded.days_complaint,
        days_investigation = excluded.days_investigation, days_arrest = excluded.days_arrest,
        days_charge = excluded.days_charge, days_trial = excluded.days_trial, days_verdict = excluded.days_verdict,
        days_appeal = excluded.days_appeal, days_closed = excluded.days_closed, days_dropped = excluded.days_dropped;
    get diagnostics n = row_count;
    return n;
end
$$;

-- backfill: every proceeding recorded before this migration
select prosecution_attrition_refresh(array(select id from proceeding));
