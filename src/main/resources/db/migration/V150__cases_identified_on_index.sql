-- Cases (cases module): national statistics and dashboards select cases by the date of identification.
create index survivor_case_identified_idx on survivor_case (identified_on);
create index case_service_period_idx on case_service (started_on);
