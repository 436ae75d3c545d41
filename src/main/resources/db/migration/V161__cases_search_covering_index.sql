-- Protection: the name search reaches every matching survivor's case through survivor_id and needs only these
-- columns to filter by reach, sort and page; with them in the index the probe is an index-only scan and never visits
-- the table (docs/benchmarks.md, Protection: 20-user p95 143 -> 112 ms on 100,000 survivors). It replaces the plain
-- survivor_id index, which it covers.
create index if not exists survivor_case_search_idx on survivor_case (survivor_id)
    include (organisation_id, assigned_caseworker_id, identified_on, case_code, status, risk_level, id);
drop index if exists survivor_case_survivor_idx;
