-- Dashboards: referrals by month sent, direction and current status (issue 7). Filled by the reporting module's
-- org.haven.reporting.ReferralSummary from the referrals module's counts-only API (ReferralCounts.summary), apart from
-- the V650 summaries (ReportSummaries) and on the same schedule; delete and re-insert in one transaction. Counts only.
-- direction: OUTGOING (organisation_id sent it) or INCOMING (organisation_id received it); for the country rows
-- (organisation_id null) the sender's, respectively the receiver's, country. province: the case survivor's province
-- of origin (two-digit gazetteer code, '' when not recorded).
create table rpt_referral_month (
    month            date        not null,
    country_code     char(2)     not null,
    organisation_id  uuid,
    province         varchar(2)  not null,
    direction        varchar(10) not null,
    status           varchar(20) not null,
    referrals        bigint      not null
);
create index rpt_referral_month_idx on rpt_referral_month (organisation_id, country_code, month);

-- When rpt_referral_month was last refreshed (one row).
create table rpt_referral_refresh (
    id            integer primary key check (id = 1),
    refreshed_at  timestamptz not null,
    duration_ms   bigint      not null
);
