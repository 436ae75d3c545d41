-- Bulk fill for the statistics benchmark (bench/reporting/stats.sh): :survivors survivors with their cases and
-- :proceedings proceedings, written straight into the real tables with set-based SQL (the Java generator
-- `generate --survivors N` seals every identity and takes ~160 s per 100,000 survivors here, too slow for 1,000,000).
--
-- Identity columns hold dummy ciphertext (one zero byte): statistics and dashboards never read them, so these rows
-- can be counted but not opened in the case pages. Everything the statistics read is filled with realistic
-- distributions: sex (62 % women), age at identification (about a quarter children), nationality (80 % Cambodian),
-- province of origin weighted like the generator's recruitment provinces, identifications growing over 2016-2026,
-- status, forms of exploitation (15 % of cases with a second episode), screening (70 %), official identification
-- (40 %), one to three services per case with funding sources, follow-ups at 3/6/12 months for 60 % of cases,
-- proceedings through the stages with drop-outs, verdicts and the prosecution read model, and outreach activities.
-- Deterministic: setseed(0.42) in one session.
\set ON_ERROR_STOP on
select setseed(0.42);

create temp table bench_org (ix integer, type varchar(40), id uuid);
insert into bench_org
select g - 1, t.type, gen_random_uuid()
from (values ('SHELTER', 20), ('POLICE', 6), ('PREVENTION_NGO', 5)) t(type, n), generate_series(1, t.n) g;
insert into organisation (id, name, type, country_code)
select id, 'Bench ' || type || ' ' || ix, type, 'KH' from bench_org;

create temp table bc as
select g as n, gen_random_uuid() as sid, gen_random_uuid() as cid,
       floor(20 * power(random(), 1.6))::int as org_ix,
       date '2016-01-01' + floor(sqrt(random()) * (date '2026-11-28' - date '2016-01-01'))::int as identified,
       random() r_sex, random() r_age, random() r_nat, random() r_prov, random() r_status, random() r_form,
       random() r_form2, random() r_screen, random() r_ident, random() r_svc, random() r_fu
from generate_series(1, :survivors) g;

insert into survivor (id, organisation_id, identity_sealed, sex, birth_year, nationality, origin_place_code)
select sid, o.id, '\x00'::bytea,
       case when r_sex < .62 then 'FEMALE' when r_sex < .97 then 'MALE' when r_sex < .975 then 'INTERSEX'
            else 'UNKNOWN' end,
       case when r_age < .05 then null
            when r_age < .28 then extract(year from identified)::int - (8 + floor(r_age * 1000)::int % 10)
            else extract(year from identified)::int - (18 + floor(r_age * 10000)::int % 38) end,
       case when r_nat < .80 then 'KHM' when r_nat < .88 then 'VNM' when r_nat < .91 then 'THA'
            when r_nat < .93 then 'LAO' when r_nat < .95 then 'MMR' when r_nat < .96 then 'CHN' end,
       case when r_prov < .05 then null
            else (array['01','01','02','02','03','14','14','20','20','17','21','05','06','08','09','10','11','12',
                        '13','15','16','18','19','22','23','24','25'])[1 + floor(r_prov * 10000)::int % 27]
                 || lpad((1 + floor(r_prov * 100000)::int % 12)::text, 2, '0') end
from bc join bench_org o on o.type = 'SHELTER' and o.ix = bc.org_ix;

insert into survivor_case (id, survivor_id, organisation_id, case_code, status, risk_level, identified_on,
                           identification_channel)
select cid, sid, o.id, 'B' || lpad(n::text, 10, '0'),
       case when identified < date '2024-01-01' and r_status < .7 then 'CLOSED' when r_status < .15 then 'OPEN'
            when r_status < .55 then 'ACTIVE' when r_status < .8 then 'REINTEGRATION' else 'CLOSED' end,
       (array['LOW','MEDIUM','HIGH'])[1 + floor(r_status * 1000)::int % 3], identified,
       (array['HOTLINE','POLICE_OPERATION','SELF_REFERRAL','OUTREACH','REPATRIATION','EMBASSY','OTHER'])
           [1 + floor(r_status * 10000)::int % 7]
from bc join bench_org o on o.type = 'SHELTER' and o.ix = bc.org_ix;

insert into case_episode (id, case_id, stage, started_on, ended_on, country_code, form)
select gen_random_uuid(), cid, 'EXPLOITATION', identified - 200, identified - 10,
       (array['THA','THA','THA','MYS','KHM','KHM','VNM','CHN'])[1 + floor(r_form * 1000)::int % 8],
       case when r_form < .10 then null when r_form < .45 then 'SEXUAL_EXPLOITATION'
            when r_form < .85 then 'FORCED_LABOUR' when r_form < .91 then 'FORCED_MARRIAGE'
            when r_form < .95 then 'BEGGING' when r_form < .97 then 'FORCED_CRIMINALITY' else 'OTHER' end
from bc;
insert into case_episode (id, case_id, stage, started_on, ended_on, country_code, form)
select gen_random_uuid(), cid, 'EXPLOITATION', identified - 400, identified - 250, 'THA',
       case when r_form2 < .08 then 'FORCED_LABOUR' else 'SEXUAL_EXPLOITATION' end
from bc where r_form2 < .15;

insert into case_screening (id, case_id, instrument_version, screened_on, indicator_codes, act_met, means_met,
                            means_required, purpose_met, outcome)
select gen_random_uuid(), cid, 'bench', identified + 5, '{}', true, r_screen < .5, true, true,
       case when r_screen < .42 then 'INDICATORS_MET' when r_screen < .6 then 'PARTIAL' else 'NOT_MET' end
from bc where r_screen < .7;

insert into case_identification (id, case_id, decided_by_sealed, authority, form, decided_on, outcome)
select gen_random_uuid(), cid, '\x00'::bytea, 'MOSAVY', 'bench', identified + 30,
       case when r_ident < .34 then 'IDENTIFIED_VICTIM' when r_ident < .37 then 'POSSIBLE_VICTIM'
            else 'NOT_A_VICTIM' end
from bc where r_ident < .4;

insert into case_service (id, case_id, service_type, started_on, ended_on, funding_source)
select gen_random_uuid(), cid,
       (array['SHELTER','MEDICAL','PSYCHOSOCIAL','LEGAL_AID','EDUCATION','VOCATIONAL_TRAINING','FAMILY_TRACING',
              'REPATRIATION','REINTEGRATION_SUPPORT','LIVELIHOOD','CASH_SUPPORT'])
           [1 + (floor(r_svc * 1000000)::int + k * 7) % 11],
       identified + k * 20,
       case when identified + k * 20 + 200 < date '2026-11-28' and random() < .8
            then identified + k * 20 + 30 + floor(random() * 330)::int end,
       (array['Bench Donor USAID','Bench Donor EU','Bench Donor UNICEF','Bench Donor IOM','Bench Private',
              'Government', null])[1 + floor(random() * 7)::int]
from bc, generate_series(1, 3) k where k <= 1 + floor(r_svc * 3);

insert into case_follow_up (id, case_id, months_after, due_on, done_on)
select gen_random_uuid(), cid, m, (identified + make_interval(months => m))::date,
       case when (identified + make_interval(months => m))::date < date '2026-11-28' and random() < .75
            then (identified + make_interval(months => m))::date + 5 end
from bc, unnest(array[3, 6, 12]) m where r_fu < .6;

-- Proceedings: depth 0..6 along COMPLAINT .. CLOSED, or dropped from a stage; verdicts for those that got there.
create temp table bp as
select g as n, gen_random_uuid() as id, floor(6 * random())::int as org_ix,
       date '2016-01-01' + floor(sqrt(random()) * 3980)::int as complaint, random() r_stage, random() r_form,
       random() r_prov
from generate_series(1, :proceedings) g;
alter table bp add column depth integer, add column dropped boolean;
update bp set dropped = r_stage < .2,
              depth = case when r_stage < .2 then floor(r_stage * 20)::int % 4 when r_stage < .3 then 0
                           when r_stage < .5 then 1 when r_stage < .6 then 2 when r_stage < .7 then 3
                           when r_stage < .78 then 4 when r_stage < .85 then 5 else 6 end;

insert into proceeding (id, owner_organisation_id, country_code, province_code, exploitation_form, stage,
                        stage_since, complaint_on, drop_reason, dropped_from, created_by)
select bp.id, o.id, 'KH',
       case when r_prov < .05 then null
            else (array['01','01','01','02','03','14','20','17','21','12','18','22'])[1 + floor(r_prov * 1000)::int % 12] end,
       case when r_form < .40 then 'SEXUAL_EXPLOITATION' when r_form < .80 then 'FORCED_LABOUR'
            when r_form < .87 then 'FORCED_MARRIAGE' when r_form < .92 then 'FORCED_CRIMINALITY'
            when r_form < .96 then 'BEGGING' else 'OTHER' end,
       case when dropped then 'DROPPED'
            else (array['COMPLAINT','INVESTIGATION','ARREST','CHARGE','TRIAL','VERDICT','CLOSED'])[depth + 1] end,
       complaint + depth * 60 + case when dropped then 30 else 0 end, complaint,
       case when dropped then (array['INSUFFICIENT_EVIDENCE','VICTIM_WITHDREW','SUSPECT_NOT_FOUND','SETTLED_OUT_OF_COURT'])
                                  [1 + floor(r_form * 1000)::int % 4] end,
       case when dropped then (array['COMPLAINT','INVESTIGATION','ARREST','CHARGE'])[depth + 1] end,
       gen_random_uuid()
from bp join bench_org o on o.type = 'POLICE' and o.ix = bp.org_ix;

insert into proceeding_stage_history (proceeding_id, stage, entered_on, recorded_by)
select bp.id, (array['COMPLAINT','INVESTIGATION','ARREST','CHARGE','TRIAL','VERDICT','CLOSED'])[i + 1],
       complaint + i * 60, '00000000-0000-0000-0000-000000000000'
from bp, generate_series(0, 6) i where i <= depth order by bp.n, i;
insert into proceeding_stage_history (proceeding_id, stage, entered_on, recorded_by)
select id, 'DROPPED', complaint + depth * 60 + 30, '00000000-0000-0000-0000-000000000000' from bp where dropped;

create temp table bs as select bp.id as proceeding_id, gen_random_uuid() as suspect_id, o.id as org,
       case when random() < .75 then 'CONVICTED' else 'ACQUITTED' end as verdict, complaint + 300 as verdict_on
from bp join bench_org o on o.type = 'POLICE' and o.ix = bp.org_ix where not dropped and depth >= 5;
insert into suspect (id, owner_organisation_id, name_sealed, sex) select suspect_id, org, '\x00'::bytea, 'MALE' from bs;
insert into proceeding_defendant (proceeding_id, suspect_id, role, verdict, verdict_on, prison_months)
select proceeding_id, suspect_id, 'RECRUITER', verdict, verdict_on,
       case when verdict = 'CONVICTED' then 24 + floor(random() * 120)::int end from bs;
select prosecution_attrition_refresh(array(select id from proceeding));

-- Outreach: 50 activities per 1,000 proceedings' worth of time (50,000 for the default size).
insert into outreach_activity (id, organisation_id, method, activity_date, place_code, f_12_17, f_18_24, f_25_59,
                               m_12_17, m_18_24, m_25_59, o_18_24, created_by)
select gen_random_uuid(), o.id,
       (array['DRAMA','ART','SCHOOL_SESSION','COMMUNITY_MEETING','TRAINING','RADIO_TV','SOCIAL_MEDIA','OTHER'])
           [1 + floor(random() * 8)::int],
       date '2016-01-01' + floor(sqrt(random()) * 3980)::int,
       (array['0102','0203','1401','2002','1702','2101','0304','1205'])[1 + floor(random() * 8)::int],
       floor(random() * 20)::int, floor(random() * 30)::int, floor(random() * 40)::int,
       floor(random() * 20)::int, floor(random() * 25)::int, floor(random() * 35)::int, floor(random() * 3)::int,
       (select id from app_user order by created_at limit 1)
from generate_series(1, :proceedings / 2) g join bench_org o on o.type = 'PREVENTION_NGO' and o.ix = g % 5;

analyze;
select (select count(*) from survivor) survivors, (select count(*) from survivor_case) cases,
       (select count(*) from case_service) services, (select count(*) from case_follow_up) follow_ups,
       (select count(*) from proceeding) proceedings, (select count(*) from outreach_activity) outreach;
