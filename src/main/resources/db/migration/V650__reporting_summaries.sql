-- Reporting summaries (issue 7, speed): narrow pre-aggregated tables that the national statistics and the dashboards
-- read instead of scanning case, prosecution and outreach tables on each request. Filled by the reporting module's
-- scheduled refresh (org.haven.reporting.internal.SummaryRefresh: delete and re-insert in one transaction, so
-- readers see either the old or the new figures, never a mix). Counts only: no ids of survivors, no names.
-- province: the two-digit gazetteer code (first two characters of the place code), '' when not recorded.
-- Dashboard summaries carry the organisation's country and, besides one row group per organisation, rows with a null
-- organisation_id holding the totals over all organisations of that country (what analysts see by default), so the
-- widest dashboard reads a few thousand rows instead of summing every organisation's.

-- When the summaries were last refreshed (one row).
create table rpt_refresh (
    id            integer primary key check (id = 1),
    refreshed_at  timestamptz not null,
    duration_ms   bigint      not null
);

-- National statistics: cases identified in a year by the attributes of CaseStatistics.victimsIdentified.
create table rpt_victim_year (
    year         integer     not null,
    province     varchar(2)  not null,
    sex          varchar(20) not null,
    age_band     varchar(10) not null,
    nationality  varchar(3)  not null,
    form         varchar(30) not null,
    definition   varchar(20) not null,
    official     boolean     not null,
    cases        bigint      not null
);
create index rpt_victim_year_idx on rpt_victim_year (year, province);

-- National statistics: services active during a year (started by its end, not ended before its start) by type and
-- funding source, with distinct survivors served (people cannot be summed over years, hence one row per year).
create table rpt_service_year (
    year            integer      not null,
    service_type    varchar(30)  not null,
    funding_source  varchar(200) not null,
    services        bigint       not null,
    people          bigint       not null
);
create index rpt_service_year_idx on rpt_service_year (year);

-- Dashboards: the current caseload by status.
create table rpt_caseload (
    country_code     char(2)     not null,
    organisation_id  uuid,
    province         varchar(2)  not null,
    status           varchar(20) not null,
    cases            bigint      not null
);
create index rpt_caseload_org_idx on rpt_caseload (organisation_id, country_code);

-- Dashboards: cases by month of identification and the survivor's sex.
create table rpt_identified_month (
    month            date        not null,
    country_code     char(2)     not null,
    organisation_id  uuid,
    province         varchar(2)  not null,
    sex              varchar(20) not null,
    cases            bigint      not null
);
create index rpt_identified_month_idx on rpt_identified_month (organisation_id, country_code, month);

-- Dashboards: services by month started and type (case organisation, survivor's province of origin).
create table rpt_service_month (
    month            date        not null,
    country_code     char(2)     not null,
    organisation_id  uuid,
    province         varchar(2)  not null,
    service_type     varchar(30) not null,
    services         bigint      not null
);
create index rpt_service_month_idx on rpt_service_month (organisation_id, country_code, month);

-- Dashboards: follow-ups by month due, done or still open.
create table rpt_follow_up_month (
    month            date        not null,
    country_code     char(2)     not null,
    organisation_id  uuid,
    province         varchar(2)  not null,
    done             boolean     not null,
    follow_ups       bigint      not null
);
create index rpt_follow_up_month_idx on rpt_follow_up_month (organisation_id, country_code, month);

-- Dashboards: proceedings by month of complaint, current stage and form (owning organisation, proceeding province).
create table rpt_proceeding_month (
    month            date        not null,
    country_code     char(2)     not null,
    organisation_id  uuid,
    province         varchar(2)  not null,
    stage            varchar(20) not null,
    form             varchar(40) not null,
    proceedings      bigint      not null
);
create index rpt_proceeding_month_idx on rpt_proceeding_month (organisation_id, country_code, month);

-- Dashboards: outreach activities and people reached by month and method.
create table rpt_outreach_month (
    month            date        not null,
    country_code     char(2)     not null,
    organisation_id  uuid,
    province         varchar(2)  not null,
    method           varchar(30) not null,
    activities       bigint      not null,
    female           bigint      not null,
    male             bigint      not null,
    other            bigint      not null
);
create index rpt_outreach_month_idx on rpt_outreach_month (organisation_id, country_code, month);
