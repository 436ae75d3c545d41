-- Reporting summaries for the law-enforcement block of the national statistics and the de-duplicated count of people
-- (issue 7, speed): filled by the same refresh as V650 (ReportSummaries, delete and re-insert in one transaction).
-- The verdict and compensation rows come from the prosecution module's public counts API
-- (org.haven.prosecution.ProsecutionStatistics), not from its tables. Counts and sums only: no ids, no names.
-- province: the proceeding's province code as recorded ('' when not recorded).
-- top1/top2: the largest and second largest single amount of the group (a fine, an order, what was paid on an order),
-- kept only for the dominance rule on amounts and never published; null when the group has fewer contributions.

-- Defendants whose verdict fell in the year.
create table rpt_verdict_year (
    year           integer       not null,
    country_code   char(2)       not null,
    province       varchar(10)   not null,
    form           varchar(40)   not null,
    verdict        varchar(20)   not null,
    sentence_band  varchar(20)   not null,
    palermo        boolean       not null,
    fined          boolean       not null,
    fine_currency  varchar(3)    not null,
    defendants     bigint        not null,
    fine_amount    numeric(20,2) not null,
    fine_top1      numeric(14,2),
    fine_top2      numeric(14,2)
);
create index rpt_verdict_year_idx on rpt_verdict_year (year, country_code, province);

-- Compensation orders made in the year, by what has been paid on them.
create table rpt_compensation_year (
    year           integer       not null,
    country_code   char(2)       not null,
    province       varchar(10)   not null,
    form           varchar(40)   not null,
    payment        varchar(20)   not null,
    currency       varchar(3)    not null,
    orders         bigint        not null,
    ordered        numeric(20,2) not null,
    paid           numeric(20,2) not null,
    ordered_top1   numeric(14,2),
    ordered_top2   numeric(14,2),
    paid_top1      numeric(14,2),
    paid_top2      numeric(14,2)
);
create index rpt_compensation_year_idx on rpt_compensation_year (year, country_code, province);

-- Cases identified in the year and the distinct people among their survivors once confirmed links are merged
-- (linkage's RecordLinkage.distinctPeople), per province of origin ('' when not recorded) and, with a null province,
-- over the whole year (people are not additive over provinces: one person may be registered in two).
create table rpt_people_year (
    year      integer    not null,
    province  varchar(2),
    cases     bigint     not null,
    people    bigint     not null
);
create index rpt_people_year_idx on rpt_people_year (year, province);
