-- Reporting: identified exports (for a court, say). A request names cases of the requester's organisation, the
-- proceeding it is for and why; a second person of the same organisation (supervisor or organisation administrator)
-- approves or refuses it; only then may the requester download it, once, as an encrypted file whose password is
-- never stored. The check constraint refuses self-approval even if the service were bypassed.
create table identified_export (
    id                    uuid primary key,
    organisation_id       uuid          not null references organisation(id),
    requested_by          uuid          not null references app_user(id),
    requested_at          timestamptz   not null default now(),
    proceeding_reference  varchar(200)  not null,
    purpose               varchar(1000) not null,
    case_ids              uuid[]        not null check (cardinality(case_ids) between 1 and 100),
    status                varchar(12)   not null check (status in ('REQUESTED', 'APPROVED', 'REFUSED', 'DOWNLOADED')),
    decided_by            uuid          references app_user(id),
    decided_at            timestamptz,
    downloaded_at         timestamptz,
    version               integer       not null default 0,
    check (decided_by is null or decided_by <> requested_by),
    check ((status = 'REQUESTED') = (decided_by is null))
);
create index identified_export_org_idx on identified_export (organisation_id, requested_at desc);
